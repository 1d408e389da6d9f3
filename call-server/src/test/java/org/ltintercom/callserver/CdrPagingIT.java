package org.ltintercom.callserver;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ltintercom.callserver.cdr.CdrReceipt;
import org.ltintercom.callserver.cdr.NewCdr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.callserver.RestClient.json;

class CdrPagingIT extends BackendScenarios {
    private static final long T0 = 1_764_160_000_000L;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void forwardPagingReturnsEveryCdrOnceOldestFirst(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 4)) {
            List<CdrReceipt> mine = seed(f, 250, i -> T0 + i * 7L);
            String token = f.init(0);
            List<JsonNode> seen = pageAll(f, token, 0, 37);
            assertPagedExactly(mine, seen, true);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void backwardPagingReturnsEveryCdrOnceNewestFirst(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 4)) {
            List<CdrReceipt> mine = seed(f, 250, i -> T0 + i * 7L);
            String token = f.init(0);
            List<JsonNode> seen = pageAll(f, token, Long.MAX_VALUE, -100);
            assertPagedExactly(mine, seen, false);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void cdrsRecordedInTheSameMillisecondArePagedWithoutLossOrRepeat(Backend backend, @TempDir Path dir)
            throws Exception {
        try (ServerFixture f = serve(backend, dir, 4)) {
            List<CdrReceipt> mine = seedConcurrently(f, 250, T0);
            Set<Long> sendTimes = new HashSet<>();
            mine.forEach(r -> sendTimes.add(r.sendTime()));
            assertEquals(250, sendTimes.size(), "every CDR has its own sendTime");
            assertEquals(T0, Collections.min(sendTimes));
            assertEquals(T0 + 249, Collections.max(sendTimes), "taken milliseconds move to the next free one");
            String token = f.init(0);
            assertPagedExactly(mine, pageAll(f, token, T0 - 1, 100), true);
            assertPagedExactly(mine, pageAll(f, token, T0 + 1000, -33), false);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEmptyPageReturnsTheRequestMarkTS(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            seed(f, 3, i -> T0 + i);
            String token = f.init(0);
            RestClient.Reply r = f.client.post("/v1/cdr/query", token, json("userID", "u-1", "markTS", T0 + 500,
                    "afterN", 10));
            assertEquals(0, r.code());
            assertEquals(T0 + 500, r.body().get("markTS").asLong());
            assertEquals(0, r.body().get("count").asInt());
            assertEquals(0, r.body().get("cdrMessages").size());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void afterNOutsideOneToHundredIsRefused(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            String token = f.init(0);
            for (Object afterN : List.<Object>of(0, 101, -101, 1L << 40)) {
                RestClient.Reply r = f.client.post("/v1/cdr/query", token, json("userID", "u-1", "markTS", T0,
                        "afterN", afterN));
                assertEquals(6, r.code(), "afterN " + afterN);
                assertEquals("afterN: must be between -100 and 100 and not 0", r.message());
            }
            RestClient.Reply asString = f.client.post("/v1/cdr/query", token, json("userID", "u-1", "markTS", T0,
                    "afterN", "20"));
            assertEquals("afterN: must be an integer", asString.message());
            RestClient.Reply fraction = f.client.post("/v1/cdr/query", token,
                    "{\"userID\":\"u-1\",\"markTS\":1.5,\"afterN\":20}");
            assertEquals("markTS: must be an integer", fraction.message());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anotherUsersCdrsAreNotReadable(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 3)) {
            seed(f, 5, i -> T0 + i);
            String token = f.init(2);
            RestClient.Reply r = f.client.post("/v1/cdr/query", token, json("userID", "u-1", "markTS", 0, "afterN", 10));
            assertEquals(403, r.status());
            assertEquals(1, r.code());
            assertEquals("userID: not the signed-in user", r.message());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void adminInsertMovesATakenSendTimeToTheNextFreeMillisecond(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            String body = json("caller", "u-1", "callee", "u-2", "callStartTime", T0 - 60_000, "callEndTime", T0,
                    "endReason", 1, "sendTime", T0, "calleeInfo", Map.of("userID", "u-2", "nickName", "Kitchen",
                            "extInfo", Map.of("door", "front")));
            RestClient.Reply first = f.client.post("/v1/admin/cdr", ServerFixture.ADMIN_TOKEN, body);
            RestClient.Reply second = f.client.post("/v1/admin/cdr", ServerFixture.ADMIN_TOKEN, body);
            assertEquals(0, first.code(), first.body().toString());
            assertEquals(T0, first.body().get("sendTime").asLong());
            assertEquals(T0 + 1, second.body().get("sendTime").asLong());
            assertEquals("cdr-" + (T0 + 1), second.body().get("msgID").asText());

            RestClient.Reply page = f.client.post("/v1/cdr/query", f.init(1), json("userID", "u-2", "markTS", 0,
                    "afterN", 10));
            JsonNode cdr = page.body().get("cdrMessages").get(0);
            assertEquals("u-1", cdr.get("caller").asText());
            assertEquals("u-2", cdr.get("receiver").asText());
            assertEquals("call-server", cdr.get("senderID").asText());
            assertEquals(60, cdr.get("billingSecond").asLong());
            assertEquals(1, cdr.get("endReason").asInt());
            assertEquals("front", cdr.get("calleeInfo").get("extInfo").get("door").asText());
            assertEquals("Kitchen", cdr.get("calleeInfo").get("nickName").asText());
            assertEquals("u-1", cdr.get("callerInfo").get("userID").asText());

            RestClient.Reply health = f.client.get("/v1/admin/health", ServerFixture.ADMIN_TOKEN);
            assertEquals(0, health.code());
            assertEquals(2, health.body().get("users").asInt());
            assertEquals(2, health.body().get("cdrs").asInt());
            assertEquals(1, f.client.get("/v1/admin/health", f.init(0)).code(), "a user token is not the admin's");
            assertEquals(1, f.client.post("/v1/admin/cdr", "wrong", body).code());
        }
    }

    /** Seeds n CDRs of u-1 (alternately caller and callee) and, between them, CDRs of other users. */
    private static List<CdrReceipt> seed(ServerFixture f, int n, java.util.function.IntToLongFunction time)
            throws Exception {
        List<CdrReceipt> mine = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = time.applyAsLong(i);
            NewCdr cdr = i % 2 == 0 ? NewCdr.of("call-" + i, "u-1", "u-2", t - 30_000, t, 1)
                    : NewCdr.of("call-" + i, "u-3", "u-1", t - 30_000, t, 2);
            mine.add(f.server.cdrs().insert(withSendTime(cdr, t)));
            if (i % 5 == 0) {
                f.server.cdrs().insert(withSendTime(NewCdr.of("other-" + i, "u-2", "u-3", t - 1000, t, 1), t + 1));
            }
        }
        return mine;
    }

    /** 250 CDRs of u-1 all proposed in the same millisecond, from 5 threads at once. */
    private static List<CdrReceipt> seedConcurrently(ServerFixture f, int n, long t) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(5, r -> new Thread(r, "lt-test-cdr-seeder"));
        try {
            List<Future<CdrReceipt>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                NewCdr cdr = withSendTime(NewCdr.of("same-ms-" + i, "u-1", "u-2", t - 1000, t, 1), t);
                futures.add(pool.submit(() -> f.server.cdrs().insert(cdr)));
            }
            List<CdrReceipt> out = new ArrayList<>();
            for (Future<CdrReceipt> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static NewCdr withSendTime(NewCdr c, long sendTime) {
        return new NewCdr(c.transID(), c.receiver(), c.senderID(), c.callID(), c.caller(), c.callee(), c.callerInfo(),
                c.calleeInfo(), c.callStartTime(), c.callEndTime(), c.billingSecond(), c.isrCode(), c.forwarder(),
                c.endReason(), sendTime);
    }

    /** Pages u-1's CDRs with the given afterN until an empty page, passing markTS back each time. */
    private static List<JsonNode> pageAll(ServerFixture f, String token, long markTS, int afterN) {
        List<JsonNode> seen = new ArrayList<>();
        long mark = markTS;
        for (int pages = 0; pages < 1000; pages++) {
            RestClient.Reply r = f.client.post("/v1/cdr/query", token, json("userID", "u-1", "markTS", mark,
                    "afterN", afterN));
            assertEquals(0, r.code(), r.body().toString());
            JsonNode list = r.body().get("cdrMessages");
            assertEquals(list.size(), r.body().get("count").asInt());
            assertTrue(list.size() <= Math.abs(afterN));
            if (list.isEmpty()) {
                assertEquals(mark, r.body().get("markTS").asLong());
                return seen;
            }
            list.forEach(seen::add);
            mark = r.body().get("markTS").asLong();
            assertEquals(list.get(list.size() - 1).get("sendTime").asLong(), mark);
        }
        throw new AssertionError("paging did not end");
    }

    private static void assertPagedExactly(List<CdrReceipt> expected, List<JsonNode> seen, boolean oldestFirst) {
        List<String> expectedIDs = expected.stream()
                .sorted((a, b) -> oldestFirst ? Long.compare(a.sendTime(), b.sendTime())
                        : Long.compare(b.sendTime(), a.sendTime()))
                .map(CdrReceipt::msgID).toList();
        List<String> seenIDs = seen.stream().map(n -> n.get("msgID").asText()).toList();
        assertEquals(expectedIDs, seenIDs, "every CDR of u-1 exactly once, in order");
        for (JsonNode n : seen) {
            assertTrue(n.get("caller").asText().equals("u-1") || n.get("callee").asText().equals("u-1"));
        }
    }
}
