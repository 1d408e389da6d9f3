package org.ltintercom.bench;

import org.ltintercom.sdk.internal.media.AudioCodec;
import org.ltintercom.sdk.internal.media.Codecs;
import org.ltintercom.sdk.internal.media.MediaConfig;
import org.ltintercom.sdk.internal.media.MediaListener;
import org.ltintercom.sdk.internal.media.MediaParams;
import org.ltintercom.sdk.internal.media.MediaSession;
import org.ltintercom.sdk.internal.media.SpeechSignals;
import org.ltintercom.sdk.internal.media.Wav;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Media engine benchmark: an Opus call both ways between two {@link MediaSession}s on 127.0.0.1.
 * Prints CPU time of the media threads per second of audio, the engine's added latency from
 * capture to playout (a click every 500 ms, timed with System.nanoTime at the SPI on both ends),
 * and bytes allocated per packet on the media threads in the steady state.
 *
 * <p>Run: {@code mvn -o -Pbench -pl bench -am package -DskipTests} then
 * {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp <classpath> org.ltintercom.bench.MediaBench [seconds]}
 * (the launcher's JIT and GC flags; the table's first row shows the JVM flags of the run).
 */
public final class MediaBench {
    private static final int FRAME = AudioFrames.FRAME_SAMPLES;
    /**
     * C1 compiles the media path 4-6 s into a call; the encoders' FEC loss hint falls from the call
     * start's 5 % to 0 on this lossless link over three RTCP reports (2.5-7.5 s apart): measure after both.
     */
    private static final long WARM_UP_MILLIS = 25_000;
    /** With speech input: how long A clicks, after the CPU measure, for the latency figure. */
    private static final long LATENCY_MILLIS = 20_000;
    /** Speech level over its active frames: about -21 dBFS, a voice close to a door station's microphone. */
    private static final int SPEECH_RMS = 3_000;

    /**
     * A microphone. With {@code speech}, it plays those samples in a loop until {@link #startClicking}.
     * With clicks: a quiet 300 Hz tone (about -32 dBFS, never silent) with a loud 20 ms, 1 kHz click
     * every 25 frames, remembering when each click left. Otherwise a loud 440 Hz tone.
     */
    static final class ClickCapture implements CaptureStream {
        final ConcurrentLinkedQueue<Long> sentAt = new ConcurrentLinkedQueue<>();
        private final short[] speech;
        private volatile boolean clicks;
        private long frame;
        private int speechAt;

        ClickCapture(boolean clicks) {
            this(clicks, null);
        }

        ClickCapture(boolean clicks, short[] speech) {
            this.clicks = clicks;
            this.speech = speech;
        }

        /** From the next frame on: the quiet tone with clicks. */
        void startClicking() {
            clicks = true;
        }

