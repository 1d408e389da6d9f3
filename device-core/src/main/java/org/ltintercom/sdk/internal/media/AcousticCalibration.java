package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

/**
 * Measures the echo path of an audio route: plays a 500 ms sweep (100 Hz to 8 kHz at -12 dBFS)
 * through the route's speaker while recording its microphone, tick by tick as {@link MediaSession}
 * does (read one capture frame, then write one playout frame), and estimates the impulse response
 * by FFT deconvolution. Its first strong tap is the delay {@link EchoCanceller} aligns the far end
 * by; its energy is the echo level; how long it stays above the noise is the tail the filter needs.
 *
 * <pre>
 *   200 ms silence (noise floor) | 500 ms sweep | 1 s listening   = 85 frames, 1.7 s
 * </pre>
 *
 * The caller opens the route's streams (no call may hold them), keeps ownership and stores the
 * result in the device state; {@link AudioProcessingConfig#withEcho} applies it to later calls.
 */
public final class AcousticCalibration {
    private static final int FRAME = AudioFrames.FRAME_SAMPLES;
    private static final int RATE = AudioFrames.SAMPLE_RATE;
    private static final int LEAD_FRAMES = 10;
    private static final int SWEEP_FRAMES = 25;
    private static final int LISTEN_FRAMES = 50;
    static final int TOTAL_FRAMES = LEAD_FRAMES + SWEEP_FRAMES + LISTEN_FRAMES;
    private static final int MAX_DELAY_MILLIS = 500;
    private static final int MIN_TAIL_MILLIS = 64;
    private static final int MAX_TAIL_MILLIS = 512;

    /**
     * What the calibration found.
     *
     * @param echoDetected        false if the microphone did not hear the speaker (headset, muted mic)
     * @param delayMillis         from writing a frame to the speaker to its first echo in the capture frames
     * @param echoLevelDb         echo energy relative to what was played (e.g. -6 dB: loud coupling)
     * @param suggestedTailMillis echo filter length that covers the room's reverberation
     */
    public record Result(boolean echoDetected, int delayMillis, double echoLevelDb, int suggestedTailMillis) {
    }

    private AcousticCalibration() {
    }

    /**
     * Plays the sweep and analyses the recording (takes 1.7 s of audio; blocks as the streams do).
     *
     * @throws AudioDeviceException if a device fails
     * @throws IllegalStateException if the microphone delivered fewer than half of its frames
     */
    public static Result run(PlaybackStream playback, CaptureStream capture) throws AudioDeviceException {
        short[] played = sweep();
        short[] recorded = new short[played.length];
        short[] frame = new short[FRAME];
        int underruns = 0;
        for (int f = 0; f < TOTAL_FRAMES; f++) {
            if (capture.readFrame(frame)) {
                System.arraycopy(frame, 0, recorded, f * FRAME, FRAME);
            } else {
                underruns++;
            }
            System.arraycopy(played, f * FRAME, frame, 0, FRAME);
            playback.writeFrame(frame);
        }
        if (underruns > TOTAL_FRAMES / 2) {
            throw new IllegalStateException("capture: " + underruns + " of " + TOTAL_FRAMES + " frames missing, cannot calibrate");
        }
        return analyse(played, recorded);
    }

