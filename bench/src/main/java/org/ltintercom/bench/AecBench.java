package org.ltintercom.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import org.ltintercom.sdk.internal.media.AudioProcessingConfig;
import org.ltintercom.sdk.internal.media.Codecs;
import org.ltintercom.sdk.internal.media.EchoCanceller;
import org.ltintercom.sdk.internal.media.MediaConfig;
import org.ltintercom.sdk.internal.media.MediaListener;
import org.ltintercom.sdk.internal.media.MediaParams;
import org.ltintercom.sdk.internal.media.MediaSession;
import org.ltintercom.sdk.internal.media.SpeexDsp;
import org.ltintercom.sdk.spi.AudioFrames;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Random;

/**
 * Echo canceller benchmark: CPU per second of audio of the capture stage (Speex MDF + preprocessor)
 * at the SPI's 48 kHz in 20 ms frames, the same library at 16 kHz for comparison, the frames of
 * latency the stage adds, and the CPU of an Opus loopback call ({@link MediaBench}'s set-up) with
 * the stage on and off.
 *
 * <p>Run: {@code mvn -o -Pbench -pl bench -am package -DskipTests} then
 * {@code java -cp "bench/target/bench.jar:bench/target/lib/*" org.ltintercom.bench.AecBench [seconds]}.
 */
public final class AecBench {
    private static final int FRAME = AudioFrames.FRAME_SAMPLES;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The library at 16 kHz through a plain interface binding (the SDK runs it at 48 kHz only). */
    interface Speex16 extends Library {
        Pointer speex_echo_state_init(int frameSize, int filterLength);

        int speex_echo_ctl(Pointer st, int request, IntByReference value);

        void speex_echo_cancellation(Pointer st, short[] rec, short[] play, short[] out);

        void speex_echo_state_destroy(Pointer st);

        Pointer speex_preprocess_state_init(int frameSize, int rate);

        int speex_preprocess_ctl(Pointer st, int request, Pointer value);

        int speex_preprocess_run(Pointer st, short[] x);

        void speex_preprocess_state_destroy(Pointer st);
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        SpeexDsp.Availability lib = SpeexDsp.load(SpeexDsp.systemCandidates());
        if (!lib.available()) {
            throw new IllegalStateException(lib.reason());
        }
        short[][] signals = room(seconds * AudioFrames.SAMPLE_RATE, 48_000);
        System.out.println();
        System.out.println("| capture stage, " + seconds + " s of speech-like far end + near end | CPU per second of audio | added latency |");
        System.out.println("|---|---|---|");
        AudioProcessingConfig all = AudioProcessingConfig.defaults().withEcho(50, 128);
        stage("48 kHz AEC 128 ms + residual echo + noise suppression (default)", all, lib.dsp(), signals);
        stage("48 kHz AEC 256 ms + residual echo + noise suppression", all.withEcho(50, 256), lib.dsp(), signals);
        stage("48 kHz AEC 128 ms only", new AudioProcessingConfig(true, 50, 128, false, false, false, SpeexDsp.systemCandidates()),
                lib.dsp(), signals);
        stage("48 kHz noise suppression only", new AudioProcessingConfig(false, 0, 128, false, true, false, SpeexDsp.systemCandidates()),
                lib.dsp(), signals);
        stage("48 kHz everything + AGC, uncalibrated delay", AudioProcessingConfig.defaults().withAutomaticGain(true),
                lib.dsp(), signals);
        at16k(lib.dsp().path(), seconds);
        System.out.println();
        double on = call(AudioProcessingConfig.defaults().withEcho(50, 128), Math.min(seconds, 20));
        double off = call(AudioProcessingConfig.off(), Math.min(seconds, 20));
        System.out.println("| Opus call both ways on 127.0.0.1, two endpoints | CPU per second of call |");
        System.out.println("|---|---|");
        System.out.printf("| SDK, audio processing on (AEC 128 ms + residual echo + noise suppression, both sides): both media threads | %.1f ms/s |%n", on);
        System.out.printf("| SDK, audio processing off: both media threads | %.1f ms/s |%n", off);
        System.out.printf("| difference | %.1f ms/s (%.2f %% of one core) |%n", on - off, (on - off) / 10);
        BaresipCallCpu baresip = BaresipCallCpu.measure(Math.min(seconds, 20));
        System.out.printf("| baresip 1.0 <-> baresip 1.0, Opus, no echo canceller loaded: both whole processes (utime+stime, /proc) | %.1f ms/s |%n",
                baresip.bothMillisPerSecond());
        BaresipCallCpu baresipPp = BaresipCallCpu.measureWithPreprocessor(Math.min(seconds, 20));
        System.out.printf("| baresip 1.0 <-> baresip 1.0, Opus, speex_pp preprocessor (denoise + AGC; Debian's baresip-core has no echo canceller module): both processes | %.1f ms/s |%n",
                baresipPp.bothMillisPerSecond());
        System.out.printf("| SDK with processing on / baresip with speex_pp | %.2f |%n", on / baresipPp.bothMillisPerSecond());
        System.out.printf("| SDK with processing on / baresip | %.2f |%n", on / baresip.bothMillisPerSecond());
        System.out.printf("| SDK with processing off / baresip | %.2f |%n", off / baresip.bothMillisPerSecond());
    }

