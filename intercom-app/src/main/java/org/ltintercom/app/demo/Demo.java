package org.ltintercom.app.demo;

import org.ltintercom.hal.audio.WavFiles;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code intercom-app demo}: the whole product on one machine. Starts call-server from its jar (REST,
 * SIP proxy, embedded Moquette broker), a door station and an indoor unit as two {@code intercom-app
 * run} processes on the simulated HAL (their microphones play speech files, their speakers are
 * recorded), then, as a visitor and a resident would: presses the door's call button, the indoor
 * unit is woken over MQTT and rings, answers, both talk, the resident keys the door code and the
 * door relay pulses, the resident hangs up; the CDR is read back. It prints a timeline and a
 * summary table; exit 0 when every step worked.
 */
public final class Demo {

    /** Where the call-server jar is, where the demo works, where it prints. */
    public record Options(Path callServerJar, Path workDir, PrintWriter out) {
    }

    private static final String MAIN = "org.ltintercom.app.cli.IntercomCommand";
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Pattern HTTP = Pattern.compile("call-server listening on (http://\\S+)");
    private static final Pattern SIP = Pattern.compile("call-server sip on udp\\+tcp (\\S+)");
    private static final Pattern MQTT = Pattern.compile("call-server mqtt on (tcp://\\S+).*");

    private final Options options;
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private final List<String[]> summary = new ArrayList<>();
    private final Map<String, Map<String, String>> lastStatus = new HashMap<>();
    private boolean allPassed = true;

    public Demo(Options options) {
        this.options = options;
        this.out = options.out();
    }

    /** Runs the demo; 0 when every step passed, 1 otherwise, 2 when the call-server jar is missing. */
    public int run() throws IOException, InterruptedException {
        if (!Files.isRegularFile(options.callServerJar())) {
            out.println("demo: call-server jar not found at " + options.callServerJar()
                    + " (build it: mvn -pl call-server -am package, or pass --call-server-jar)");
            out.flush();
            return 2;
        }
        Path work = options.workDir() != null ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("lt-demo-");
        out.println("lt-intercom demo: a door station and an indoor unit on the simulated HAL (work dir " + work + ")");
        out.println();
        DemoDevices.Device door = DemoDevices.door(work);
        DemoDevices.Device indoor = DemoDevices.indoor(work);
        Files.createDirectories(door.dir());
        Files.createDirectories(indoor.dir());
        String doorVoice = SpeechFiles.make(door.speech(),
                "Hello, this is the front door. I have a parcel for flat one. Could you let me in please?", 180, 1);
        String indoorVoice = SpeechFiles.make(indoor.speech(),
                "Hi there. Thank you, I will open the door for you. Please leave it by the stairs.", 120, 2);
        line("demo", "voices: door " + doorVoice + ", indoor " + indoorVoice);

        try (DemoProcess server = DemoProcess.start("call-server", work, List.of("-Xmx96m", "-XX:+UseSerialGC",
                "-jar", options.callServerJar().toAbsolutePath().toString(), "--host", "127.0.0.1", "--port", "0",
                "--sip-port", "0", "--mqtt-port", "0", "--data-dir", work.resolve("call-server").toString()), true)) {
            long t = now();
            List<String> lines = server.readLines(3, 60);
            String url = group(HTTP, lines.get(0));
            String sip = group(SIP, lines.get(1));
            String broker = group(MQTT, lines.get(2));
            line("call-server", "up: REST " + url + ", SIP proxy " + sip + ", MQTT " + broker + " (embedded Moquette)");
            step("call-server up (REST, SIP, MQTT)", true, now() - t, "pid " + server.pid());
            try (DemoBus bus = new DemoBus(broker, start, this::show)) {
                scenario(bus, url, broker, work, door, indoor);
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                step("demo connects to the embedded broker", false, -1, e.getMessage());
            }
        }
        printSummary();
        return allPassed ? 0 : 1;
    }

