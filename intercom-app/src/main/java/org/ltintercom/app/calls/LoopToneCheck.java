package org.ltintercom.app.calls;

import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.hal.audio.Tone;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.CaptureStream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The self-test's speaker->microphone loop: plays a 1 kHz test tone on the station's speaker and
 * listens for it on the same route's microphone (Goertzel at 1 kHz against 700 Hz next door).
 * On the simulated sound card the loop is its in-memory echo (switched on for the test only); on
 * a real station it is the air between speaker and microphone. Blocks up to about two seconds:
 * run it off the event loop, and not during a call (the microphone belongs to the call then).
 */
public final class LoopToneCheck {

    static final double TEST_HZ = 1000;
    static final double REFERENCE_HZ = 700;
    private static final Tone TEST_TONE = new Tone("selftest", List.of(new Tone.Segment(new double[]{TEST_HZ}, 1500)), false);
    private static final Duration LISTEN = Duration.ofSeconds(2);

    private LoopToneCheck() {
    }

    /** The outcome: passed, and what was heard. */
    public record Result(boolean passed, String detail) {
    }

    /**
     * On the simulated sound card: every microphone hears a quiet room (silence) whenever no test
     * audio is queued. A real card delivers a frame every 20 ms; the simulated one would otherwise
     * block each read for a frame period and starve the SDK's media loop, which then never reads
     * the RTP that arrives (a call on the simulated station would hear nothing).
     */
    public static void quietRoom(Hardware hardware) {
        if (hardware.audio() instanceof SimulatedAudioBackend sim) {
            for (LTAudioRoute route : LTAudioRoute.values()) {
                sim.setCaptureSource(route, () -> new short[AudioFrames.FRAME_SAMPLES]);
            }
        }
    }

    public static Result run(Hardware hardware) {
        Optional<LTAudioRoute> route = hardware.audio().availableRoutes().stream().findFirst();
        if (route.isEmpty()) {
            return new Result(false, "no audio route available");
        }
        SimulatedAudioBackend sim = hardware.audio() instanceof SimulatedAudioBackend s ? s : null;
        if (sim != null) {
            sim.setCaptureSource(route.get(), null); // read only what the loop brings back
            sim.setLoopback(true);
        }
        try (CaptureStream mic = hardware.audio().openCapture(route.get())) {
            hardware.tones().play(TEST_TONE, route.get());
            short[] frame = new short[AudioFrames.FRAME_SAMPLES];
            double best = 0;
            double reference = 0;
            long deadline = System.nanoTime() + LISTEN.toNanos();
            while (System.nanoTime() < deadline) {
                if (!mic.readFrame(frame)) {
                    continue;
                }
                double tone = amplitude(frame, TEST_HZ);
                if (tone > best) {
                    best = tone;
                    reference = amplitude(frame, REFERENCE_HZ);
                }
                if (best > 300 && best > 5 * reference) {
                    break;
                }
            }
            hardware.tones().stop();
            boolean heard = best > 300 && best > 5 * reference;
            return new Result(heard, String.format(java.util.Locale.ROOT, "%s: %.0f Hz tone %s (level %.0f, %.0f Hz %.0f)",
                    route.get(), TEST_HZ, heard ? "heard" : "not heard", best, REFERENCE_HZ, reference));
        } catch (AudioDeviceException e) {
            return new Result(false, route.get() + ": " + e.getMessage());
        } finally {
            if (sim != null) {
                sim.setLoopback(false);
                quietRoom(hardware);
            }
        }
    }

    /** Goertzel: the amplitude of {@code hz} in one 48 kHz frame. */
    static double amplitude(short[] samples, double hz) {
        double w = 2 * Math.PI * hz / AudioFrames.SAMPLE_RATE;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (short sample : samples) {
            double s0 = sample + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(power, 0)) / samples.length;
    }
}
