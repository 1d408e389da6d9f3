package org.ltintercom.sdk;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.internal.media.AcousticCalibration;
import org.ltintercom.sdk.internal.media.AudioProcessingConfig;
import org.ltintercom.sdk.internal.media.SpeexDsp;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.util.Objects;

/**
 * What every call does to the microphone before sending it (an lt-intercom addition, set with
 * {@link LTSDKOptions.Builder#audioProcessing}): acoustic echo cancellation (the resident must not
 * hear themselves from the door station's speaker), then residual echo suppression, noise
 * suppression and automatic gain, all in-process with libspeexdsp (Debian {@code libspeexdsp1}).
 *
 * <pre>
 * LTAcousticCalibration cal = LTAudioProcessing.calibrate(hardware.audio(), LTAudioRoute.BUILTIN);
 * options.audioProcessing(LTAudioProcessing.doorStation().withCalibration(cal));
 * </pre>
 *
 * @param echoCancellation        cancel the far end's echo (speaker to microphone)
 * @param echoDelayMillis         measured delay from the speaker to the microphone, 0..500 ms; 0 = not calibrated
 * @param echoTailMillis          how long the echo canceller follows the room's reverberation, 50..500 ms
 * @param residualEchoSuppression suppress the echo the canceller leaves (only with echo cancellation)
 * @param noiseSuppression        suppress stationary background noise (traffic, fans)
 * @param automaticGain           level the microphone automatically
 */
public record LTAudioProcessing(boolean echoCancellation, int echoDelayMillis, int echoTailMillis,
                                boolean residualEchoSuppression, boolean noiseSuppression, boolean automaticGain) {
    public static final int MAX_ECHO_DELAY_MILLIS = 500;
    public static final int MIN_ECHO_TAIL_MILLIS = 50;
    public static final int MAX_ECHO_TAIL_MILLIS = 500;
    public static final int DEFAULT_ECHO_TAIL_MILLIS = AudioProcessingConfig.DEFAULT_TAIL_MILLIS;

    /** @throws IllegalArgumentException naming the field, e.g. {@code echoTailMillis: need 50..500 ms, was 20} */
    public LTAudioProcessing {
        if (echoDelayMillis < 0 || echoDelayMillis > MAX_ECHO_DELAY_MILLIS) {
            throw new IllegalArgumentException("echoDelayMillis: need 0.." + MAX_ECHO_DELAY_MILLIS + " ms, was " + echoDelayMillis);
        }
        if (echoTailMillis < MIN_ECHO_TAIL_MILLIS || echoTailMillis > MAX_ECHO_TAIL_MILLIS) {
            throw new IllegalArgumentException("echoTailMillis: need " + MIN_ECHO_TAIL_MILLIS + ".." + MAX_ECHO_TAIL_MILLIS
                    + " ms, was " + echoTailMillis);
        }
    }

    /**
     * The door-station default (also the SDK's): echo cancellation with residual echo and noise
     * suppression, AGC off (the microphone gain is set once in the mixer; AGC pumps up street noise
     * between words), 128 ms tail, not calibrated.
     */
    public static LTAudioProcessing doorStation() {
        return new LTAudioProcessing(true, 0, DEFAULT_ECHO_TAIL_MILLIS, true, true, false);
    }

    /** Everything off: the microphone is sent as it is (a headset-only device, tests with test tones). */
    public static LTAudioProcessing off() {
        return new LTAudioProcessing(false, 0, DEFAULT_ECHO_TAIL_MILLIS, false, false, false);
    }

    /** True if any stage is switched on. */
    public boolean anyEnabled() {
        return echoCancellation || residualEchoSuppression || noiseSuppression || automaticGain;
    }

    /** This processing with a measured echo delay and tail (each checked as in the constructor). */
    public LTAudioProcessing withEcho(int delayMillis, int tailMillis) {
        return new LTAudioProcessing(echoCancellation, delayMillis, tailMillis, residualEchoSuppression, noiseSuppression,
                automaticGain);
    }

    /**
     * This processing aligned to a calibration: its delay and suggested tail (kept inside 0..500 and
     * 50..500 ms). A calibration that heard no echo changes nothing.
     */
    public LTAudioProcessing withCalibration(LTAcousticCalibration calibration) {
        Objects.requireNonNull(calibration, "calibration");
        if (!calibration.echoDetected()) {
            return this;
        }
        return withEcho(Math.min(MAX_ECHO_DELAY_MILLIS, Math.max(0, calibration.delayMillis())),
                Math.min(MAX_ECHO_TAIL_MILLIS, Math.max(MIN_ECHO_TAIL_MILLIS, calibration.suggestedTailMillis())));
    }

    /**
     * Measures the echo path of {@code route}: plays a 0.5 s sweep on its speaker while recording its
     * microphone (1.7 s in all, audible at the door) and finds the delay, level and length of the
     * echo. No call may use the route meanwhile; the streams are closed before this returns.
     *
     * @throws AudioDeviceException if the route's speaker or microphone cannot be opened or fails
     * @throws IllegalStateException if the microphone delivered too few frames to measure anything
     */
    public static LTAcousticCalibration calibrate(AudioBackend audio, LTAudioRoute route) throws AudioDeviceException {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(route, "route");
        try (CaptureStream capture = audio.openCapture(route); PlaybackStream playback = audio.openPlayback(route)) {
            AcousticCalibration.Result r = AcousticCalibration.run(playback, capture);
            return new LTAcousticCalibration(r.echoDetected(), r.delayMillis(), r.echoLevelDb(), r.suggestedTailMillis());
        }
    }

    /** The media engine's form, with the system libspeexdsp ({@link SpeexDsp#systemCandidates()}). */
    AudioProcessingConfig toConfig() {
        return new AudioProcessingConfig(echoCancellation, echoDelayMillis, echoTailMillis, residualEchoSuppression,
                noiseSuppression, automaticGain, SpeexDsp.systemCandidates());
    }
}
