package org.ltintercom.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product as it ships: {@code intercom-app.jar} started through {@code systemd/lt-intercom.sh}
 * (the Pi JVM flags; the first start dumps the class archive at its exit, later starts map it) on
 * the simulated HAL, against
 * call-server's jar (REST, SIP, embedded Moquette) on 127.0.0.1. Measures:
 * <ol>
 *   <li>process start -> READY=1 on a NOTIFY_SOCKET the bench binds (the app sends it when audio is
 *       open, SIP registered and MQTT connected), and -> the retained status saying
 *       {@code online}/{@code registered}; the first start of a fresh state dir (acoustic
 *       calibration) apart from the later ones;</li>
 *   <li>VmRSS / VmHWM from /proc and the Java heap (jcmd) of both devices idle (5 s after the
 *       indoor unit's start), in a call, and idle again after all the calls and wakeups below (the
 *       state a device lives in for months);</li>
 *   <li>wakeup publish on {@code lt/v1/indoor-1/wakeup} -> the device's status saying
 *       {@code callState: ringing} (a bare wakeup rings at once: the app presents it when the SDK
 *       hands it over, the SDK then waits up to 30 s for the INVITE), then {@code hangup} and idle
 *       before the next; and, for real calls (door button pressed), call-server's wakeup seen on the
 *       broker -> ringing.</li>
 * </ol>
 * Usage, from the repository root: {@code AppBench [starts, default 10] [wakeups, default 200]}.
 */
public final class AppBench {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofSeconds(15);
    private static final int WAKEUP_WARMUP = 20;
    private static final int REAL_CALLS = 20;
    private static final String DOOR = "door-1";
    private static final String INDOOR = "indoor-1";
    private static final Pattern HTTP = Pattern.compile("call-server listening on (http://\\S+)");
    private static final Pattern MQTT = Pattern.compile("call-server mqtt on (tcp://\\S+).*");

    private final Path work;
    private final Path script;
    private final Path appJar;
    private final List<String[]> rows = new ArrayList<>();
    private int started;

    private AppBench(Path work, Path script, Path appJar) {
        this.work = work;
        this.script = script;
        this.appJar = appJar;
    }

