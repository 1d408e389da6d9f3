package org.ltintercom.bench;

import org.ltintercom.sdk.internal.media.AudioCodec;
import org.ltintercom.sdk.internal.media.Codecs;
import org.ltintercom.sdk.internal.media.MediaConfig;
import org.ltintercom.sdk.internal.media.MediaListener;
import org.ltintercom.sdk.internal.media.MediaParams;
import org.ltintercom.sdk.internal.media.MediaSession;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
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

    /**
     * A microphone: with {@code clicks}, a quiet 300 Hz tone (about -32 dBFS, never silent, so the
     * encoder works on every frame as it does for baresip's ausine) with a loud 20 ms, 1 kHz click every
     * 25 frames, remembering when each click left; without, a loud 440 Hz tone.
     */
    static final class ClickCapture implements CaptureStream {
        final ConcurrentLinkedQueue<Long> sentAt = new ConcurrentLinkedQueue<>();
        private final boolean clicks;
        private long frame;

        ClickCapture(boolean clicks) {
            this.clicks = clicks;
        }

        @Override
        public boolean readFrame(short[] out) {
            boolean click = clicks && frame % 25 == 0 && frame > 50;
            for (int i = 0; i < FRAME; i++) {
                double t = (frame * FRAME + i) / 48_000.0;
                out[i] = (short) (!clicks ? 12_000 * Math.sin(2 * Math.PI * 440 * t)
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
        InetAddress lo = InetAddress.getLoopbackAddress();
        MediaConfig config = MediaConfig.defaults(lo).withPorts(40_000, 40_999);
        Codecs codecs = Codecs.processWide();
        MediaListener quiet = new MediaListener() { };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        double sdkBothMillisPerSecond;
        double jvmMillisPerSecond;
        try (MediaSession a = MediaSession.open("benchA", config, codecs, quiet);
             MediaSession b = MediaSession.open("benchB", config, codecs, quiet)) {
            ClickCapture clicker = new ClickCapture(true);
            ClickPlayback listener = new ClickPlayback();
            a.start(MediaParams.opus(b.localRtp(), 111, 101), clicker, new ClickPlayback());
            b.start(MediaParams.opus(a.localRtp(), 111, 101), new ClickCapture(false), listener);
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
                System.out.printf("| capture -> playout latency (%d clicks) | median %.1f ms, p99 %.1f ms, max %.1f ms |%n",
                        latencies.size(), latencies.get(latencies.size() / 2) / 1e6,
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
        printBaresipComparison(seconds, sdkBothMillisPerSecond, jvmMillisPerSecond);
    }

    /**
     * The same measure for baresip in the same run: an Opus call between two baresip processes
     * ({@link BaresipCallCpu}), with its own encoder settings and with the SDK's, next to the SDK's
     * two media threads and its whole JVM (both endpoints, the JIT, GC and the bench's idle threads)
     * above. Both sides of both calls send a tone all the time, so no DTX.
     */
    static void printBaresipComparison(int seconds, double sdkBoth, double sdkJvm) throws Exception {
        BaresipCallCpu own = BaresipCallCpu.measure(seconds);
        BaresipCallCpu matched = BaresipCallCpu.measureWithSdkEncoderSettings(seconds);
        System.out.println();
        System.out.println("| Opus call both ways on 127.0.0.1, CPU per second of call | both endpoints | per endpoint |");
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
