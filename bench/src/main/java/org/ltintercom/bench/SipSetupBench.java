package org.ltintercom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.ltintercom.callserver.CallServer;
import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.callserver.testing.TestUsers;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.callserver.testing.peers.Kamailio;
import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.LTSDKOptions;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallStateListener;
import org.ltintercom.sdk.call.LTCallStatusCode;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Button-less call setup on loopback, the rows of one run side by side so that their ratios mean
 * something: the SDK (its public API, {@code LTSDK} with a simulated sound card) calling baresip and
 * calling a second LT endpoint through Kamailio, and a second LT endpoint through the project's
 * call-server; and baresip calling baresip through Kamailio. Every call is answered at once by the
 * callee, then hung up before the next one starts.
 *
 * <p>Two figures per SDK row: "INVITE -> 200 OK", from the first INVITE leaving the SDK's SIP
 * socket to the 200 OK coming in (digest challenge included: both proxies challenge INVITEs), read
 * from the SIP stack's message trace ({@link SipWireClock}); and "startCall -> connected", from
 * {@code startCall} to {@code onCallStateConnected} (what an application waits for: SIP plus RTP
 * sockets, codec and audio streams). baresip's figure runs from its ctrl_tcp {@code dial} command to
 * its CALL_ESTABLISHED event, the same span as "startCall -> connected" plus one loopback TCP hop
 * each way; baresip reports no wire timestamps. The callee of SDK -> SDK is the SDK's own
 * signalling in this JVM ({@link AnsweringSdkPeer}).
 *
 * <p>Usage: {@code SipSetupBench [calls per row, default 200]}
 */
public final class SipSetupBench {

    private static final Duration STEP = Duration.ofSeconds(10);
    private static final int WARMUP = 20;
    /** u-1 the SDK, u-2 the second LT endpoint, u-3 baresip callee, u-4 -> u-5 baresip pair. */
    private static final int USERS = 5;

    private final Path dir;
    private final TestUsers users;
    private final SipWireClock wire = SipWireClock.attach();

