package org.ltintercom.callserver;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ltintercom.callserver.RestClient.json;

/** Many devices at once: every request succeeds (no lock errors), and every write lands once. */
class ConcurrencyIT extends BackendScenarios {
    private static final int DEVICES = 24;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void manyDevicesSigningInBlockingAndQueryingAtOnceAllSucceed(Backend backend, @TempDir Path dir)
            throws Exception {
        try (ServerFixture f = serve(backend, dir, DEVICES)) {
            ExecutorService pool = Executors.newFixedThreadPool(12, r -> new Thread(r, "lt-test-device"));
            try {
                List<Future<List<Integer>>> results = new ArrayList<>();
                for (int i = 0; i < DEVICES; i++) {
                    int me = i;
                    results.add(pool.submit((Callable<List<Integer>>) () -> device(f, me)));
                }
                for (Future<List<Integer>> r : results) {
                    assertEquals(List.of(0, 0, 0, 0, 0, 0), r.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(DEVICES, f.server.cdrs().count());
            RestClient.Reply health = f.client.get("/v1/admin/health", ServerFixture.ADMIN_TOKEN);
            assertEquals(DEVICES, health.body().get("cdrs").asInt());
        }
    }

    /** One device's session: init, wakeup topic, block the next user twice, list, record and read a CDR. */
    private static List<Integer> device(ServerFixture f, int i) {
        String userID = f.users.get(i).userID();
        String next = f.users.get((i + 1) % DEVICES).userID();
        String token = f.init(i);
        List<Integer> codes = new ArrayList<>();
        codes.add(f.client.post("/v1/notification-key", token, json("wakeupTopic", "lt/v1/" + userID + "/wakeup"))
                .code());
        codes.add(f.client.post("/v1/block", token, json("userID", userID, "blockUserIDs", List.of(next))).code());
        codes.add(f.client.post("/v1/block", token, json("userID", userID, "blockUserIDs", List.of(next))).code());
        RestClient.Reply list = f.client.post("/v1/block/list", token, json("userID", userID));
        codes.add(list.body().get("userIDs").size() == 1 ? list.code() : -1);
        codes.add(f.client.post("/v1/admin/cdr", ServerFixture.ADMIN_TOKEN, json("caller", userID, "callee", next,
                "callStartTime", 1_000, "callEndTime", 2_000, "endReason", 1, "sendTime", 5_000)).code());
        RestClient.Reply page = f.client.post("/v1/cdr/query", token, json("userID", userID, "markTS", 0,
                "afterN", 100));
        codes.add(page.body().get("count").asInt() >= 1 ? page.code() : -1);
        return codes;
    }
}
