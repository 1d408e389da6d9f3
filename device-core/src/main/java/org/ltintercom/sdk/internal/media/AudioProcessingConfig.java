package org.ltintercom.sdk.internal.media;

import java.util.List;
import java.util.Objects;

/**
 * What the capture path does to the microphone before encoding (see {@link EchoCanceller}).
 *
 * @param echoCancellation        cancel the far-end echo (speaker to microphone) with the Speex MDF filter
 * @param echoDelayMillis         measured delay from writing a frame to the speaker to hearing it in the
 *                                microphone frames ({@link AcousticCalibration}); 0 if not calibrated
 * @param echoTailMillis          length of the adaptive filter after the delay (room reverberation)
 * @param residualEchoSuppression suppress the echo the linear filter leaves (preprocessor)
 * @param noiseSuppression        suppress stationary background noise (preprocessor)
 * @param automaticGain           level the microphone with the preprocessor's AGC
 * @param speexDspLibrary         where to look for libspeexdsp, in order
 */
public record AudioProcessingConfig(boolean echoCancellation, int echoDelayMillis, int echoTailMillis,
                                    boolean residualEchoSuppression, boolean noiseSuppression, boolean automaticGain,
                                    List<String> speexDspLibrary) {
    public static final int DEFAULT_TAIL_MILLIS = 128;
    public static final int MAX_DELAY_MILLIS = 1_000;

    public AudioProcessingConfig {
        Objects.requireNonNull(speexDspLibrary, "speexDspLibrary");
        speexDspLibrary = List.copyOf(speexDspLibrary);
        if (echoDelayMillis < 0 || echoDelayMillis > MAX_DELAY_MILLIS) {
            throw new IllegalArgumentException("echoDelayMillis: need 0.." + MAX_DELAY_MILLIS + ", was " + echoDelayMillis);
        }
        if (echoTailMillis < 20 || echoTailMillis > 1_000) {
            throw new IllegalArgumentException("echoTailMillis: need 20..1000, was " + echoTailMillis);
        }
    }

    /**
     * Echo cancellation with residual echo and noise suppression on, AGC off (a door station's
     * microphone gain is set once in the mixer; AGC would pump up street noise between words),
     * uncalibrated delay, 128 ms tail, the system libspeexdsp.
     */
    public static AudioProcessingConfig defaults() {
        return new AudioProcessingConfig(true, 0, DEFAULT_TAIL_MILLIS, true, true, false, SpeexDsp.systemCandidates());
    }

    /** Everything off: the microphone goes to the encoder untouched. */
    public static AudioProcessingConfig off() {
        return new AudioProcessingConfig(false, 0, DEFAULT_TAIL_MILLIS, false, false, false, SpeexDsp.systemCandidates());
    }

    /** The result of an {@link AcousticCalibration} applied: its delay and suggested tail. */
    public AudioProcessingConfig withEcho(int delayMillis, int tailMillis) {
        return new AudioProcessingConfig(echoCancellation, delayMillis, tailMillis, residualEchoSuppression,
                noiseSuppression, automaticGain, speexDspLibrary);
    }

    public AudioProcessingConfig withLibrary(List<String> candidates) {
        return new AudioProcessingConfig(echoCancellation, echoDelayMillis, echoTailMillis, residualEchoSuppression,
                noiseSuppression, automaticGain, candidates);
    }

    public AudioProcessingConfig withAutomaticGain(boolean on) {
        return new AudioProcessingConfig(echoCancellation, echoDelayMillis, echoTailMillis, residualEchoSuppression,
                noiseSuppression, on, speexDspLibrary);
    }

    /** True if any stage needs libspeexdsp. */
    public boolean anyEnabled() {
        return echoCancellation || residualEchoSuppression || noiseSuppression || automaticGain;
    }
}