    public static void main(String[] args) throws Exception {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int wakeups = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        require(starts >= 1 && wakeups >= 1, "usage: AppBench [starts >= 1, default 10] [wakeups >= 1, default 200]");
        Path appJar = existing(System.getProperty("appbench.app", "intercom-app/target/intercom-app.jar"));
        Path serverJar = existing(System.getProperty("appbench.server", "call-server/target/call-server.jar"));
        Path script = existing(System.getProperty("appbench.script", "systemd/lt-intercom.sh"));
        Path work = Files.createTempDirectory("lt-appbench-");
        System.out.printf("AppBench: intercom-app.jar via lt-intercom.sh, simulated HAL, call-server jar on 127.0.0.1; "
                + "%d cores, Java %s; work dir %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), work);
        Process server = new ProcessBuilder(javaBin("java"), "-Xmx96m", "-XX:+UseSerialGC", "-jar", serverJar.toString(),
                "--host", "127.0.0.1", "--port", "0", "--sip-port", "0", "--mqtt-port", "0",
                "--data-dir", work.resolve("call-server").toString())
                .redirectError(work.resolve("call-server.log").toFile()).start();
        try {
            List<String> lines = firstLines(server, 3);
            String url = group(HTTP, lines.get(0));
            String broker = group(MQTT, lines.get(2));
            try (BrokerWatch watch = new BrokerWatch(broker)) {
                new AppBench(work, script, appJar).run(watch, url, broker, starts, wakeups);
            }
        } finally {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private void run(BrokerWatch watch, String url, String broker, int starts, int wakeups) throws Exception {
        writeConfig(DOOR, INDOOR, "1234", url, broker);
        writeConfig(INDOOR, DOOR, null, url, broker);
        AppProcess door = starts(watch, starts);
        copyClassArchive(DOOR, INDOOR);
        try (door; AppProcess indoor = startDevice(INDOOR)) {
            Optional<AppProcess.Ready> ready = indoor.awaitReady(STEP);
            require(ready.isPresent(), INDOOR + " not READY; see " + indoor.log());
            row(INDOOR + " first start -> READY=1 (calibration, class archive)", ms(ready.get().nanos() - indoor.startNanos()), "", "");
            Thread.sleep(5_000); // "idle": after the start's allocations have settled
            memory("idle", door, indoor);
            realCalls(watch, door, indoor);
            wakeups(watch, wakeups);
            Thread.sleep(15_000); // idle again, past the app's compaction 10 s after the last call (IdleCompaction)
            memory("idle after " + (REAL_CALLS + wakeups) + " calls", door, indoor);
        }
        print();
    }

    /** {@code n + 1} starts of door-1; the first on a fresh state dir. Returns the last start, still running. */
    private AppProcess starts(BrokerWatch watch, int n) throws Exception {
        long[] ready = new long[n];
        long[] registered = new long[n];
        AppProcess last = null;
        for (int i = 0; i <= n; i++) {
            AppProcess p = startDevice(DOOR);
            try {
                Optional<AppProcess.Ready> r = p.awaitReady(STEP);
                require(r.isPresent(), DOOR + " start " + i + " not READY; see " + p.log());
                require(r.get().status().equals("running"), DOOR + " READY but " + r.get().status());
                Optional<BrokerWatch.Seen> online = watch.await(p.startNanos(), STEP, s -> BrokerWatch.status(DOOR,
                        "registration", "registered").test(s) && "online".equals(s.field("state")));
                require(online.isPresent(), DOOR + " start " + i + ": no online+registered status; see " + p.log());
                long toReady = r.get().nanos() - p.startNanos();
                long toOnline = online.get().nanos() - p.startNanos();
                if (i == 0) {
                    row(DOOR + " first start -> READY=1 (calibration, no class archive yet)", ms(toReady), "", "");
                    row(DOOR + " first start -> status registered", ms(toOnline), "", "");
                } else {
                    ready[i - 1] = toReady;
                    registered[i - 1] = toOnline;
                }
            } finally {
                watch.clear();
                if (i < n) {
                    p.close();
                } else {
                    last = p;
                }
            }
        }
        row("start -> READY=1 (sd_notify), existing state", spread(ready), "<= 800 ms", verdict(median(ready), 800e6));
        row("start -> status online+registered (MQTT)", spread(registered), "<= 800 ms", verdict(median(registered), 800e6));
        return last;
    }

    private void memory(String when, AppProcess door, AppProcess indoor) {
        for (AppProcess p : List.of(door, indoor)) {
            String who = p == door ? DOOR : INDOOR;
            long rss = p.procStatusKiB("VmRSS");
            long hwm = p.procStatusKiB("VmHWM");
            String heap = p.heap().map(h -> String.format(Locale.ROOT, "; heap used %.1f of %.1f MiB, metaspace %.1f MiB",
                    h.usedKiB() / 1024.0, h.committedKiB() / 1024.0, h.metaspaceUsedKiB() / 1024.0)).orElse("; heap ?");
            row("RSS " + when + " " + who, String.format(Locale.ROOT, "%.1f MiB (peak %.1f)%s", rss / 1024.0, hwm / 1024.0,
                    heap), "<= 64 MiB", rss < 0 ? "?" : rss <= 64 * 1024 ? "met" : "MISSED");
        }
    }

    /**
     * Real calls: door-1 rings its ring plan (indoor-1) -> call-server wakes indoor-1 -> ringing. The
     * first, by the call button, is answered and held for 5 s while RSS is sampled; the others are
     * declined (cmd hangup).
     */
    private void realCalls(BrokerWatch watch, AppProcess door, AppProcess indoor) throws Exception {
        long[] wakeToRing = new long[REAL_CALLS];
        for (int i = 0; i < REAL_CALLS; i++) {
            long pressed = System.nanoTime();
            // the first call by the button; the others by cmd call (the ring plan, as the button runs it): the
            // HAL's chatter guard rightly ignores a button pressed more than 8 times in 10 s
            requireOk(i == 0 ? watch.command(DOOR, "press", Map.of("gesture", "short"), SHORT)
                    : watch.command(DOOR, "call", Map.of(), SHORT), i == 0 ? "press" : "call");
            Optional<BrokerWatch.Seen> wakeup = watch.await(pressed, SHORT, s -> s.topic().equals("lt/v1/" + INDOOR + "/wakeup"));
            require(wakeup.isPresent(), "call " + i + ": no wakeup for " + INDOOR);
            Optional<BrokerWatch.Seen> ringing = watch.await(pressed, SHORT, BrokerWatch.status(INDOOR, "callState", "ringing"));
            require(ringing.isPresent(), "call " + i + ": " + INDOOR + " did not ring; see " + indoor.log());
            wakeToRing[i] = ringing.get().nanos() - wakeup.get().nanos();
            long ended = System.nanoTime();
            if (i == 0) {
                requireOk(watch.command(INDOOR, "answer", Map.of(), SHORT), "answer");
                require(watch.await(pressed, SHORT, BrokerWatch.status(DOOR, "callState", "connected")).isPresent()
                        && watch.await(pressed, SHORT, BrokerWatch.status(INDOOR, "callState", "connected")).isPresent(),
                        "the call did not connect");
                Thread.sleep(5_000); // audio flows both ways (simulated sound cards, Opus)
                memory("in a call", door, indoor);
                ended = System.nanoTime();
            }
            requireOk(watch.command(INDOOR, "hangup", Map.of(), SHORT), "hangup");
            require(watch.await(ended, SHORT, BrokerWatch.status(DOOR, "callState", "idle")).isPresent()
                    && watch.await(ended, SHORT, BrokerWatch.status(INDOOR, "callState", "idle")).isPresent(),
                    "call " + i + " did not end on both sides");
            watch.clear();
        }
        row("real call: wakeup on broker -> ringing", latency(wakeToRing), "", "");
    }

    /** Bare wakeups published as call-server would, each followed by hangup and idle. */
    private void wakeups(BrokerWatch watch, int n) throws Exception {
        long[] latencies = new long[n];
        for (int i = 0; i < WAKEUP_WARMUP + n; i++) {
            long now = System.currentTimeMillis();
            Map<String, Object> wakeup = new LinkedHashMap<>();
            wakeup.put("type", "incoming_call");
            wakeup.put("transID", "bench-" + UUID.randomUUID());
            wakeup.put("receiver", INDOOR);
            wakeup.put("sendTime", now);
            wakeup.put("expiresAt", now + 30_000);
            wakeup.put("callOptions", Map.of("callID", UUID.randomUUID().toString(), "callType", 1, "accountType", 2,
                    "userID", INDOOR));
            wakeup.put("callerInfo", Map.of("userID", DOOR, "nickName", "AppBench"));
            long sent = System.nanoTime();
            watch.publish("lt/v1/" + INDOOR + "/wakeup", wakeup);
            Optional<BrokerWatch.Seen> ringing = watch.await(sent, SHORT, BrokerWatch.status(INDOOR, "callState", "ringing"));
            require(ringing.isPresent(), "wakeup " + i + " did not ring");
            if (i >= WAKEUP_WARMUP) {
                latencies[i - WAKEUP_WARMUP] = ringing.get().nanos() - sent;
            }
            long rang = ringing.get().nanos();
            requireOk(watch.command(INDOOR, "hangup", Map.of(), SHORT), "hangup");
            require(watch.await(rang, SHORT, BrokerWatch.status(INDOOR, "callState", "idle")).isPresent(),
                    "wakeup " + i + " did not end");
            watch.clear();
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        boolean met = LatencyTable.percentile(sorted, 50) <= 20e6 && LatencyTable.percentile(sorted, 99) <= 100e6;
        row("wakeup publish -> status ringing", latency(latencies), "p50 <= 20, p99 <= 100 ms", met ? "met" : "MISSED");
    }

    private AppProcess startDevice(String id) throws IOException {
        Path dir = work.resolve(id);
        return AppProcess.start(script.toAbsolutePath(), appJar.toAbsolutePath(), dir.resolve("intercom.yaml"), state(id),
                work.resolve("notify-" + (++started) + ".sock"), dir.resolve(id + ".log"));
    }

    private Path state(String id) {
        return work.resolve(id).resolve("state");
    }

    /** indoor-1 starts with the class archive door-1's first start dumped: as after its own first restart. */
    private void copyClassArchive(String from, String to) throws IOException {
        try (var files = Files.list(state(from))) {
            Path archive = files.filter(f -> f.getFileName().toString().endsWith(".jsa")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(from + " dumped no class archive at its first exit"));
            Files.copy(archive, state(to).resolve(archive.getFileName()));
        }
    }

    /** The demo's device configuration (DemoDevices), for call-server's bundled demo users. */
    private void writeConfig(String id, String ringTarget, String doorCode, String url, String broker) throws IOException {
        Path dir = work.resolve(id);
        Files.createDirectories(state(id));
        Files.writeString(dir.resolve("intercom.yaml"), """
                deviceId: %s
                secretsFile: secrets.yaml
                sdk: {serviceUrl: "%s", userId: %s, uuid: %s}
                sip: {transport: udp}
                mqtt: {brokerUri: "%s"}
                hal:
                  platform: simulated
                  buttons: {call: {pin: 17}}
                  leds: [{name: status, pin: 18}]
                  relay: {pin: 23, pulse: 2s}
                  audio: {routes: [{route: speaker, capture: mic, playback: spk}]}
                ringPlan: {groups: [{targets: [%s], timeout: 30s}]}
                """.formatted(id, url, id, DOOR.equals(id) ? "3d6f0a52-demo-door-1" : "9b2e71c4-demo-indoor-1", broker,
                ringTarget) + (doorCode == null ? "" : "doorCode: {maxAttempts: 3, lockout: 30s}\n"));
        Path secrets = dir.resolve("secrets.yaml");
        Files.writeString(secrets, "sdk: {licenseKey: demo-license}\n"
                + (doorCode == null ? "" : "doorCode: {code: \"" + doorCode + "\"}\n"));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
    }

    private void row(String figure, String measured, String goal, String verdict) {
        rows.add(new String[] {figure, measured, goal, verdict});
        System.out.printf("  %s: %s%n", figure, measured); // progress, in case a later step fails
    }

    private void print() {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-46s %-72s %-26s %s%n", "figure", "measured", "goal", "");
        System.out.println("-".repeat(154));
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, "%-46s %-72s %-26s %s%n", (Object[]) r);
        }
    }

    private static String spread(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "n=%d median %s (min %s, max %s)", sorted.length, ms(median(sorted)),
                ms(sorted[0]), ms(sorted[sorted.length - 1]));
    }

    private static String latency(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "n=%d median %s, p99 %s, max %s", sorted.length,
                ms(LatencyTable.percentile(sorted, 50)), ms(LatencyTable.percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return LatencyTable.percentile(sorted, 50);
    }

    private static String verdict(long nanos, double goalNanos) {
        return nanos <= goalNanos ? "met" : "MISSED";
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    private static void requireOk(Optional<BrokerWatch.Seen> result, String cmd) {
        require(result.isPresent(), cmd + ": no command result");
        require("true".equals(result.get().field("ok")), cmd + " failed: " + result.get().field("error"));
    }

    private static Path existing(String path) {
        Path p = Path.of(path);
        require(Files.isRegularFile(p), path + " not found: run from the repository root after "
                + "mvn -B -q -Pbench -pl bench -am package -DskipTests");
        return p;
    }

    private static String javaBin(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    private static List<String> firstLines(Process server, int count) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line; lines.size() < count && (line = out.readLine()) != null; ) {
            lines.add(line);
        }
        require(lines.size() == count, "call-server ended early (exit " + (server.isAlive() ? "?" : server.exitValue()) + ")");
        return lines;
    }

    private static String group(Pattern p, String line) {
        Matcher m = p.matcher(line);
        require(m.matches(), "call-server printed an unexpected line: " + line);
        return m.group(1);
    }
}
