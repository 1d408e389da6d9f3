package org.ltintercom.sdk.internal.media;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.ltintercom.sdk.spi.AudioFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The microphone stage of the capture path: acoustic echo cancellation, then residual echo
 * suppression, noise suppression and AGC (libspeexdsp), all at the SPI's 48 kHz in 20 ms frames.
 *
 * <pre>
 *   playout: ... -> ToneGenerator -> [onPlayout: EchoReference] -> PlaybackStream -> speaker
 *                                            |  (delayed by echoDelay - 10 ms)
 *                                            v
 *   capture: mic -> CaptureStream -> [processCapture: MDF echo filter -> preprocessor] -> RtpSender
 * </pre>
 *
 * <p>The reference for a microphone frame is the played audio {@code echoDelay - 10 ms} earlier; the
 * adaptive filter ({@code echoTail} long) then covers lags from 10 ms before the measured delay to
 * {@code tail - 10 ms} after it, so a delay that moves by a few ms between calls stays inside it.
 * When the bulk delay is shorter than one frame, the echo of a frame arrives in the same tick, before
 * the frame is played, so the microphone is delayed by one frame; the preprocessor adds another
 * ({@link #addedLatencyFrames()}).
 *
 * <p>Without libspeexdsp the stage passes the microphone through untouched and reports
 * {@link AudioProcessingStatus.State#UNAVAILABLE}. Not thread-safe: one media thread; {@link #close}
 * is idempotent and frees each native state exactly once.
 */
public final class EchoCanceller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EchoCanceller.class);
    /** Lags before the measured delay the filter still covers (jitter of the device delay between calls). */
    static final int MARGIN_MILLIS = 10;
    private static final int FRAME = AudioFrames.FRAME_SAMPLES;
    private static final int PER_MS = AudioFrames.SAMPLE_RATE / 1000;

    private final SpeexDsp dsp;
    private final AudioProcessingStatus status;
    private final EchoReference reference;
    private final int bulkDelaySamples;
    private final int captureDelayFrames;
    private final short[] ref = new short[FRAME];
    private final Memory micBuf = new Memory(2L * FRAME);
    private final Memory refBuf = new Memory(2L * FRAME);
    private final Memory outBuf = new Memory(2L * FRAME);
    private short[] delayed = new short[FRAME];
    private short[] spare = new short[FRAME];
    private Pointer echo;
    private Pointer pre;
    private long frames;
    private long resets;

    private EchoCanceller(AudioProcessingConfig config, SpeexDsp dsp, AudioProcessingStatus status) {
        this.dsp = dsp;
        this.status = status;
        int bulk = Math.max(0, config.echoDelayMillis() - MARGIN_MILLIS) * PER_MS;
        this.bulkDelaySamples = bulk;
        this.captureDelayFrames = status.echoCancellation() && bulk < FRAME ? 1 : 0;
        this.reference = status.echoCancellation() ? new EchoReference(bulk + 2 * FRAME) : null;
    }

    /**
     * The stage for a call: with the library from {@link SpeexDsp#shared} (a missing library is
     * logged once per process there), or a pass-through when processing is off or unavailable.
     */
    public static EchoCanceller open(AudioProcessingConfig config) {
        if (!config.anyEnabled()) {
            return passThrough(config, new AudioProcessingStatus(AudioProcessingStatus.State.DISABLED, false, false, ""));
        }
        SpeexDsp.Availability lib = SpeexDsp.shared(config.speexDspLibrary());
        if (!lib.available()) {
            return passThrough(config, new AudioProcessingStatus(AudioProcessingStatus.State.UNAVAILABLE, false, false, lib.reason()));
        }
        return open(config, lib.dsp());
    }

    /**
     * The status a call with {@code config} would report, without opening any native state: loads
     * the library if needed (a missing one is logged once per process by {@link SpeexDsp#shared}).
     */
    public static AudioProcessingStatus probe(AudioProcessingConfig config) {
        if (!config.anyEnabled()) {
            return new AudioProcessingStatus(AudioProcessingStatus.State.DISABLED, false, false, "");
        }
        SpeexDsp.Availability lib = SpeexDsp.shared(config.speexDspLibrary());
        if (!lib.available()) {
            return new AudioProcessingStatus(AudioProcessingStatus.State.UNAVAILABLE, false, false, lib.reason());
        }
        return new AudioProcessingStatus(AudioProcessingStatus.State.ACTIVE, config.echoCancellation(),
                preprocessing(config), "");
    }

    private static boolean preprocessing(AudioProcessingConfig config) {
        return (config.echoCancellation() && config.residualEchoSuppression()) || config.noiseSuppression()
                || config.automaticGain();
    }

    /** The stage over a given library instance (tests and the benchmark count its handles). */
    public static EchoCanceller open(AudioProcessingConfig config, SpeexDsp dsp) {
        boolean aec = config.echoCancellation();
        boolean preprocess = preprocessing(config);
        EchoCanceller stage = new EchoCanceller(config, dsp,
                new AudioProcessingStatus(AudioProcessingStatus.State.ACTIVE, aec, preprocess, ""));
        try {
            if (aec) {
                stage.echo = dsp.echoInit(FRAME, config.echoTailMillis() * PER_MS, AudioFrames.SAMPLE_RATE);
            }
            if (preprocess) {
                stage.pre = dsp.preprocessInit(FRAME, AudioFrames.SAMPLE_RATE);
                dsp.preprocessSet(stage.pre, SpeexDsp.SPEEX_PREPROCESS_SET_DENOISE, config.noiseSuppression() ? 1 : 0);
                dsp.preprocessSet(stage.pre, SpeexDsp.SPEEX_PREPROCESS_SET_AGC, config.automaticGain() ? 1 : 0);
                if (aec && config.residualEchoSuppression()) {
                    dsp.preprocessAttachEcho(stage.pre, stage.echo);
                }
            }
        } catch (RuntimeException e) {
            stage.close();
            throw e;
        }
        log.debug("echo canceller: delay {} ms, tail {} ms, capture delayed {} frame(s), {}", config.echoDelayMillis(),
                config.echoTailMillis(), stage.captureDelayFrames, stage.status);
        return stage;
    }

    private static EchoCanceller passThrough(AudioProcessingConfig config, AudioProcessingStatus status) {
        return new EchoCanceller(config, null, status);
    }

    /** Processes one microphone frame in place (call once per tick, before that tick's {@link #onPlayout}). */
    public void processCapture(short[] frame) {
        if (echo == null && pre == null) {
            return;
        }
        frames++;
        if (captureDelayFrames == 1) {
            System.arraycopy(frame, 0, spare, 0, FRAME);
            System.arraycopy(delayed, 0, frame, 0, FRAME);
            short[] t = delayed;
            delayed = spare;
            spare = t;
        }
        micBuf.write(0, frame, 0, FRAME);
        Memory result = micBuf;
        if (echo != null) {
            long start = reference.written() - (long) captureDelayFrames * FRAME - bulkDelaySamples;
            reference.read(start, ref, FRAME);
            refBuf.write(0, ref, 0, FRAME);
            dsp.echoCancel(echo, micBuf, refBuf, outBuf);
            result = outBuf;
        }
        if (pre != null) {
            dsp.preprocessRun(pre, result);
        }
        result.read(0, frame, 0, FRAME);
    }

    /** Remembers one frame exactly as it is handed to the {@code PlaybackStream}. */
    public void onPlayout(short[] frame) {
        if (reference != null) {
            reference.append(frame, FRAME);
        }
    }

    /** Forgets the learnt echo path (the audio route changed: another speaker, another room). */
    public void reset() {
        if (echo != null) {
            dsp.echoReset(echo);
            reference.clear();
            resets++;
        }
    }

    public AudioProcessingStatus status() {
        return status;
    }

    /**
     * Frames of delay this stage adds to the capture path: one for the preprocessor (its overlap-add
     * window is two frames long, so it returns the previous frame's samples), plus one when the echo
     * delay is under one frame. The MDF filter itself adds none.
     */
    public int addedLatencyFrames() {
        return (status.preprocessing() ? 1 : 0) + (status.echoCancellation() ? captureDelayFrames : 0);
    }

    public long framesProcessed() {
        return frames;
    }

    /** Frees the native states; idempotent. */
    @Override
    public void close() {
        if (pre != null) {
            dsp.preprocessDestroy(pre);
            pre = null;
        }
        if (echo != null) {
            dsp.echoDestroy(echo);
            echo = null;
        }
        micBuf.close();
        refBuf.close();
        outBuf.close();
    }

    @Override
    public String toString() {
        return "EchoCanceller{" + status.state() + " aec=" + status.echoCancellation() + " pre=" + status.preprocessing()
                + " bulkDelay=" + bulkDelaySamples / PER_MS + "ms addedFrames=" + addedLatencyFrames() + " frames=" + frames
                + " resets=" + resets + "}";
    }
}