    private static void stage(String name, AudioProcessingConfig config, SpeexDsp dsp, short[][] signals) {
        short[] mic = signals[0];
        short[] far = signals[1];
        short[] frame = new short[FRAME];
        short[] play = new short[FRAME];
        try (EchoCanceller stage = EchoCanceller.open(config, dsp)) {
            for (int f = 0; f < 250 * FRAME; f += FRAME) { // warm-up: JIT, filter converged
                System.arraycopy(mic, f, frame, 0, FRAME);
                stage.processCapture(frame);
                System.arraycopy(far, f, play, 0, FRAME);
                stage.onPlayout(play);
            }
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            for (int f = 0; f + FRAME <= mic.length; f += FRAME) {
                System.arraycopy(mic, f, frame, 0, FRAME);
                stage.processCapture(frame);
                System.arraycopy(far, f, play, 0, FRAME);
                stage.onPlayout(play);
            }
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            double audio = (double) mic.length / AudioFrames.SAMPLE_RATE;
            System.out.printf("| %s | %.2f ms/s (%.2f %% of one core) | %d frame(s) = %d ms |%n", name, cpu / 1e6 / audio,
                    cpu / 1e7 / audio, stage.addedLatencyFrames(), stage.addedLatencyFrames() * AudioFrames.FRAME_MILLIS);
        }
    }

    /** Speex at 16 kHz in 20 ms = 320-sample frames, 128 ms tail, AEC + preprocessor; resampling not counted. */
    private static void at16k(String path, int seconds) {
        Speex16 api = Native.load(path, Speex16.class, java.util.Map.of(Library.OPTION_OPEN_FLAGS, 1));
        int n = 320;
        short[][] signals = room(seconds * 16_000, 16_000);
        Pointer echo = api.speex_echo_state_init(n, 128 * 16);
        api.speex_echo_ctl(echo, 24, new IntByReference(16_000));
        Pointer pre = api.speex_preprocess_state_init(n, 16_000);
        api.speex_preprocess_ctl(pre, 24, echo);
        short[] rec = new short[n];
        short[] play = new short[n];
        short[] out = new short[n];
        try {
            long cpu0 = 0;
            for (int pass = 0; pass < 2; pass++) { // first pass: warm-up
                cpu0 = THREADS.getCurrentThreadCpuTime();
                for (int f = 0; f + n <= signals[0].length; f += n) {
                    System.arraycopy(signals[0], f, rec, 0, n);
                    System.arraycopy(signals[1], f, play, 0, n);
                    api.speex_echo_cancellation(echo, rec, play, out);
                    api.speex_preprocess_run(pre, out);
                }
            }
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            System.out.printf("| 16 kHz AEC 128 ms + residual echo + noise suppression (library only, no 48<->16 kHz resampling) | %.2f ms/s (%.2f %% of one core) | 1 frame + resampler delay |%n",
                    cpu / 1e6 / seconds, cpu / 1e7 / seconds);
        } finally {
            api.speex_preprocess_state_destroy(pre);
            api.speex_echo_state_destroy(echo);
        }
    }