    /** The played signal: silence, the sweep with 5 ms fades, silence. */
    static short[] sweep() {
        short[] out = new short[TOTAL_FRAMES * FRAME];
        int n = SWEEP_FRAMES * FRAME;
        int fade = 5 * RATE / 1000;
        double f0 = 100;
        double f1 = 8_000;
        double seconds = (double) n / RATE;
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double phase = 2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * seconds));
            double gain = Math.min(1, Math.min(i, n - 1 - i) / (double) fade);
            out[LEAD_FRAMES * FRAME + i] = (short) Math.round(8_192 * gain * Math.sin(phase));
        }
        return out;
    }

    /** Estimates the echo path from what was played and recorded (same length, same timeline). */
    static Result analyse(short[] played, short[] recorded) {
        double[] h = impulseResponse(played, recorded);
        int maxLag = MAX_DELAY_MILLIS * RATE / 1000;
        double peak = 0;
        for (int lag = 0; lag <= maxLag; lag++) {
            peak = Math.max(peak, Math.abs(h[lag]));
        }
        // deconvolution noise: negative lags (the end of the circular result) hold no echo
        double noise = 0;
        int noiseLags = RATE / 10;
        for (int i = h.length - noiseLags; i < h.length; i++) {
            noise += h[i] * h[i];
        }
        double noiseRms = Math.sqrt(noise / noiseLags);
        if (peak < 8 * noiseRms || peak < 1e-4) {
            return new Result(false, 0, Double.NEGATIVE_INFINITY, MIN_TAIL_MILLIS);
        }
        int delay = 0;
        while (Math.abs(h[delay]) < 0.5 * peak) {
            delay++; // the first strong arrival, not the loudest reflection
        }
        int block = RATE / 200; // 5 ms
        int last = delay;
        double threshold = Math.max(peak * peak * 1e-4, 16 * noiseRms * noiseRms) * block; // -40 dB or noise floor
        int start = Math.max(0, delay - RATE / 1000);
        for (int b = start; b + block <= delay + MAX_TAIL_MILLIS * RATE / 1000 && b + block < h.length / 2; b += block) {
            double e = 0;
            for (int i = b; i < b + block; i++) {
                e += h[i] * h[i];
            }
            if (e >= threshold) {
                last = b + block;
            }
        }
        int spanMillis = (last - delay) * 1000 / RATE + 2 * EchoCanceller.MARGIN_MILLIS;
        int tail = Math.max(MIN_TAIL_MILLIS, Math.min(MAX_TAIL_MILLIS, (spanMillis + 31) / 32 * 32));
        return new Result(true, (int) Math.round(delay * 1000.0 / RATE), echoLevelDb(played, recorded, delay, last - delay), tail);
    }

    /**
     * The recorded echo of the sweep (less the noise measured before it) relative to the sweep, over all
     * frequencies the microphone hears: the deconvolved response only covers the sweep's band.
     */
    private static double echoLevelDb(short[] played, short[] recorded, int delay, int span) {
        int lead = LEAD_FRAMES * FRAME;
        double noise = 0;
        for (int i = 0; i < lead; i++) {
            noise += (double) recorded[i] * recorded[i];
        }
        noise /= lead;
        int from = lead + delay;
        int to = Math.min(recorded.length, lead + SWEEP_FRAMES * FRAME + delay + span);
        double echo = 0;
        double sweep = 0;
        for (int i = from; i < to; i++) {
            echo += (double) recorded[i] * recorded[i] - noise;
        }
        for (short v : played) {
            sweep += (double) v * v;
        }
        return 10 * Math.log10(Math.max(echo, 1e-9 * sweep) / sweep);
    }

    /** h = IFFT(R conj(P) / (|P|^2 + eps)): the room and device response from played to recorded. */
    private static double[] impulseResponse(short[] played, short[] recorded) {
        int n = Fft.size(played.length + recorded.length);
        double[] pRe = new double[n];
        double[] pIm = new double[n];
        double[] rRe = new double[n];
        double[] rIm = new double[n];
        for (int i = 0; i < played.length; i++) {
            pRe[i] = played[i];
            rRe[i] = recorded[i];
        }
        Fft.transform(pRe, pIm, false);
        Fft.transform(rRe, rIm, false);
        double maxPower = 0;
        for (int k = 0; k < n; k++) {
            maxPower = Math.max(maxPower, pRe[k] * pRe[k] + pIm[k] * pIm[k]);
        }
        double eps = maxPower * 1e-3; // regularise outside the sweep's band instead of amplifying noise there
        for (int k = 0; k < n; k++) {
            double power = pRe[k] * pRe[k] + pIm[k] * pIm[k];
            double re = (rRe[k] * pRe[k] + rIm[k] * pIm[k]) / (power + eps);
            double im = (rIm[k] * pRe[k] - rRe[k] * pIm[k]) / (power + eps);
            rRe[k] = re;
            rIm[k] = im;
        }
        Fft.transform(rRe, rIm, true);
        return rRe;
    }
}