    private SipSetupBench(Path dir) {
        this.dir = dir;
        this.users = TestUsers.write(dir.resolve("users"), USERS);
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("lt-sipbench");
        System.out.printf("SipSetupBench: %d calls per row (after %d warm-up calls) on 127.0.0.1, %d cores, Java %s%n",
                calls, WARMUP, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("(K) through Kamailio 5.6, (CS) through call-server; SDK = LTSDK public API");
        LatencyTable.header("call setup");
        SipSetupBench bench = new SipSetupBench(dir);
        try {
            bench.throughKamailio(calls);
            bench.throughCallServer(calls);
        } finally {
            LTSDK.shutdown();
        }
    }

    private TestUsers.User user(int index) {
        return users.get(index);
    }

    private void throughKamailio(int calls) throws Exception {
        Map<String, String> accounts = new LinkedHashMap<>();
        users.users().forEach(u -> accounts.put(u.userID(), u.sipPassword()));
        try (Kamailio kamailio = Kamailio.start(accounts, 60, true);
             CallServer server = CallServer.start(serverConfig("kamailio").sipProxy("sip:127.0.0.1:" + kamailio.port())
                     .build());
             Baresip phone = Baresip.start(user(2).userID(), user(2).sipPassword(), kamailio.port(), true);
             Baresip dave = Baresip.start(user(3).userID(), user(3).sipPassword(), kamailio.port(), true);
             Baresip erin = Baresip.start(user(4).userID(), user(4).sipPassword(), kamailio.port(), true);
             AnsweringSdkPeer peer = new AnsweringSdkPeer(user(1).userID(), user(1).sipPassword(), kamailio.port(),
                     audio(), STEP)) {
            phone.awaitRegistered(STEP);
            dave.awaitRegistered(STEP);
            erin.awaitRegistered(STEP);
            signIn(server);
            measureSdk("SDK -> baresip (K)", calls, user(2).userID(), null);
            measureSdk("SDK -> SDK (K)", calls, user(1).userID(), peer);
            measure("baresip -> baresip (K) dial -> ESTABLISHED", calls,
                    () -> baresipCall(dave, user(4).userID()), null);
            lingerForHeapInspection();
        } finally {
            LTSDK.shutdown();
        }
    }

    /**
     * With {@code -Dbench.linger=S}: S seconds idle with everything still up, for {@code jcmd
     * GC.class_histogram} to show what the ended calls left behind once the SIP timers ran out.
     */
    private static void lingerForHeapInspection() throws InterruptedException {
        long seconds = Long.getLong("bench.linger", 0);
        if (seconds > 0) {
            System.out.printf("lingering %d s for heap inspection (pid %d)%n", seconds, ProcessHandle.current().pid());
            Thread.sleep(seconds * 1000);
        }
    }

    private void throughCallServer(int calls) throws Exception {
        try (CallServer server = CallServer.start(serverConfig("call-server").build());
             AnsweringSdkPeer peer = new AnsweringSdkPeer(user(1).userID(), user(1).sipPassword(), server.sipPort(),
                     audio(), STEP)) {
            signIn(server);
            measureSdk("SDK -> SDK (CS)", calls, user(1).userID(), peer);
        } finally {
            LTSDK.shutdown();
        }
    }

    private CallServerConfig.Builder serverConfig(String name) {
        return CallServerConfig.builder().usersFile(users.file()).dataDir(dir.resolve(name)).sipDomain("127.0.0.1");
    }

    private static SimulatedAudioBackend audio() {
        return new SimulatedAudioBackend(Set.of(LTAudioRoute.BUILTIN));
    }

    /** Signs u-1 in with {@code server} (which names the SIP proxy) and waits for its registration. */
    private void signIn(CallServer server) throws Exception {
        AtomicBoolean registered = new AtomicBoolean();
        LTSDK.setRegistrationListener((now, failure) -> registered.set(now));
        TestUsers.User me = user(0);
        LTResponse r = LTSDK.init(LTSDKOptions.builder().licenseKey(CallServerConfig.DEMO_LICENSE_KEY).url(server.baseUri().toString())
                .userID(me.userID()).uuid(me.uuid()).dataDir(dir.resolve("device")).audioBackend(audio())
                .sipBindAddress("127.0.0.1").rtpPorts(40_000, 49_999).build()).get(STEP.toSeconds(), TimeUnit.SECONDS);
        if (r.returnCode() != 0) {
            throw new IllegalStateException("init: " + r.returnCode() + " " + r.returnMessage());
        }
        LTSDK.setRegistrationListener((now, failure) -> registered.set(now));
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!registered.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the SDK did not register within " + STEP);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** One timed call: its "startCall -> connected" span and, when known, its INVITE -> 200 OK span (else -1). */
    private record Setup(long apiNanos, long wireNanos) {
    }

    private interface TimedCall {
        Setup run() throws Exception;
    }

    private void measureSdk(String name, int calls, String callee, AnsweringSdkPeer peer) {
        measure(name + " startCall -> connected", calls, () -> sdkCall(callee, peer), name + " INVITE -> 200 OK");
    }

    /** Prints one or two rows; a row whose calls fail prints why and the run goes on with the next row. */
    private void measure(String name, int calls, TimedCall call, String wireName) {
        try {
            for (int i = 0; i < WARMUP; i++) {
                call.run();
            }
            long[] api = new long[calls];
            long[] wireNanos = new long[calls];
            long[] startedAtMillis = new long[calls];
            long begin = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                startedAtMillis[i] = ManagementFactory.getRuntimeMXBean().getUptime();
                Setup s = call.run();
                api[i] = s.apiNanos();
                wireNanos[i] = s.wireNanos();
            }
            long elapsed = System.nanoTime() - begin;
            if (wireName != null) {
                LatencyTable.row(wireName, wireNanos, elapsed);
            }
            LatencyTable.row(name, api, elapsed);
            printSlowest(wireName != null ? wireName : name, wireName != null ? wireNanos : api, startedAtMillis);
        } catch (Exception e) {
            String why = String.valueOf(e.getMessage());
            System.out.printf("%-44s FAILED: %s%n", name, why.length() > 300 ? why.substring(0, 300) + "..." : why);
        } finally {
            wire.clear();
        }
    }

    /**
     * With {@code -Dbench.slowest=N}: the N slowest calls of the row and the JVM uptime at which
     * each started, to line them up with a GC log ({@code -Xlog:gc:file=...:uptime}) or a JFR recording.
     */
    private static void printSlowest(String name, long[] nanos, long[] startedAtMillis) {
        int n = Integer.getInteger("bench.slowest", 0);
        if (n <= 0) {
            return;
        }
        Integer[] order = new Integer[nanos.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(nanos[b], nanos[a]));
        StringBuilder line = new StringBuilder("  slowest of " + name + ":");
        for (int i = 0; i < Math.min(n, order.length); i++) {
            line.append(String.format(java.util.Locale.ROOT, " %.1f ms at %d ms,", nanos[order[i]] / 1e6,
                    startedAtMillis[order[i]]));
        }
        System.out.println(line.substring(0, line.length() - 1));
    }

    private Setup sdkCall(String callee, AnsweringSdkPeer peer) throws Exception {
        CompletableFuture<Long> connected = new CompletableFuture<>();
        CompletableFuture<LTCallStatusCode> ended = new CompletableFuture<>();
        LTCallStateListener listener = new LTCallStateListener() {
            @Override
            public void onCallStateConnected(LTCall call) {
                connected.complete(System.nanoTime());
            }

            @Override
            public void onCallStateTerminated(LTCall call, LTCallStatusCode status) {
                connected.completeExceptionally(new IllegalStateException("call ended before it connected: " + status));
                ended.complete(status);
            }
        };
        long start = System.nanoTime();
        LTCall call = LTSDK.getCallCenterManager().startCall(user(0).userID(),
                LTCallOptions.userIDBuilder().userID(callee).build(), listener);
        if (peer != null) {
            peer.answer(call.getCallID(), user(0).userID());
        }
        long api = connected.get(STEP.toSeconds(), TimeUnit.SECONDS) - start;
        call.hangupCall();
        ended.get(STEP.toSeconds(), TimeUnit.SECONDS);
        long onWire = wire.inviteToOk(call.getCallID());
        if (onWire < 0) {
            throw new IllegalStateException("call " + call.getCallID() + ": its INVITE or 200 OK is not in the SIP trace");
        }
        return new Setup(api, onWire);
    }

    private static Setup baresipCall(Baresip caller, String callee) throws Exception {
        int seen = caller.messages().size();
        long start = System.nanoTime();
        caller.command("dial", "sip:" + callee + "@127.0.0.1");
        awaitEvent(caller, "CALL_ESTABLISHED", seen);
        long setup = System.nanoTime() - start;
        int established = caller.messages().size();
        caller.command("hangup", "");
        awaitEvent(caller, "CALL_CLOSED", established);
        return new Setup(setup, -1);
    }

    /** Waits for an event of this type among the messages after index {@code from}; polls every 0.1 ms. */
    private static void awaitEvent(Baresip phone, String type, int from) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> messages = phone.messages();
            for (int i = from; i < messages.size(); i++) {
                JsonNode m = messages.get(i);
                if (m.path("event").asBoolean() && type.equals(m.path("type").asText())) {
                    return;
                }
            }
            LockSupport.parkNanos(100_000);
        }
        List<JsonNode> messages = phone.messages();
        throw new IllegalStateException("baresip: no " + type + " within " + STEP + "; since: "
                + messages.subList(Math.min(from, messages.size()), messages.size()));
    }
}
