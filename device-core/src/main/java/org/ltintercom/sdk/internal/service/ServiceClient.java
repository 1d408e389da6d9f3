package org.ltintercom.sdk.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTReturnCode;
import org.ltintercom.sdk.LTUser;
import org.ltintercom.sdk.LTUserStatus;
import org.ltintercom.sdk.LTUserStatusResponse;
import org.ltintercom.sdk.LTUsersResponse;
import org.ltintercom.sdk.call.LTBlockListResponse;
import org.ltintercom.sdk.call.LTCallCDRNotificationMessage;
import org.ltintercom.sdk.call.LTUserCDRResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The REST client of docs/protocol.md ("REST API"): one method per endpoint, each returning a
 * future that always completes normally. Transport trouble becomes returnCode -3 (TIMEOUT, no
 * answer within the request timeout) or -1 (FAILED: refused, unreadable); the service's own
 * refusals keep the service's returnCode and message. The bearer token is never logged.
 */
public final class ServiceClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final URI base;
    private final Duration requestTimeout;
    private final ExecutorService httpThreads;
    private final HttpClient http;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile String token;
    private volatile boolean closed;

    public ServiceClient(URI base, Duration connectTimeout, Duration requestTimeout) {
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.httpThreads = Executors.newCachedThreadPool(runnable -> {
            Thread t = new Thread(runnable, "lt-sdk-http-" + THREAD_NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .executor(httpThreads)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The bearer token for every request after init. */
    public void useToken(String token) {
        this.token = token;
    }

    public CompletableFuture<InitResult> init(String licenseKey, String userID, String uuid) {
        ObjectNode body = WireFormat.JSON.createObjectNode().put("licenseKey", licenseKey).put("userID", userID).put("uuid", uuid);
        return exchange("POST", "/v1/init", body, false,
                (ok, f) -> new InitResult(ok, f.text("token"), WireFormat.user(f.object("user")), WireFormat.sip(f.object("sip"))),
                failed -> new InitResult(failed, null, null, null));
    }

    public CompletableFuture<LTUsersResponse> users() {
        return exchange("GET", "/v1/users", null, true, (ok, f) -> {
            List<LTUser> users = new ArrayList<>();
            for (JsonFields u : f.objectList("users")) {
                users.add(WireFormat.user(u));
            }
            return new LTUsersResponse(ok.returnCode(), ok.returnMessage(), users);
        }, failed -> new LTUsersResponse(failed.returnCode(), failed.returnMessage(), List.of()));
    }

    public CompletableFuture<LTUserStatusResponse> userStatusByPhoneNumbers(List<String> phoneNumbers) {
        return userStatus("phoneNumbers", phoneNumbers);
    }

    public CompletableFuture<LTUserStatusResponse> userStatusBySemiUIDs(List<String> semiUIDs) {
        return userStatus("semiUIDs", semiUIDs);
    }

    private CompletableFuture<LTUserStatusResponse> userStatus(String listName, List<String> keys) {
        ObjectNode body = WireFormat.JSON.createObjectNode();
        keys.forEach(body.putArray(listName)::add);
        return exchange("POST", "/v1/users/status", body, true, (ok, f) -> {
            List<LTUserStatus> statuses = new ArrayList<>();
            for (JsonFields s : f.objectList("userStatuses")) {
                statuses.add(WireFormat.userStatus(s));
            }
            return new LTUserStatusResponse(ok.returnCode(), ok.returnMessage(), statuses);
        }, failed -> new LTUserStatusResponse(failed.returnCode(), failed.returnMessage(), List.of()));
    }

    public CompletableFuture<LTResponse> notificationKey(String wakeupTopic, boolean cleanOld) {
        ObjectNode body = WireFormat.JSON.createObjectNode().put("wakeupTopic", wakeupTopic).put("cleanOld", cleanOld);
        return exchange("POST", "/v1/notification-key", body, true, (ok, f) -> ok, failed -> failed);
    }

    public CompletableFuture<LTUserCDRResponse> queryCdr(String userID, long markTS, int afterN) {
        ObjectNode body = WireFormat.JSON.createObjectNode().put("userID", userID).put("markTS", markTS).put("afterN", afterN);
        return exchange("POST", "/v1/cdr/query", body, true, (ok, f) -> {
            List<LTCallCDRNotificationMessage> cdrs = new ArrayList<>();
            for (JsonFields c : f.objectList("cdrMessages")) {
                cdrs.add(WireFormat.cdr(c));
            }
            int count = f.intValue("count");
            if (count != cdrs.size()) {
                throw new WireFormatException("count", count + " but " + cdrs.size() + " cdrMessages");
            }
            return new LTUserCDRResponse(ok.returnCode(), ok.returnMessage(), f.longValue("markTS"), cdrs);
        }, failed -> new LTUserCDRResponse(failed.returnCode(), failed.returnMessage(), markTS, List.of()));
    }

    public CompletableFuture<LTResponse> block(String userID, List<String> blockUserIDs) {
        return blockChange("/v1/block", userID, blockUserIDs);
    }

    public CompletableFuture<LTResponse> unblock(String userID, List<String> blockUserIDs) {
        return blockChange("/v1/unblock", userID, blockUserIDs);
    }

    private CompletableFuture<LTResponse> blockChange(String path, String userID, List<String> blockUserIDs) {
        ObjectNode body = WireFormat.JSON.createObjectNode().put("userID", userID);
        blockUserIDs.forEach(body.putArray("blockUserIDs")::add);
        return exchange("POST", path, body, true, (ok, f) -> ok, failed -> failed);
    }

    public CompletableFuture<LTBlockListResponse> blockList(String userID) {
        ObjectNode body = WireFormat.JSON.createObjectNode().put("userID", userID);
        return exchange("POST", "/v1/block/list", body, true,
                (ok, f) -> new LTBlockListResponse(ok.returnCode(), ok.returnMessage(), f.textList("userIDs")),
                failed -> new LTBlockListResponse(failed.returnCode(), failed.returnMessage(), List.of()));
    }

    /** Completes every request still waiting with -1 (FAILED) and stops the HTTP threads. */
    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<?> pending : List.copyOf(inFlight)) {
            pending.cancel(false);
        }
        httpThreads.shutdownNow();
    }

    /** Maps a successful response body to T; throws when the body lacks what protocol.md promises. */
    @FunctionalInterface
    interface SuccessMapper<T> {
        T map(LTResponse ok, JsonFields body) throws WireFormatException;
    }

    private <T> CompletableFuture<T> exchange(String method, String path, ObjectNode body, boolean authorised,
                                              SuccessMapper<T> onSuccess, Function<LTResponse, T> onFailure) {
        if (closed) {
            return CompletableFuture.completedFuture(onFailure.apply(
                    new LTResponse(LTReturnCode.FAILED, "request: the SDK was cleaned up")));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(base.getPath() + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String bearer = token;
        if (authorised && bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        inFlight.add(sent);
        return sent.handle((response, failure) -> {
            inFlight.remove(sent);
            LTResponse outcome;
            T result;
            if (failure != null) {
                outcome = transportFailure(method, path, failure);
                result = onFailure.apply(outcome);
            } else {
                Parsed<T> parsed = parse(response, onSuccess);
                outcome = parsed.status();
                result = parsed.result() != null ? parsed.result() : onFailure.apply(outcome);
            }
            log.debug("{} {} -> returnCode {} ({} ms)", method, path, outcome.returnCode(), (System.nanoTime() - started) / 1_000_000);
            return result;
        });
    }

    private record Parsed<T>(LTResponse status, T result) {
    }

    private <T> Parsed<T> parse(HttpResponse<byte[]> response, SuccessMapper<T> onSuccess) {
        int http = response.statusCode();
        JsonFields body;
        LTResponse status;
        try {
            JsonNode tree = WireFormat.JSON.readTree(response.body());
            body = JsonFields.root(tree);
            status = new LTResponse(body.intValue("returnCode"), body.optionalText("returnMessage"));
        } catch (IOException | WireFormatException e) {
            log.warn("{} answered HTTP {} with an unreadable body: {}", base, http, e.getMessage());
            return new Parsed<>(new LTResponse(LTReturnCode.FAILED, "response: unreadable (HTTP " + http + "): " + e.getMessage()), null);
        }
        if (!status.isSuccess()) {
            return new Parsed<>(status, null);
        }
        try {
            return new Parsed<>(status, onSuccess.map(status, body));
        } catch (WireFormatException e) {
            log.warn("{} answered a success that does not follow the protocol: {}", base, e.getMessage());
            return new Parsed<>(new LTResponse(LTReturnCode.FAILED, "response: " + e.getMessage()), null);
        }
    }

    private LTResponse transportFailure(String method, String path, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        LTResponse outcome;
        if (cause instanceof HttpConnectTimeoutException) {
            outcome = new LTResponse(LTReturnCode.TIMEOUT, "connect: no connection to " + base + " within the connect timeout");
        } else if (cause instanceof HttpTimeoutException) {
            outcome = new LTResponse(LTReturnCode.TIMEOUT, "request: no answer from " + base + " within " + requestTimeout);
        } else if (cause instanceof ConnectException) {
            outcome = new LTResponse(LTReturnCode.FAILED, "connect: " + base + " refused the connection");
        } else if (cause instanceof java.util.concurrent.CancellationException) {
            outcome = new LTResponse(LTReturnCode.FAILED, "request: abandoned, the SDK was cleaned up");
        } else {
            outcome = new LTResponse(LTReturnCode.FAILED, "request: " + cause);
        }
        log.warn("{} {}: {}", method, path, outcome.returnMessage());
        return outcome;
    }
}