    /**
     * Speech-like test audio: far end = noise shaped into 4 Hz syllables with pauses; microphone =
     * its echo (50 ms delay, direct path and reflections) plus a near end that talks every other second.
     */
    private static short[][] room(int samples, int rate) {
        Random random = new Random(1);
        double[] far = new double[samples];
        double[] near = new double[samples];
        double lpFar = 0;
        double lpNear = 0;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            double syllables = Math.max(0, Math.sin(2 * Math.PI * 4 * t)) * (Math.sin(2 * Math.PI * 0.3 * t) > -0.3 ? 1 : 0);
            lpFar = 0.7 * lpFar + 0.3 * random.nextGaussian();
            lpNear = 0.8 * lpNear + 0.2 * random.nextGaussian();
            far[i] = 8_000 * syllables * lpFar;
            near[i] = ((int) t % 2 == 1 ? 6_000 : 0) * Math.max(0, Math.sin(2 * Math.PI * 3 * t)) * lpNear;
        }
        int d = rate * 50 / 1000;
        short[] mic = new short[samples];
        short[] farOut = new short[samples];
        for (int i = 0; i < samples; i++) {
            double echo = 0;
            int[] taps = {d, d + rate * 7 / 1000, d + rate * 13 / 1000, d + rate * 31 / 1000};
            double[] gains = {0.5, -0.2, 0.1, 0.05};
            for (int k = 0; k < taps.length; k++) {
                echo += i >= taps[k] ? gains[k] * far[i - taps[k]] : 0;
            }
            mic[i] = clip(echo + near[i] + 30 * random.nextGaussian());
            farOut[i] = clip(far[i]);
        }
        return new short[][] {mic, farOut};
    }

    private static short clip(double v) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }

    /** CPU (ms per second of call) of both media threads of an Opus loopback call. */
    private static double call(AudioProcessingConfig processing, int seconds) throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        MediaConfig config = MediaConfig.defaults(lo).withPorts(41_000, 41_999).withAudioProcessing(processing);
        Codecs codecs = Codecs.processWide();
        MediaListener quiet = new MediaListener() { };
        try (MediaSession a = MediaSession.open("aecA", config, codecs, quiet);
             MediaSession b = MediaSession.open("aecB", config, codecs, quiet)) {
            a.start(MediaParams.opus(b.localRtp(), 111, 101), new MediaBench.ClickCapture(false), new MediaBench.ClickPlayback());
            b.start(MediaParams.opus(a.localRtp(), 111, 101), new MediaBench.ClickCapture(false), new MediaBench.ClickPlayback());
            Thread ta = find("lt-media-aecA");
            Thread tb = find("lt-media-aecB");
            Thread.sleep(2_000); // warm-up
            long cpu0 = THREADS.getThreadCpuTime(ta.getId()) + THREADS.getThreadCpuTime(tb.getId());
            long wall0 = System.nanoTime();
            Thread.sleep(seconds * 1_000L);
            long cpu = THREADS.getThreadCpuTime(ta.getId()) + THREADS.getThreadCpuTime(tb.getId()) - cpu0;
            double audio = (System.nanoTime() - wall0) / 1e9;
            System.out.println("  " + a.audioProcessingStatus());
            return cpu / 1e6 / audio;
        }
    }

    private static Thread find(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread " + name));
    }

    private AecBench() {
    }
}