    private void scenario(DemoBus bus, String url, String broker, Path work, DemoDevices.Device door,
                          DemoDevices.Device indoor) throws IOException, InterruptedException {
        DemoDevices.writeConfig(door, url, broker);
        DemoDevices.writeConfig(indoor, url, broker);
        long t = now();
        try (DemoProcess doorApp = startDevice(work, door); DemoProcess indoorApp = startDevice(work, indoor)) {
            boolean ready = false;
            String why = "not registered within 60 s; see " + doorApp.log() + " / " + indoorApp.log();
            for (int waited = 0; waited < 60 && !ready; waited++) { // each round waits up to 1 s
                boolean doorUp = bus.await(Duration.ofMillis(500), DemoBus.status(door.id(), "registration", "registered")).isPresent();
                boolean indoorUp = bus.await(Duration.ofMillis(500), DemoBus.status(indoor.id(), "registration", "registered")).isPresent();
                ready = doorUp && indoorUp;
                for (DemoProcess p : List.of(doorApp, indoorApp)) {
                    if (!ready && !p.isAlive()) {
                        why = p.log().getFileName() + " ended: " + p.tail(3).replace('\n', ' ');
                        waited = 60;
                    }
                }
            }
            step("both devices online and SIP-registered", ready, now() - t, ready ? "two JVMs, simulated HAL" : why);
            if (!ready) {
                return;
            }
            long pressed = now();
            line("demo", "the visitor presses the call button of " + door.id());
            boolean ok = commandOk(bus, door.id(), "press", Map.of("gesture", "short"));
            Optional<DemoBus.Seen> wakeup = bus.await(STEP, s -> s.topic().equals("lt/v1/" + indoor.id() + "/wakeup"));
            step("call-server wakes the indoor unit over MQTT", ok && wakeup.isPresent(),
                    wakeup.map(w -> w.atMillis() - pressed).orElse(-1L), "button -> wakeup message");
            Optional<DemoBus.Seen> ringing = bus.await(STEP, DemoBus.status(indoor.id(), "callState", "ringing"));
            step("indoor unit rings", ringing.isPresent(), ringing.map(r -> r.atMillis() - pressed).orElse(-1L),
                    "button -> ringing");
            if (ringing.isEmpty()) {
                return;
            }
            long answered = now();
            line("demo", "the resident answers on " + indoor.id());
            ok = commandOk(bus, indoor.id(), "answer", Map.of());
            Optional<DemoBus.Seen> doorUp = bus.await(STEP, DemoBus.status(door.id(), "callState", "connected"));
            Optional<DemoBus.Seen> indoorUp = bus.await(STEP, DemoBus.status(indoor.id(), "callState", "connected"));
            step("call connected", ok && doorUp.isPresent() && indoorUp.isPresent(),
                    doorUp.map(d -> d.atMillis() - answered).orElse(-1L), "answer -> door connected");
            if (doorUp.isEmpty()) {
                return;
            }
            // long enough for each voice to say its whole sentence once (the check compares whole sentences)
            long talkMillis = 1_500 + Math.max(wavMillis(door.speech()), wavMillis(indoor.speech()));
            line("demo", String.format("visitor and resident talk for %.1f s (speech files on both microphones)",
                    talkMillis / 1000.0));
            Thread.sleep(talkMillis);
            long keyed = now();
            line("demo", "the resident keys the door code on the indoor unit");
            ok = commandOk(bus, indoor.id(), "dtmf", Map.of("keys", DemoDevices.DOOR_CODE));
            Optional<DemoBus.Seen> opened = bus.await(STEP, DemoBus.event(door.id(), "door-opened"));
            step("door code received by DTMF, relay pulsed", ok && opened.isPresent(),
                    opened.map(o -> o.atMillis() - keyed).orElse(-1L), "keys sent -> relay");
            long hung = now();
            line("demo", "the resident hangs up");
            ok = commandOk(bus, indoor.id(), "hangup", Map.of());
            Optional<DemoBus.Seen> doorIdle = bus.await(STEP,
                    s -> s.atMillis() >= hung && DemoBus.status(door.id(), "callState", "idle").test(s));
            step("call ended on both sides", ok && doorIdle.isPresent(),
                    doorIdle.map(d -> d.atMillis() - hung).orElse(-1L), "hang up -> door idle");
            Thread.sleep(500); // the door's call-ended event and CDR reach the service
            t = now();
            int doorExit = doorApp.stop();
            int indoorExit = indoorApp.stop();
            step("devices stop on SIGTERM", isCleanExit(doorExit) && isCleanExit(indoorExit), now() - t,
                    "exit " + doorExit + " / " + indoorExit);
            speech("speech door -> indoor", door.speech(), indoor.recording());
            speech("speech indoor -> door", indoor.speech(), door.recording());
        }
        cdr(url, door);
    }

    private static long wavMillis(Path wav) throws IOException {
        return WavFiles.read(wav).length * 1000L / org.ltintercom.sdk.spi.AudioFrames.SAMPLE_RATE;
    }

