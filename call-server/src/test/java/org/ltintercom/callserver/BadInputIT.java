package org.ltintercom.callserver;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.callserver.RestClient.json;

/**
 * Every kind of bad input, on every endpoint: the answer names the field and the reason, the
 * database is exactly as before, and the server keeps serving.
 */
class BadInputIT extends BackendScenarios {
    private static final String SQL = "'; DROP TABLE users; --";

    /** One bad request and the answer it must get. */
    private record Case(String path, String body, int status, int code, String message) {
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void malformedJsonIsRefusedOnEveryEndpoint(Backend backend, @TempDir Path dir) throws Exception {
        List<Case> cases = Arrays.stream(new String[]{"/v1/init", "/v1/users/status", "/v1/notification-key",
                        "/v1/cdr/query", "/v1/block", "/v1/unblock", "/v1/block/list", "/v1/admin/cdr"})
                .flatMap(p -> List.of(
                        new Case(p, "{\"userID\": ", 400, 6, "body: malformed JSON"),
                        new Case(p, "{\"a\":1} trailing", 400, 6, "body: malformed JSON"),
                        new Case(p, "{\"userID\":\"u-1\",\"userID\":\"u-2\"}", 400, 6, "body: malformed JSON"),
                        new Case(p, "[1,2]", 400, 6, "body: must be a JSON object"),
                        new Case(p, "\"text\"", 400, 6, "body: must be a JSON object"),
                        new Case(p, "", 400, 6, "body: empty")).stream())
                .toList();
        check(backend, dir, cases);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void wrongTypesAreRefusedNamingTheField(Backend backend, @TempDir Path dir) throws Exception {
        check(backend, dir, List.of(
                new Case("/v1/init", json("licenseKey", "demo-license", "userID", 1, "uuid", "x"), 400, 6,
                        "userID: must be a string"),
                new Case("/v1/init", json("licenseKey", List.of("demo-license"), "userID", "u-1", "uuid", "x"), 400, 6,
                        "licenseKey: must be a string"),
                new Case("/v1/users/status", json("phoneNumbers", List.of("+12345", 12345)), 400, 6,
                        "phoneNumbers[1]: must be a string"),
                new Case("/v1/users/status", json("semiUIDs", "semi-1"), 400, 6, "semiUIDs: must be a list of strings"),
                new Case("/v1/notification-key", json("wakeupTopic", "lt/v1/u-1/wakeup", "cleanOld", "yes"), 400, 6,
                        "cleanOld: must be true or false"),
                new Case("/v1/cdr/query", json("userID", "u-1", "markTS", "now", "afterN", 5), 400, 6,
                        "markTS: must be an integer"),
                new Case("/v1/cdr/query", json("userID", "u-1", "markTS", true, "afterN", 5), 400, 6,
                        "markTS: must be an integer"),
                new Case("/v1/cdr/query", "{\"userID\":\"u-1\",\"markTS\":1e3,\"afterN\":5}", 400, 6,
                        "markTS: must be an integer"),
                new Case("/v1/cdr/query", "{\"userID\":\"u-1\",\"markTS\":99999999999999999999,\"afterN\":5}", 400, 6,
                        "markTS: must be an integer"),
                new Case("/v1/block", json("userID", "u-1", "blockUserIDs", "u-2"), 400, 6,
                        "blockUserIDs: must be a list of strings"),
                new Case("/v1/block/list", json("userID", null), 400, 6, "userID: required"),
                new Case("/v1/admin/cdr", json("caller", "u-1", "callee", "u-2", "callStartTime", 1, "callEndTime", 2,
                        "endReason", "busy"), 400, 6, "endReason: must be an integer"),
                new Case("/v1/admin/cdr", json("caller", "u-1", "callee", "u-2", "callStartTime", 1, "callEndTime", 2,
                        "endReason", 1, "callerInfo", "u-1"), 400, 6, "callerInfo: must be a JSON object"),
                new Case("/v1/admin/cdr", json("caller", "u-1", "callee", "u-2", "callStartTime", 1, "callEndTime", 2,
                        "endReason", 1, "callerInfo", Map.of("extInfo", List.of())), 400, 6,
                        "callerInfo.extInfo: must be a JSON object")));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void missingBlankUnknownAndOutOfRangeFieldsAreRefused(Backend backend, @TempDir Path dir) throws Exception {
        String tooLong = "x".repeat(257);
        check(backend, dir, List.of(
                new Case("/v1/init", json("licenseKey", "demo-license", "userID", "u-1"), 400, 6, "uuid: required"),
                new Case("/v1/init", json("licenseKey", "demo-license", "userID", " ", "uuid", "x"), 400, 6,
                        "userID: must not be blank"),
                new Case("/v1/init", json("licenseKey", "demo-license", "userId", "u-1", "uuid", "x"), 400, 6,
                        "userId: unknown field"),
                new Case("/v1/init", json("licenseKey", "demo-license", "userID", tooLong, "uuid", "x"), 400, 6,
                        "userID: longer than 256 characters"),
                new Case("/v1/notification-key", json("wakeupTopic", "lt/v1/u-1/wakeup", "apnsToken", "x"), 400, 6,
                        "apnsToken: unknown field"),
                new Case("/v1/cdr/query", json("userID", "u-1", "afterN", 5), 400, 6, "markTS: required"),
                new Case("/v1/block", json("userID", "u-1", "blockUserIDs", List.of()), 400, 6,
                        "blockUserIDs: must have 1 to 200 entries"),
                new Case("/v1/block", json("userID", "u-1", "blockUserIDs", List.of("u-2", "")), 400, 6,
                        "blockUserIDs[1]: must not be blank"),
                new Case("/v1/admin/cdr", json("caller", "u-1", "callee", "u-2", "callStartTime", 5, "callEndTime", 2,
                        "endReason", 1), 400, 6, "callEndTime: before callStartTime"),
                new Case("/v1/admin/cdr", json("caller", "u-1", "callee", "u-2", "callStartTime", 1, "callEndTime", 2,
                        "endReason", 1, "msgID", "cdr-1"), 400, 6, "msgID: unknown field"),
                new Case("/v1/admin/cdr", json("caller", "u-1", "callee", "u-2", "callStartTime", 1, "callEndTime", 2,
                        "endReason", 1, "callerInfo", Map.of("userId", "u-1")), 400, 6,
                        "callerInfo.userId: unknown field")));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sqlMetacharactersAreOnlyData(Backend backend, @TempDir Path dir) throws Exception {
        check(backend, dir, List.of(
                new Case("/v1/init", json("licenseKey", SQL, "userID", "u-1", "uuid", "x"), 401, 1, "licenseKey: "),
                new Case("/v1/init", json("licenseKey", "demo-license", "userID", "u-1' OR '1'='1", "uuid", "x"), 401,
                        1, "userID: unknown user or wrong uuid"),
                new Case("/v1/init", json("licenseKey", "demo-license", "userID", "u-1", "uuid", "' OR ''='"), 401, 1,
                        "userID: unknown user or wrong uuid"),
                new Case("/v1/users/status", json("phoneNumbers", List.of("+12345", SQL)), 400, 8,
                        "phoneNumbers[1]: not a phone number"),
                new Case("/v1/notification-key", json("wakeupTopic", SQL), 400, 6, "wakeupTopic: "),
                new Case("/v1/cdr/query", json("userID", SQL, "markTS", 0, "afterN", 5), 403, 1,
                        "userID: not the signed-in user"),
                new Case("/v1/block", json("userID", "u-1", "blockUserIDs", List.of(SQL)), 404, 404,
                        "blockUserIDs[0]: no such user"),
                new Case("/v1/unblock", json("userID", SQL, "blockUserIDs", List.of("u-2")), 403, 1,
                        "userID: not the signed-in user"),
                new Case("/v1/block/list", json("userID", "u-1' --"), 403, 1, "userID: not the signed-in user")));
        // a lookup by a metacharacter semiUID simply finds nobody
        try (ServerFixture f = serve(backend, dir.resolve("again"), 2)) {
            RestClient.Reply r = f.client.post("/v1/users/status", f.init(0), json("semiUIDs", List.of("' OR ''='")));
            assertEquals(0, r.code());
            assertEquals(0, r.body().get("userStatuses").size());
            // and CDR text fields store it verbatim
            String caller = "u-1'); DELETE FROM cdrs; --";
            RestClient.Reply insert = f.client.post("/v1/admin/cdr", ServerFixture.ADMIN_TOKEN, json("caller", caller,
                    "callee", "u-1", "callStartTime", 1, "callEndTime", 2, "endReason", 1, "isrCode", "\"\\;%_*"));
            assertEquals(0, insert.code());
            RestClient.Reply page = f.client.post("/v1/cdr/query", f.init(0), json("userID", "u-1", "markTS", 0,
                    "afterN", 5));
            assertEquals(caller, page.body().get("cdrMessages").get(0).get("caller").asText());
            assertEquals("\"\\;%_*", page.body().get("cdrMessages").get(0).get("isrCode").asText());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void bodiesOver64KiBAreRefusedWith413(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            String token = f.init(0);
            List<String> before = f.snapshot();
            for (int size : new int[]{65_537, 1_000_000}) {
                RestClient.Reply r = f.client.post("/v1/block", token, paddedBlock(size));
                assertEquals(413, r.status(), "size " + size);
                assertEquals(6, r.code());
                assertEquals("body: larger than 65536 bytes", r.message());
            }
            // exactly at the limit is fine
            RestClient.Reply atLimit = f.client.post("/v1/block", token, paddedBlock(65_536));
            assertEquals(0, atLimit.code(), atLimit.message());
            // a body declared far too large is answered without being sent at all, and the connection closed
            String raw = rawRequest(f, "POST /v1/block HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n");
            assertTrue(raw.startsWith("HTTP/1.1 413"), raw);
            assertTrue(raw.contains("body: larger than 65536 bytes"), raw);
            assertEquals(before.size() + 1, f.snapshot().size(), "only the at-limit block was written");
            assertEquals(0, f.client.get("/v1/users", token).code(), "still serving");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unknownPathsAndWrongMethodsGetTheirCodes(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            String token = f.init(0);
            RestClient.Reply unknown = f.client.post("/v1/nope", token, "{}");
            assertEquals(404, unknown.status());
            assertEquals(5, unknown.code());
            assertEquals(5, f.client.get("/v2/users", token).code());
            RestClient.Reply wrongMethod = f.client.get("/v1/init", null);
            assertEquals(405, wrongMethod.status());
            assertEquals(2, wrongMethod.code());
            assertEquals("method: /v1/init takes POST", wrongMethod.message());
            assertEquals(2, f.client.post("/v1/users", token, "{}").code());
            assertEquals(2, f.client.method("DELETE", "/v1/block", token).code());
        }
    }

    private void check(Backend backend, Path dir, List<Case> cases) throws Exception {
        try (ServerFixture f = serve(backend, dir, 3)) {
            String token = f.init(0);
            List<String> before = f.snapshot();
            for (Case c : cases) {
                String auth = c.path().startsWith("/v1/admin/") ? ServerFixture.ADMIN_TOKEN
                        : c.path().equals("/v1/init") ? null : token;
                RestClient.Reply r = f.client.post(c.path(), auth, c.body());
                String what = c.path() + " " + c.body() + " -> " + r.body();
                assertEquals(c.status(), r.status(), what);
                assertEquals(c.code(), r.code(), what);
                assertTrue(r.message().startsWith(c.message()), what);
                assertEquals(before, f.snapshot(), "database unchanged after " + what);
            }
            assertEquals(0, f.client.get("/v1/users", token).code(), "still serving with the same token");
        }
    }

    /** A valid block request of exactly {@code size} bytes (padded with spaces, which JSON allows). */
    private static byte[] paddedBlock(int size) {
        byte[] json = json("userID", "u-1", "blockUserIDs", List.of("u-2")).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(json, 0, body, 0, json.length);
        return body;
    }

    private static String rawRequest(ServerFixture f, String head) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.server.httpPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            // read until the JSON body has arrived; the server may keep the socket open for the unsent body
            // read to the end: the server must close the connection itself, not wait for the body
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
