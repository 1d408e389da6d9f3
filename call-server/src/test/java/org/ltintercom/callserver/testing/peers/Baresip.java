package org.ltintercom.callserver.testing.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.net.ExtendedSocketOptions;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's baresip 1.0 as a headless phone: no audio player, a 440 Hz sine as its microphone
 * (ausine), Opus then G.711 (in its offer, in this order), one account registered through the proxy ({@code ;outbound=}),
 * auto or manual answer, and its ctrl_tcp interface on 127.0.0.1 driven over ONE persistent
 * netstring connection (a second connection would silently replace it) for dial, accept,
 * hangup and call events. SIP port p (p+1 is taken by baresip for TLS), control port p+2.
 *
 * <p>ausine makes only 48 kHz: without {@code ausrc_srate 48000} (open the source at 48 kHz and let
 * baresip resample to the codec's rate) every G.711 call fails to start its source, and baresip,
 * which does not answer a call whose audio failed, leaves the caller ringing. That is what broke
 * baresip -> baresip calls, which negotiated baresip's first codec, PCMU.
 */
public final class Baresip implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int sipPort;
    private final PeerProcess process;
    private final Socket control;
    private final OutputStream out;
    /** The field the fixture adds to each message read: its arrival, {@link System#nanoTime()}. */
    private static final String RECEIVED_AT = "ltReceivedAtNanos";
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final Thread reader;

    private Baresip(Path dir, int sipPort, PeerProcess process, Socket control) throws IOException {
        this.dir = dir;
        this.sipPort = sipPort;
        this.process = process;
        this.control = control;
        control.setTcpNoDelay(true);
        this.out = control.getOutputStream();
        this.reader = new Thread(this::readEvents, "lt-test-baresip-ctrl");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts baresip as {@code user}@127.0.0.1 registering through the proxy at {@code proxyPort}. */
    public static Baresip start(String user, String password, int proxyPort, boolean autoAnswer)
            throws IOException, InterruptedException {
        return start(user, password, proxyPort, autoAnswer, Options.defaults());
    }

    /**
     * How the phone's audio is set up. {@code source} is baresip's {@code audio_source} (e.g.
     * {@code ausine,440} or {@code aufile,/tmp/x.wav}); an aufile WAV must be S16LE at
     * {@code sourceRate} Hz with {@code sourceChannels} channels (0 rate: the codec's). {@code codecs}
     * restricts the account's codecs (baresip's {@code audio_codecs}, e.g. {@code PCMU/8000/1}; null: all).
     * {@code recordDir}: the sndfile filter writes what is sent ({@code dump-<time>-enc.wav}) and what is
     * received and decoded ({@code dump-<time>-dec.wav}) there, at the codec's rate (null: no recording).
     * {@code filters}: further audio filter modules, e.g. {@code speex_pp} (Speex preprocessor).
     * {@code settings}: further lines of baresip's config, e.g. {@code opus_complexity 7}.
     */
    public record Options(String source, int sourceRate, int sourceChannels, String codecs, Path recordDir,
                          List<String> filters, List<String> settings) {
        public Options {
            filters = List.copyOf(filters);
            settings = List.copyOf(settings);
        }

        /**
         * A 440 Hz sine microphone (ausine, 2 channels, at 48 kHz: ausine supports nothing else, and
         * baresip resamples for G.711), every codec, nothing recorded.
         */
        public static Options defaults() {
            return new Options("ausine,440", 48_000, 2, null, null, List.of(), List.of());
        }

        /** Also loads these audio filter modules (names without .so). */
        public Options withFilters(String... modules) {
            return new Options(source, sourceRate, sourceChannels, codecs, recordDir, List.of(modules), settings);
        }

        /** Also writes these lines into baresip's config (module settings such as {@code opus_bitrate 24000}). */
        public Options withSettings(String... lines) {
            return new Options(source, sourceRate, sourceChannels, codecs, recordDir, filters, List.of(lines));
        }

        /** The microphone plays {@code wav} (S16LE mono at {@code rate} Hz) once, then stops sending. */
        public Options playing(Path wav, int rate) {
            return new Options("aufile," + wav, rate, 1, codecs, recordDir, filters, settings);
        }

        public Options onlyCodecs(String audioCodecs) {
            return new Options(source, sourceRate, sourceChannels, audioCodecs, recordDir, filters, settings);
        }

        public Options recordingTo(Path dir) {
            return new Options(source, sourceRate, sourceChannels, codecs, dir, filters, settings);
        }
    }

    /**
     * Starts baresip as {@code user}@127.0.0.1 with the given audio set-up. With {@code proxyPort} 0 it
     * neither registers nor uses a proxy: calls go to the URI's own host and port.
     */
    public static Baresip start(String user, String password, int proxyPort, boolean autoAnswer, Options options)
            throws IOException, InterruptedException {
        Path dir = PeerProcess.tempDir("baresip");
        int base = FreePorts.block(3);
        int ctrl = base + 2;
        StringBuilder config = new StringBuilder("""
                poll_method epoll
                sip_listen 127.0.0.1:%d
                net_interface 127.0.0.1
                audio_source %s
                ausrc_channels %d
                audio_alert none
                module_path /usr/lib/baresip/modules
                module opus.so
                module g711.so
                module ausine.so
                module aufile.so
                module_app account.so
                module_app menu.so
                module_app ctrl_tcp.so
                ctrl_tcp_listen 127.0.0.1:%d
                statmode_default off
                opus_stereo no
                opus_sprop_stereo no
                """.formatted(base, options.source(), options.sourceChannels(), ctrl));
        if (options.sourceRate() > 0) {
            config.append("ausrc_srate ").append(options.sourceRate()).append('\n');
        }
        if (options.recordDir() != null) {
            config.append("module sndfile.so\nsnd_path ").append(options.recordDir()).append('\n');
        }
        options.filters().forEach(m -> config.append("module ").append(m).append(".so\n"));
        options.settings().forEach(line -> config.append(line).append('\n'));
        Files.writeString(dir.resolve("config"), config);
        String codecs = options.codecs() == null ? "" : ";audio_codecs=" + options.codecs();
        String account = proxyPort > 0
                ? "<sip:%s@127.0.0.1>;auth_pass=%s;outbound=\"sip:127.0.0.1:%d\";answermode=%s;regint=600%s\n"
                        .formatted(user, password, proxyPort, autoAnswer ? "auto" : "manual", codecs)
                : "<sip:%s@127.0.0.1>;answermode=%s;regint=0%s\n".formatted(user, autoAnswer ? "auto" : "manual", codecs);
        Files.writeString(dir.resolve("accounts"), account);
        PeerProcess p = PeerProcess.start("baresip", dir, List.of("stdbuf", "-oL", "baresip", "-f", dir.toString()));
        Socket s = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (s == null && System.nanoTime() < deadline && p.isAlive()) {
            try {
                s = new Socket();
                s.connect(new InetSocketAddress(FreePorts.LOOPBACK, ctrl), 500);
            } catch (IOException notYet) {
                s.close();
                s = null;
                Thread.sleep(100);
            }
        }
        if (s == null) {
            String log = p.tail();
            p.close();
            throw new IllegalStateException("baresip control port 127.0.0.1:" + ctrl + " did not open; log:\n" + log);
        }
        return new Baresip(dir, base, p, s);
    }

    public int sipPort() {
        return sipPort;
    }

    /** The baresip process id (e.g. to read its CPU time from /proc). */
    public long pid() {
        return process.pid();
    }

    /** Everything baresip printed so far (its log: codecs chosen, DTMF received, ...). */
    public String log() {
        return process.log();
    }

    /** Sends a ctrl_tcp command, e.g. {@code dial sip:alice@127.0.0.1}. */
    public void command(String command, String params) throws IOException {
        var node = JSON.createObjectNode().put("command", command).put("token", Integer.toString(tokens.incrementAndGet()));
        if (params != null) {
            node.put("params", params);
        }
        byte[] body = JSON.writeValueAsBytes(node);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(body.length + 8);
        frame.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
        frame.write(body);
        frame.write(',');
        synchronized (out) {
            // one segment: written in pieces, Nagle held the rest of the netstring back until
            // baresip's delayed ACK (~40 ms), and baresip acts only on a complete netstring
            out.write(frame.toByteArray());
            out.flush();
        }
    }

    /** Waits until baresip's log shows its account registered (the event may precede our control connection). */
    public void awaitRegistered(Duration timeout) throws InterruptedException {
        if (!PeerProcess.await(timeout, () -> process.log().contains("} 200 OK"))) {
            throw new AssertionError("baresip did not register within " + timeout + "; log:\n" + process.tail());
        }
    }

    /** Waits for an event of this type (e.g. CALL_INCOMING, CALL_RINGING, CALL_ESTABLISHED, CALL_CLOSED). */
    public JsonNode awaitEvent(String type, Duration timeout) throws InterruptedException {
        JsonNode[] found = new JsonNode[1];
        boolean ok = PeerProcess.await(timeout, () -> {
            for (JsonNode m : messages) {
                if (m.path("event").asBoolean() && type.equals(m.path("type").asText())) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        if (!ok) {
            throw new AssertionError("baresip: no " + type + " event within " + timeout + "; seen " + messages
                    + "\nlog:\n" + process.tail());
        }
        return found[0];
    }

    /**
     * When the fixture read {@code message} from baresip's ctrl_tcp ({@link System#nanoTime()}):
     * what a timing should use, since {@link #awaitEvent} only looks every 50 ms.
     */
    public static long receivedAtNanos(JsonNode message) {
        return message.path(RECEIVED_AT).asLong();
    }

    public List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    private void readEvents() {
        try (InputStream in = new BufferedInputStream(control.getInputStream())) {
            while (true) {
                int length = 0;
                int c;
                while ((c = in.read()) != ':') {
                    if (c < 0) {
                        return;
                    }
                    if (c < '0' || c > '9') {
                        throw new IOException("bad netstring length character " + c);
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] body = in.readNBytes(length);
                if (in.read() != ',') {
                    throw new IOException("netstring without trailing comma");
                }
                JsonNode message = JSON.readTree(body);
                if (message instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                    object.put(RECEIVED_AT, System.nanoTime());
                }
                messages.add(message);
                acknowledgeAtOnce();
            }
        } catch (IOException e) {
            // the connection closes when baresip stops
        }
    }

    /**
     * Turns delayed ACKs off for what we read next. baresip writes each event in its own small
     * segment without TCP_NODELAY, so with our ACK delayed (up to 40 ms on Linux) its Nagle held
     * the next event back until then: CALL_ESTABLISHED came ~40 ms late, every call.
     */
    private void acknowledgeAtOnce() {
        try {
            if (control.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
                control.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            }
        } catch (IOException e) {
            // only a matter of latency
        }
    }

    /** Kills baresip (SIGKILL), as a crashed phone: no BYE, no un-REGISTER. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() {
        try {
            control.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        process.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PeerProcess.deleteTree(dir);
    }
}