        @Override
        public boolean readFrame(short[] out) {
            boolean clicking = clicks;
            if (speech != null && !clicking) {
                for (int i = 0; i < FRAME; i++) {
                    out[i] = speech[speechAt];
                    speechAt = (speechAt + 1) % speech.length;
                }
                frame++;
                return true;
            }
            boolean click = clicking && frame % 25 == 0 && frame > 50;
            for (int i = 0; i < FRAME; i++) {
                double t = (frame * FRAME + i) / 48_000.0;
                out[i] = (short) (!clicking ? 12_000 * Math.sin(2 * Math.PI * 440 * t)
                        : click ? 12_000 * Math.sin(2 * Math.PI * 1000 * t) : 800 * Math.sin(2 * Math.PI * 300 * t));
            }
            if (click) {
                sentAt.add(System.nanoTime());
            }
            frame++;
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** A speaker that notes when a click (a loud frame after quiet ones) is played. */
    static final class ClickPlayback implements PlaybackStream {
        final ConcurrentLinkedQueue<Long> heardAt = new ConcurrentLinkedQueue<>();
        private boolean loud;

        @Override
        public void writeFrame(short[] frame) {
            double sum = 0;
            for (short s : frame) {
                sum += (double) s * s;
            }
            boolean nowLoud = Math.sqrt(sum / frame.length) > 2_000;
            if (nowLoud && !loud) {
                heardAt.add(System.nanoTime());
            }
            loud = nowLoud;
        }

        @Override
        public void close() {
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String input = System.getProperty("bench.input", "speech");
        if (!input.equals("speech") && !input.equals("tone")) {
            throw new IllegalArgumentException("bench.input: expected speech or tone, was " + input);
        }
        boolean speaking = input.equals("speech");
        InetAddress lo = InetAddress.getLoopbackAddress();
        MediaConfig config = MediaConfig.defaults(lo).withPorts(40_000, 40_999);
        Codecs codecs = Codecs.processWide();
        MediaListener quiet = new MediaListener() { };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // the same speech for both engines: A / the calling baresip say VISITOR, B / the callee RESIDENT
        short[] visitor = speaking ? SpeechSignals.speech("en-us", SpeechSignals.VISITOR, (seconds + 30) * 48_000, SPEECH_RMS) : null;
        short[] resident = speaking ? SpeechSignals.speech("de", SpeechSignals.RESIDENT, (seconds + 30) * 48_000, SPEECH_RMS) : null;

        double sdkBothMillisPerSecond;
        double jvmMillisPerSecond;
        try (MediaSession a = MediaSession.open("benchA", config, codecs, quiet);
             MediaSession b = MediaSession.open("benchB", config, codecs, quiet)) {
            ClickCapture clicker = new ClickCapture(!speaking, visitor);
            ClickPlayback listener = new ClickPlayback();
            a.start(MediaParams.opus(b.localRtp(), 111, 101), clicker, new ClickPlayback());
            b.start(MediaParams.opus(a.localRtp(), 111, 101), new ClickCapture(false, resident), listener);
            Thread ta = find("lt-media-benchA");
            Thread tb = find("lt-media-benchB");

            // warm-up: the jitter buffer settles at once, but at 50 frames a second C1 compiles the
            // media path (~200 calls a method) only after 4-6 s; a call that lasts minutes runs compiled
            Thread.sleep(WARM_UP_MILLIS);
            long cpu0 = threads.getThreadCpuTime(ta.getId()) + threads.getThreadCpuTime(tb.getId());
            long process0 = os.getProcessCpuTime();
            long alloc0 = threads.getThreadAllocatedBytes(ta.getId()) + threads.getThreadAllocatedBytes(tb.getId());
            long packets0 = a.quality().packetsSent() + a.quality().packetsReceived()
                    + b.quality().packetsSent() + b.quality().packetsReceived();
            long wall0 = System.nanoTime();
            clicker.sentAt.clear();
            listener.heardAt.clear();
            Thread.sleep(seconds * 1_000L);
            long wall = System.nanoTime() - wall0;
            long cpu = threads.getThreadCpuTime(ta.getId()) + threads.getThreadCpuTime(tb.getId()) - cpu0;
            long process = os.getProcessCpuTime() - process0;
            long alloc = threads.getThreadAllocatedBytes(ta.getId()) + threads.getThreadAllocatedBytes(tb.getId()) - alloc0;
            long packets = a.quality().packetsSent() + a.quality().packetsReceived()
                    + b.quality().packetsSent() + b.quality().packetsReceived() - packets0;
            if (speaking) {
                // latency needs clicks over a quiet tone: speech has loud onsets of its own
                clicker.startClicking();
                // a settle time, not counted: the far side leaves speech's last DTX gap and the clicks'
                // loud/quiet detection starts from the quiet tone rather than from speech
                Thread.sleep(3_000);
                clicker.sentAt.clear();
                listener.heardAt.clear();
                Thread.sleep(LATENCY_MILLIS);
            }

            List<Long> latencies = pair(new ArrayList<>(clicker.sentAt), new ArrayList<>(listener.heardAt));
            Collections.sort(latencies);
            double audioSeconds = wall / 1e9;
            sdkBothMillisPerSecond = cpu / 1e6 / audioSeconds;
            jvmMillisPerSecond = process / 1e6 / audioSeconds;
            System.out.println();
            System.out.println("| measure (Opus 48 kHz mono 20 ms, both ways, loopback) | value |");
            System.out.println("|---|---|");
            System.out.printf("| JVM flags of this run | %s |%n",
                    String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            System.out.printf("| microphones | %s |%n", speaking
                    ? "espeak-ng speech, en-us at A, de at B, " + SPEECH_RMS + " RMS (then A clicks for the latency)"
                    : "A: quiet 300 Hz tone with clicks, B: loud 440 Hz tone");
            System.out.printf("| audio measured | %.1f s, after %d s of warm-up |%n", audioSeconds, WARM_UP_MILLIS / 1000);
            System.out.printf("| CPU of both media threads per second of call | %.1f ms/s (%.2f %% of one core) |%n",
                    cpu / 1e6 / audioSeconds, cpu / 1e7 / audioSeconds);
            System.out.printf("| same, per endpoint (one side: encode + decode + RTP/RTCP both ways) | %.1f ms/s |%n",
                    cpu / 1e6 / audioSeconds / 2);
            System.out.printf("| packets handled (sent + received, both sides) | %d |%n", packets);
            System.out.printf("| allocation on the media threads | %d bytes total, %.2f bytes/packet |%n",
                    alloc, (double) alloc / Math.max(1, packets));
            if (latencies.isEmpty()) {
                System.out.println("| capture -> playout latency | no clicks matched |");
            } else {
                System.out.printf("| capture -> playout latency (%d clicks%s) | median %.1f ms, p99 %.1f ms, max %.1f ms |%n",
                        latencies.size(), speaking ? ", measured after the CPU" : "", latencies.get(latencies.size() / 2) / 1e6,
                        latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1)) / 1e6,
                        latencies.get(latencies.size() - 1) / 1e6);
            }
            System.out.printf("| jitter buffer delay at B | %d ms (target %d ms) |%n",
                    b.quality().jitterDelayMillis(), b.quality().jitterTargetMillis());
            System.out.printf("| estimated MOS at B | %.2f |%n", b.quality().mos());
            System.out.printf("| FEC loss hint of the encoders at the end, A / B | %d / %d %% |%n",
                    ((org.ltintercom.sdk.internal.media.OpusEncoder) a.sender().encoder()).packetLossPercent(),
                    ((org.ltintercom.sdk.internal.media.OpusEncoder) b.sender().encoder()).packetLossPercent());
            System.out.println();
            System.out.println(a.describeStages());
            System.out.println(b.describeStages());
        }
        printBaresipComparison(seconds, sdkBothMillisPerSecond, jvmMillisPerSecond, visitor, resident);
    }

    /**
     * The same measure for baresip in the same run: an Opus call between two baresip processes
     * ({@link BaresipCallCpu}), with its own encoder settings and with the SDK's, next to the SDK's
     * two media threads and its whole JVM (both endpoints, the JIT, GC and the bench's idle threads)
     * above. With {@code visitor}/{@code resident} the phones play the same speech as the SDK's
     * microphones did (aufile); without, both send ausine's tone all the time.
     */
    static void printBaresipComparison(int seconds, double sdkBoth, double sdkJvm, short[] visitor, short[] resident)
            throws Exception {
        BaresipCallCpu own;
        BaresipCallCpu matched;
        if (visitor != null) {
            Path dir = Files.createTempDirectory("lt-mediabench");
            Path callerWav = dir.resolve("visitor.wav");
            Path calleeWav = dir.resolve("resident.wav");
            try {
                Wav.write(callerWav, visitor, 48_000);
                Wav.write(calleeWav, resident, 48_000);
                own = BaresipCallCpu.measureSpeaking(seconds, callerWav, calleeWav, false);
                matched = BaresipCallCpu.measureSpeaking(seconds, callerWav, calleeWav, true);
            } finally {
                Files.deleteIfExists(callerWav);
                Files.deleteIfExists(calleeWav);
                Files.deleteIfExists(dir);
            }
        } else {
            own = BaresipCallCpu.measure(seconds);
            matched = BaresipCallCpu.measureWithSdkEncoderSettings(seconds);
        }
        System.out.println();
        System.out.printf("| Opus call both ways on 127.0.0.1, CPU per second of call, microphones: %s | both endpoints | per endpoint |%n",
                visitor != null ? "the same speech" : "tones");
        System.out.println("|---|---|---|");
        System.out.printf("| SDK: the two media threads (capture SPI read, encode, RTP/RTCP, jitter buffer, decode, playout SPI write) | %.1f ms/s | %.1f ms/s |%n",
                sdkBoth, sdkBoth / 2);
        System.out.printf("| SDK: the whole JVM holding both endpoints (media threads, JIT, GC, idle threads) | %.1f ms/s | %.1f ms/s |%n",
                sdkJvm, sdkJvm / 2);
        printBaresip("baresip 1.0 (Debian), its own Opus settings", own);
        printBaresip("baresip 1.0, the SDK's Opus settings (VOIP, 24 kbit/s, complexity 7, FEC, DTX)", matched);
        System.out.printf("| SDK media threads / baresip, own settings; same settings | %.2f; %.2f | |%n",
                sdkBoth / own.bothMillisPerSecond(), sdkBoth / matched.bothMillisPerSecond());
        System.out.printf("| SDK whole JVM / baresip, own settings; same settings | %.2f; %.2f | |%n",
                sdkJvm / own.bothMillisPerSecond(), sdkJvm / matched.bothMillisPerSecond());
    }

    private static void printBaresip(String what, BaresipCallCpu b) {
        System.out.printf("| %s: two whole processes, utime+stime from /proc over %.1f s (caller %.1f, callee %.1f ms/s) | %.1f ms/s | %.1f ms/s |%n",
                what, b.seconds(), b.callerMillisPerSecond(), b.calleeMillisPerSecond(), b.bothMillisPerSecond(),
                b.bothMillisPerSecond() / 2);
    }

    /** Matches each click sent with the first one heard after it (and before the next one was sent). */
    private static List<Long> pair(List<Long> sent, List<Long> heard) {
        List<Long> out = new ArrayList<>();
        int h = 0;
        for (int s = 0; s < sent.size(); s++) {
            long t = sent.get(s);
            long nextSent = s + 1 < sent.size() ? sent.get(s + 1) : Long.MAX_VALUE;
            while (h < heard.size() && heard.get(h) < t) {
                h++;
            }
            if (h < heard.size() && heard.get(h) < nextSent) {
                out.add(heard.get(h) - t);
                h++;
            }
        }
        return out;
    }

    private static Thread find(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread " + name));
    }

    private MediaBench() {
    }
}