    private DemoProcess startDevice(Path work, DemoDevices.Device d) throws IOException {
        String classPath = System.getProperty("java.class.path");
        DemoProcess p = DemoProcess.start(d.id(), work, List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classPath, MAIN, "run", "-c", d.config().toString(), "-s", d.state().toString(),
                "--sim-microphone", d.speech().toString(), "--sim-speaker-record", d.recording().toString()), false);
        line(d.id(), "started (pid " + p.pid() + ", log " + p.log() + ")");
        return p;
    }

    private boolean commandOk(DemoBus bus, String device, String cmd, Map<String, Object> args)
            throws InterruptedException, IOException {
        try {
            Optional<DemoBus.Seen> result = bus.command(device, cmd, args, STEP);
            if (result.isEmpty()) {
                line("demo", cmd + " to " + device + ": no result");
                return false;
            }
            boolean ok = "true".equals(result.get().field("ok"));
            if (!ok) {
                line("demo", cmd + " to " + device + " failed: " + result.get().field("error"));
            }
            return ok;
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            throw new IOException("MQTT: " + e.getMessage(), e);
        }
    }

    private void speech(String what, Path source, Path recording) throws IOException {
        if (!Files.isRegularFile(recording)) {
            step(what, false, -1, "no speaker recording at " + recording);
            return;
        }
        SpeechCheck.Result r = SpeechCheck.check(WavFiles.read(source), WavFiles.read(recording));
        step(what, r.heard(), -1, String.format("envelope match %.2f, %.1f s of sound, peak %.0f dBFS",
                r.correlation(), r.activeSeconds(), r.peakDbfs()));
    }

    /** Reads the call's CDR back from the service, as the door station's user. */
    private void cdr(String url, DemoDevices.Device door) throws InterruptedException {
        long t = now();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            JsonNode init = post(http, url + "/v1/init", null, Map.of("licenseKey", DemoDevices.LICENSE,
                    "userID", door.id(), "uuid", door.uuid()));
            String token = init.path("token").asText();
            JsonNode cdrs = post(http, url + "/v1/cdr/query", token, Map.of("userID", door.id(),
                    "markTS", System.currentTimeMillis() + 60_000, "afterN", -1));
            JsonNode last = cdrs.path("cdrMessages").path(0);
            boolean ok = cdrs.path("returnCode").asInt(-1) == 0 && !last.isMissingNode();
            String detail = ok ? last.toString() : cdrs.toString();
            line("call-server", "CDR: " + detail);
            step("CDR of the call queried", ok, now() - t, ok ? "billingSecond " + last.path("billingSecond").asText()
                    + ", receiver " + last.path("receiver").asText() : "no CDR");
        } catch (IOException e) {
            step("CDR of the call queried", false, now() - t, e.getMessage());
        }
    }

    private static JsonNode post(HttpClient http, String url, String token, Map<String, Object> body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Json.parse(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static boolean isCleanExit(int code) {
        return code == 0 || code == 143;
    }

    private static String group(Pattern p, String line) throws IOException {
        Matcher m = p.matcher(line);
        if (!m.matches()) {
            throw new IOException("call-server printed an unexpected line: " + line);
        }
        return m.group(1);
    }

    /** Prints what the devices publish: status changes, events, wakeups, command results. */
    private void show(DemoBus.Seen s) {
        String[] parts = s.topic().split("/", 4);
        if (parts.length < 4) {
            return;
        }
        String who = parts[2];
        String kind = parts[3];
        switch (kind) {
            case "status" -> {
                Map<String, String> before = lastStatus.computeIfAbsent(who, k -> new HashMap<>());
                StringBuilder changed = new StringBuilder();
                for (String field : List.of("state", "registration", "callState", "audioRoute", "lastError")) {
                    String v = s.field(field);
                    if (v != null && !v.equals(before.put(field, v))) {
                        changed.append(changed.length() == 0 ? "" : ", ").append(field).append(' ').append(v);
                    }
                }
                if (changed.length() > 0) {
                    line(who, "status: " + changed, s.atMillis());
                }
            }
            case "event" -> line(who, "event: " + s.payload(), s.atMillis());
            case "wakeup" -> line(who, "wakeup received from call-server (MQTT)", s.atMillis());
            case "cmd" -> line(who, "command: " + s.payload(), s.atMillis());
            case "cmd/result" -> line(who, "result: " + s.payload(), s.atMillis());
            default -> { }
        }
    }

    private long now() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void line(String who, String what) {
        line(who, what, now());
    }

    private synchronized void line(String who, String what, long atMillis) {
        out.printf("%+9.3f s  %-11s %s%n", atMillis / 1000.0, who, what);
        out.flush();
    }

    private synchronized void step(String what, boolean ok, long millis, String detail) {
        allPassed &= ok;
        summary.add(new String[] {what, ok ? "PASS" : "FAIL", millis < 0 ? "" : millis + " ms", detail});
        line("demo", (ok ? "PASS " : "FAIL ") + what + (millis < 0 ? "" : " (" + millis + " ms)"));
    }

    private void printSummary() {
        out.println();
        out.printf("%-44s %-6s %10s  %s%n", "step", "result", "time", "detail");
        out.println("-".repeat(100));
        for (String[] row : summary) {
            out.printf("%-44s %-6s %10s  %s%n", row[0], row[1], row[2], row[3]);
        }
        out.println("-".repeat(100));
        out.printf("demo %s in %.1f s%n", allPassed ? "PASSED" : "FAILED", now() / 1000.0);
        out.flush();
    }
}
