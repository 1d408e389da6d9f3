package org.ltintercom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.ltintercom.callserver.CallServer;
import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.callserver.testing.TestUsers;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.callserver.testing.peers.Kamailio;
import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.sdk.call.LTAudioRoute;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

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
 * each way; baresip reports no wire timestamps.
 *
 * <p>So every row through Kamailio also gets "at proxy: INVITE -> 200", timed by Kamailio's own
 * microsecond clock ({@code Kamailio.inviteToOkMicros()}): from the caller's first INVITE reaching
 * the proxy to the callee's 200 OK reaching it. It is the one figure measured the same way for the
 * SDK and for baresip, caller and callee both included, and the one the goal is read from.
 *
 * <p>Each SDK endpoint runs in a JVM of its own with the device's heap, GC and JIT flags
 * ({@link DeviceJvm}): the caller is {@link CallingSdk}, the callee of SDK -> SDK is
 * {@link AnsweringSdkPeer}. In the bench's own JVM, whose heap also holds call-server, the baresip
 * fixtures and both stacks' dialogs kept for their RFC 3261 timers, young collections grew to 20-60
 * ms and decided the p99 of every row; a device's JVM has one SDK in a small heap. call-server and
 * the baresip -> baresip row stay in the bench's JVM (call-server is a service with its own JVM in a
 * deployment too).
 *
 * <p>Every row starts each call {@code -Dbench.gap=ms} (default 100) after the previous one ended,
 * after {@code -Dbench.warmup=N} (default 200) unmeasured calls. A device makes a call every few
 * minutes, not 30 a second: back to back, the jain-sip dialogs each ended call keeps for its 32 s
 * timers filled a device-sized heap and full collections (about 55 ms in a 20 MB heap) decided the
 * p99, which says nothing about a door station's call setup.
 *
 * <p>Usage: {@code SipSetupBench [calls per row, default 200]}
 */
public final class SipSetupBench {

    private static final Duration STEP = Duration.ofSeconds(10);
    /** Calls before a row's measured ones: C1 compiles a method after ~200 calls, a call runs most SIP code once or twice. */
    private static final int WARMUP = Integer.getInteger("bench.warmup", 200);
    /** Idle time between one call's end and the next call's start, in every row. */
    private static final long GAP_MILLIS = Long.getLong("bench.gap", 100);
    /**
     * With {@code -Dbench.pair=true}: only the two rows the goal compares, SDK -> SDK and baresip ->
     * baresip through Kamailio (half the run time, for trying a change out).
     */
    private static final boolean PAIR_ONLY = Boolean.getBoolean("bench.pair");
    /** u-1 the SDK, u-2 the second LT endpoint, u-3 baresip callee, u-4 -> u-5 baresip pair. */
    private static final int USERS = 5;

    private final Path dir;
    private final TestUsers users;
    /** The proxy of the rows being run, if it is Kamailio: its log times each call at the proxy. */
    private Kamailio proxy;

