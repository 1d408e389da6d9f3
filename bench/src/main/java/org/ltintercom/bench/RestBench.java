package org.ltintercom.bench;

import org.ltintercom.callserver.CallServer;
import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.callserver.cdr.NewCdr;
import org.ltintercom.callserver.testing.TestUsers;
import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.LTSDKOptions;
import org.ltintercom.sdk.LTUserStatusResponse;
import org.ltintercom.sdk.call.LTUserCDRResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * REST round trips between the SDK and call-server on SQLite, both on this machine:
 * getUserStatusWithSemiUIDs with 50 semiUIDs and queryCDR returning 100 records, one
 * request at a time (latency) and with 4 in flight (throughput).
 *
 * <p>Usage: {@code RestBench [requests per row, default 2000]}
 */
public final class RestBench {

    private static final int USERS = 60;
    private static final int CDRS = 250;
    private static final int WARMUP = 300;

    private RestBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("lt-restbench");
        TestUsers users = TestUsers.write(dir, USERS);
        CallServerConfig config = CallServerConfig.builder()
                .usersFile(users.file()).dataDir(dir.resolve("server")).port(0).build();
        try (CallServer server = CallServer.start(config)) {
            TestUsers.User me = users.get(0);
            seedCdrs(server, me.userID(), users.get(1).userID());
            LTResponse init = LTSDK.init(LTSDKOptions.builder()
                    .licenseKey(CallServerConfig.DEMO_LICENSE_KEY).url(server.baseUri().toString())
                    .userID(me.userID()).uuid(me.uuid()).dataDir(dir.resolve("sdk")).build()).get(30, TimeUnit.SECONDS);
            require(init.isSuccess(), "init: " + init);

            List<String> semiUIDs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                semiUIDs.add(users.get(i + 1).semiUID());
            }
            long markTS = System.currentTimeMillis() + 1;
            Supplier<CompletableFuture<?>> status = () -> LTSDK.getUserStatusWithSemiUIDs(semiUIDs)
                    .thenAccept(r -> requireStatus(r, 50));
            Supplier<CompletableFuture<?>> cdr = () -> LTSDK.getCallCenterManager()
                    .queryCDR(me.userID(), markTS, -100).thenAccept(r -> requireCdrs(r, 100));

            System.out.printf("RestBench: %d requests per row, call-server on SQLite at %s, %d cores, Java %s%n",
                    requests, server.baseUri(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            LatencyTable.header("operation");
            run("getUserStatusWithSemiUIDs(50), 1 in flight", status, requests, 1);
            run("getUserStatusWithSemiUIDs(50), 4 in flight", status, requests, 4);
            run("queryCDR(afterN=-100), 1 in flight", cdr, requests, 1);
            run("queryCDR(afterN=-100), 4 in flight", cdr, requests, 4);
        } finally {
            LTSDK.clean();
            LTSDK.shutdown();
        }
    }

    private static void seedCdrs(CallServer server, String caller, String callee) throws Exception {
        long start = System.currentTimeMillis() - CDRS * 60_000L;
        for (int i = 0; i < CDRS; i++) {
            long begin = start + i * 60_000L;
            server.cdrs().insert(NewCdr.of("bench-" + i, caller, callee, begin, begin + 30_000L, 1));
        }
    }

    private static void run(String name, Supplier<CompletableFuture<?>> op, int requests, int inFlight)
            throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            op.get().get(30, TimeUnit.SECONDS);
        }
        long[] latencies = new long[requests];
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<?>> pending = new ArrayList<>(requests);
        long begin = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            slots.acquire();
            int index = i;
            long sent = System.nanoTime();
            pending.add(op.get().whenComplete((r, e) -> {
                latencies[index] = System.nanoTime() - sent;
                slots.release();
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        LatencyTable.row(name, latencies, System.nanoTime() - begin);
    }

    private static void requireStatus(LTUserStatusResponse response, int expected) {
        require(response.isSuccess() && response.userStatuses().size() == expected,
                "getUserStatusWithSemiUIDs: " + response);
    }

    private static void requireCdrs(LTUserCDRResponse response, int expected) {
        require(response.isSuccess() && response.cdrMessages().size() == expected, "queryCDR: " + response);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark precondition failed: " + what);
        }
    }
}
