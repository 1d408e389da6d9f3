package org.ltintercom.callserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain java.net.http client for the REST API, as a device would call it. */
final class RestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** HTTP status, parsed body, and the returnCode/returnMessage every response carries. */
    record Reply(int status, JsonNode body) {
        int code() {
            return body.path("returnCode").asInt(Integer.MIN_VALUE);
        }

        String message() {
            return body.path("returnMessage").asText();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    RestClient(URI base) {
        this.base = base;
    }

    Reply post(String path, String token, String json) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply post(String path, String token, byte[] body) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Reply method(String method, String path, String token) {
        return send(request(path, token).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** init as the given user; returns the token (asserting success). */
    String init(String userID, String uuid) {
        Reply r = post("/v1/init", null, json("licenseKey", CallServerConfig.DEMO_LICENSE_KEY, "userID", userID,
                "uuid", uuid));
        if (r.code() != 0) {
            throw new AssertionError("init " + userID + " failed: " + r.body());
        }
        return r.body().get("token").asText();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A JSON object from name/value pairs (values: String, Number, Boolean, List, or JsonNode). */
    static String json(Object... pairs) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
        }
        return node.toString();
    }
}