    private SipSetupBench(Path dir) {
        this.dir = dir;
        this.users = TestUsers.write(dir.resolve("users"), USERS);
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("lt-sipbench");
        System.out.printf("SipSetupBench: %d calls per row (after %d warm-up calls) on 127.0.0.1, %d cores, Java %s%n",
                calls, WARMUP, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf("each call starts %d ms after the previous one ended; SDK endpoints in device JVMs (%s)%n",
                GAP_MILLIS, String.join(" ", DeviceJvm.DEVICE_FLAGS));
        System.out.println("(K) through Kamailio 5.6, (CS) through call-server; SDK = LTSDK public API");
        LatencyTable.header("call setup");
        SipSetupBench bench = new SipSetupBench(dir);
        try {
            bench.throughKamailio(calls);
            if (!PAIR_ONLY) {
                bench.throughCallServer(calls);
            }
        } finally {
            System.out.println("endpoint logs (warnings only) in " + dir);
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
             DeviceJvm peer = answerer(kamailio.port(), "kamailio");
             DeviceJvm caller = caller(server, "kamailio")) {
            phone.awaitRegistered(STEP);
            dave.awaitRegistered(STEP);
            erin.awaitRegistered(STEP);
            int peerPort = Integer.parseInt(peer.await("ready ").substring(6));
            caller.await("registered");
            proxy = kamailio;
            if (!PAIR_ONLY) {
                measureSdk("SDK -> baresip (K)", calls, caller, user(2).userID(), 0);
            }
            measureSdk("SDK -> SDK (K)", calls, caller, user(1).userID(), peerPort);
            measure("baresip -> baresip (K)", "dial -> ESTABLISHED", calls, () -> baresipCall(dave, user(4).userID()));
            measureAlternating(calls, caller, user(1).userID(), peerPort, dave, user(4).userID());
            proxy = null;
            lingerForHeapInspection(caller, peer);
        }
    }

    /**
     * With {@code -Dbench.linger=S}: S seconds idle with everything still up, for {@code jcmd
     * GC.class_histogram} to show what the ended calls left behind once the SIP timers ran out.
     */
    private static void lingerForHeapInspection(DeviceJvm caller, DeviceJvm callee) throws InterruptedException {
        long seconds = Long.getLong("bench.linger", 0);
        if (seconds > 0) {
            System.out.printf("lingering %d s for heap inspection (bench pid %d, calling SDK %d, answering SDK %d)%n",
                    seconds, ProcessHandle.current().pid(), caller.pid(), callee.pid());
            Thread.sleep(seconds * 1000);
        }
    }

    private void throughCallServer(int calls) throws Exception {
        try (CallServer server = CallServer.start(serverConfig("call-server").build());
             DeviceJvm peer = answerer(server.sipPort(), "call-server");
             DeviceJvm caller = caller(server, "call-server")) {
            int peerPort = Integer.parseInt(peer.await("ready ").substring(6));
            caller.await("registered");
            measureSdk("SDK -> SDK (CS)", calls, caller, user(1).userID(), peerPort);
        }
    }

    /** u-2, answering every call it is told of, registered through {@code proxyPort}. */
    private DeviceJvm answerer(int proxyPort, String via) throws Exception {
        return DeviceJvm.start("answering SDK", AnsweringSdkPeer.class, dir.resolve("answering-sdk-" + via + ".log"),
                user(1).userID(), user(1).sipPassword(), String.valueOf(proxyPort));
    }

    /** u-1 signed in with {@code server} (which names the SIP proxy). */
    private DeviceJvm caller(CallServer server, String via) throws Exception {
        return DeviceJvm.start("calling SDK", CallingSdk.class, dir.resolve("calling-sdk-" + via + ".log"),
                server.baseUri().toString(), user(0).userID(), user(0).uuid(), dir.resolve("device-" + via).toString());
    }

    private CallServerConfig.Builder serverConfig(String name) {
        return CallServerConfig.builder().usersFile(users.file()).dataDir(dir.resolve(name)).sipDomain("127.0.0.1");
    }

    static SimulatedAudioBackend audio() {
        return new SimulatedAudioBackend(Set.of(LTAudioRoute.BUILTIN));
    }

    /** One timed call: its duration in ns. */
    private interface TimedCall {
        long run() throws Exception;
    }

    /** One SDK row, run by the calling endpoint: its INVITE -> 200 OK row, then its startCall -> connected row. */
    private void measureSdk(String name, int calls, DeviceJvm caller, String callee, int answererPort) {
        try {
            Set<String> before = callsTimedAtProxy();
            caller.send("row " + callee + " " + WARMUP + " " + calls + " " + answererPort + " " + GAP_MILLIS);
            long[] api = new long[calls];
            long[] wireNanos = new long[calls];
            long[] startedAtMillis = new long[calls];
            long[] toInvite = new long[calls];
            long[] fromOk = new long[calls];
            for (int i = 0; i < calls; i++) {
                String[] call = caller.await("call ").split(" ");
                api[i] = Long.parseLong(call[1]);
                wireNanos[i] = Long.parseLong(call[2]);
                startedAtMillis[i] = Long.parseLong(call[3]);
                toInvite[i] = Long.parseLong(call[4]);
                fromOk[i] = api[i] - toInvite[i] - wireNanos[i];
            }
            // the calling JVM times the measured calls: ops/s leaves the warm-up out, as in measure()
            long elapsed = Long.parseLong(caller.await("row-done ").substring("row-done ".length()));
            // -Dbench.wire=off: no SIP trace in the calling SDK, every wire time is -1
            boolean traced = Arrays.stream(wireNanos).anyMatch(w -> w >= 0);
            // a call whose INVITE was traced after its 200 OK (the sending thread preempted between
            // sending and tracing) has no wire times; the wire rows leave it out and say so
            int[] timed = IntStream.range(0, calls).filter(i -> wireNanos[i] >= 0).toArray();
            if (traced) {
                LatencyTable.row(name + " INVITE -> 200 OK", pick(wireNanos, timed), elapsed);
            }
            LatencyTable.row(name + " startCall -> connected", api, elapsed);
            if (traced) {
                LatencyTable.row("  of which startCall -> INVITE sent", pick(toInvite, timed), elapsed);
                LatencyTable.row("  of which 200 OK -> connected", pick(fromOk, timed), elapsed);
                if (timed.length < calls) {
                    System.out.printf("  (%d of %d calls left out of the wire rows: INVITE traced after its 200 OK)%n",
                            calls - timed.length, calls);
                }
            }
            proxyRow(name, before, calls, elapsed);
            printSlowest(name + " " + (traced ? "INVITE -> 200 OK" : "startCall -> connected") + " (calling SDK's JVM uptime)",
                    traced ? wireNanos : api, startedAtMillis);
        } catch (Exception e) {
            failed(name, e);
        }
    }

    private static long[] pick(long[] values, int[] indices) {
        return Arrays.stream(indices).mapToLong(i -> values[i]).toArray();
    }

    /**
     * The goal's comparison with the two kinds of call taking turns, SDK -> SDK then baresip ->
     * baresip, {@code calls} of each, so that both see the same machine: run one after the other,
     * the rows' medians move by 10-20 % from run to run on a shared 2-core machine, as much as the
     * difference measured. No warm-up: both pairs just ran their own rows. Prints the proxy's rows
     * for each kind and, pairing each SDK call with the baresip call after it, in how many pairs the
     * SDK's set-up was the faster one.
     */
    private void measureAlternating(int calls, DeviceJvm caller, String sdkCallee, int answererPort, Baresip baresip,
                                    String baresipCallee) {
        String name = "alternating";
        try {
            Set<String> before = callsTimedAtProxy();
            Set<String> sdkCalls = new HashSet<>();
            long[] sdkApi = new long[calls];
            long[] baresipApi = new long[calls];
            long begin = System.nanoTime();
            caller.send("paced " + sdkCallee + " " + calls + " " + answererPort);
            for (int i = 0; i < calls; i++) {
                caller.send("next");
                String[] call = caller.await("call ").split(" ");
                sdkApi[i] = Long.parseLong(call[1]);
                sdkCalls.add(call[5]);
                Thread.sleep(GAP_MILLIS); // the pacing between calls every row has, after each call
                baresipApi[i] = baresipCall(baresip, baresipCallee);
                Thread.sleep(GAP_MILLIS);
            }
            caller.await("row-done ");
            long elapsed = System.nanoTime() - begin;
            System.out.printf("SDK -> SDK and baresip -> baresip through Kamailio taking turns, %d calls each:%n", calls);
            LatencyTable.row("  SDK -> SDK (K) startCall -> connected", sdkApi, elapsed);
            LatencyTable.row("  baresip -> baresip (K) dial -> ESTABLISHED", baresipApi, elapsed);
            if (proxy == null) {
                return;
            }
            Map<String, Long> total = proxy.inviteToOkMicros();
            Map<String, Long> callerShare = proxy.inviteToRelayMicros();
            Map<String, Long> calleeShare = proxy.relayToOkMicros();
            List<String> sdk = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            total.keySet().stream().filter(id -> !before.contains(id))
                    .forEach(id -> (sdkCalls.contains(id) ? sdk : phones).add(id));
            if (sdk.size() != calls || phones.size() != calls) {
                System.out.printf("  only %d SDK and %d baresip calls of %d each timed at the proxy%n", sdk.size(),
                        phones.size(), calls);
                return;
            }
            for (String kind : List.of("SDK -> SDK (K)", "baresip -> baresip (K)")) {
                List<String> ids = kind.startsWith("SDK") ? sdk : phones;
                LatencyTable.row("  " + kind + " at proxy: INVITE -> 200", nanos(ids, total), elapsed);
                LatencyTable.row("  " + kind + " at proxy: caller's share", nanos(ids, callerShare), elapsed);
                LatencyTable.row("  " + kind + " at proxy: callee's share", nanos(ids, calleeShare), elapsed);
            }
            long[] sdkNanos = nanos(sdk, total);
            long[] phoneNanos = nanos(phones, total);
            int sdkFaster = 0;
            double[] ratios = new double[calls];
            for (int i = 0; i < calls; i++) {
                sdkFaster += sdkNanos[i] < phoneNanos[i] ? 1 : 0;
                ratios[i] = (double) sdkNanos[i] / phoneNanos[i];
            }
            Arrays.sort(ratios);
            long[] sortedSdk = sdkNanos.clone();
            long[] sortedPhones = phoneNanos.clone();
            Arrays.sort(sortedSdk);
            Arrays.sort(sortedPhones);
            System.out.printf(java.util.Locale.ROOT,
                    "  at proxy, INVITE -> 200: SDK median / baresip median %.2f; SDK faster in %d of %d pairs;"
                            + " median of the pairs' ratios %.2f%n",
                    (double) LatencyTable.percentile(sortedSdk, 50) / LatencyTable.percentile(sortedPhones, 50),
                    sdkFaster, calls, ratios[calls / 2]);
        } catch (Exception e) {
            failed(name, e);
        }
    }

    /** The proxy's times of {@code ids}, in their order, in ns. */
    private static long[] nanos(List<String> ids, Map<String, Long> micros) {
        return ids.stream().mapToLong(id -> micros.getOrDefault(id, -1L) * 1_000).toArray();
    }

    /** Prints one row; a row whose calls fail prints why and the run goes on with the next row. */
    private void measure(String name, String span, int calls, TimedCall call) {
        try {
            Set<String> before = callsTimedAtProxy();
            long[] nanos = new long[calls];
            long[] startedAtMillis = new long[calls];
            long begin = 0;
            for (int i = 0; i < WARMUP + calls; i++) {
                if (i == WARMUP) {
                    begin = System.nanoTime();
                }
                long startedAt = ManagementFactory.getRuntimeMXBean().getUptime();
                long took = call.run();
                if (i >= WARMUP) {
                    nanos[i - WARMUP] = took;
                    startedAtMillis[i - WARMUP] = startedAt;
                }
                Thread.sleep(GAP_MILLIS); // the pacing between calls, as CallingSdk does for the SDK rows
            }
            long elapsed = System.nanoTime() - begin;
            LatencyTable.row(name + " " + span, nanos, elapsed);
            proxyRow(name, before, calls, elapsed);
            printSlowest(name + " " + span, nanos, startedAtMillis);
        } catch (Exception e) {
            failed(name, e);
        }
    }

    private Set<String> callsTimedAtProxy() {
        return proxy == null ? Set.of() : new HashSet<>(proxy.inviteToOkMicros().keySet());
    }

    /**
     * The row's measured calls timed by Kamailio's clock, from the first INVITE reaching it to the
     * 200 OK reaching it: one measure for every pair of phones, baresip included, which reports
     * no wire times of its own. The last {@code calls} new calls in the log are the measured ones.
     */
    private void proxyRow(String name, Set<String> before, int calls, long elapsed) {
        if (proxy == null) {
            return;
        }
        List<Long> micros = new ArrayList<>();
        proxy.inviteToOkMicros().forEach((callId, us) -> {
            if (!before.contains(callId)) {
                micros.add(us);
            }
        });
        if (micros.size() < calls) {
            System.out.printf("%-44s only %d of %d calls timed at the proxy%n", name + " at the proxy", micros.size(), calls);
            return;
        }
        LatencyTable.row(name + " at proxy: INVITE -> 200", micros.subList(micros.size() - calls, micros.size()).stream()
                .mapToLong(us -> us * 1_000).toArray(), elapsed);
        proxyShare(name + " at proxy: caller's share (INVITE -> authorised INVITE relayed)", proxy.inviteToRelayMicros(),
                before, calls, elapsed);
        proxyShare(name + " at proxy: callee's share (relayed -> 200)", proxy.relayToOkMicros(), before, calls, elapsed);
    }

    /** One part of the proxy's figure: where the time went, the caller's side or the callee's. */
    private static void proxyShare(String row, Map<String, Long> byCall, Set<String> before, int calls, long elapsed) {
        long[] nanos = byCall.entrySet().stream().filter(e -> !before.contains(e.getKey()))
                .mapToLong(e -> e.getValue() * 1_000).toArray();
        if (nanos.length >= calls) {
            LatencyTable.row(row, java.util.Arrays.copyOfRange(nanos, nanos.length - calls, nanos.length), elapsed);
        }
    }

    private static void failed(String name, Exception e) {
        String why = String.valueOf(e.getMessage());
        System.out.printf("%-44s FAILED: %s%n", name, why.length() > 300 ? why.substring(0, 300) + "..." : why);
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

    private static long baresipCall(Baresip caller, String callee) throws Exception {
        int seen = caller.messages().size();
        long start = System.nanoTime();
        caller.command("dial", "sip:" + callee + "@127.0.0.1");
        awaitEvent(caller, "CALL_ESTABLISHED", seen);
        long setup = System.nanoTime() - start;
        int established = caller.messages().size();
        caller.command("hangup", "");
        awaitEvent(caller, "CALL_CLOSED", established);
        return setup;
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
