package org.ltintercom.sdk.internal.media;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.ptr.ShortByReference;
import org.ltintercom.sdk.spi.AudioFrames;
import tomp2p.opuswrapper.Opus;

import java.nio.IntBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opus encoder for one send stream: 48 kHz mono, 20 ms, OPUS_APPLICATION_VOIP, 24 kbit/s, complexity 7,
 * in-band FEC on (loss hint from RTCP), DTX on.
 *
 * <pre>
 *   CaptureStream -> [OpusEncoder] -> RtpSender -> network
 * </pre>
 *
 * With DTX the encoder returns a 1-2 byte frame during silence. The first one is sent (it tells
 * the receiver that silence follows, so its gap is not counted as loss); the following ones are
 * not, and timestamps keep advancing. libopus itself emits a full frame every 400 ms of silence,
 * which keeps RTP (and our no-RTP supervision on the peer) alive.
 *
 * <p>Complexity 7 instead of libopus's default 10: the encoder is the largest CPU cost of a call and
 * 7 takes about a fifth off it (about 320 instead of 395 us per 20 ms voice frame on the x86 build
 * host), with SILK's voice quality at 24 kbit/s close to 10. 7 is the floor with DTX on: below it
 * libopus 1.3 skips its signal analysis, its DTX then takes a steady tone (a chime, ringback, hold
 * music) for background noise and cuts it after about a second ({@code OpusCodecTest}). See docs/media.md.
 */
public final class OpusEncoder implements FrameEncoder {
    public static final int MAX_PAYLOAD = 1275;
    private static final int BITRATE = 24_000;
    static final int COMPLEXITY = 7;
    private static final int INITIAL_LOSS_PERCENT = 5;
    private static final int MIN_LOSS_PERCENT = 2;

    private final OpusNatives.LoadedOpus opus;
    private final Opus api;
    private final PointerByReference state;
    private final boolean direct;
    private final Memory pcmMemory = new Memory(2L * AudioFrames.FRAME_SAMPLES);
    private final Memory outMemory = new Memory(MAX_PAYLOAD);
    private final ShortByReference pcmRef = new ShortByReference();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean lastWasDtx;
    private int lossPercent = -1;

    public OpusEncoder(OpusNatives.LoadedOpus opus) {
        this.opus = opus;
        this.api = opus.api();
        IntBuffer error = IntBuffer.allocate(1);
        this.state = api.opus_encoder_create(AudioFrames.SAMPLE_RATE, 1, Opus.OPUS_APPLICATION_VOIP, error);
        if (error.get(0) != Opus.OPUS_OK || state == null) {
            throw new IllegalStateException("opus_encoder_create failed: " + error.get(0));
        }
        ctl(Opus.OPUS_SET_BITRATE_REQUEST, BITRATE);
        ctl(Opus.OPUS_SET_SIGNAL_REQUEST, Opus.OPUS_SIGNAL_VOICE);
        ctl(Opus.OPUS_SET_COMPLEXITY_REQUEST, COMPLEXITY);
        ctl(Opus.OPUS_SET_INBAND_FEC_REQUEST, 1);
        ctl(Opus.OPUS_SET_DTX_REQUEST, 1);
        setPacketLossPercent(INITIAL_LOSS_PERCENT);
        this.direct = bindDirect(opus);
        pcmRef.setPointer(pcmMemory);
    }

    private static boolean bindDirect(OpusNatives.LoadedOpus opus) {
        if (!OpusNatives.isProcessWide(opus)) {
            return false;
        }
        OpusDirect.bind(opus.library());
        return true;
    }

    @Override
    public int encode(short[] pcm, byte[] out, int offset) {
        ensureOpen();
        pcmMemory.write(0, pcm, 0, AudioFrames.FRAME_SAMPLES);
        int max = Math.min(MAX_PAYLOAD, out.length - offset);
        int n = direct
                ? OpusDirect.opus_encode(state.getPointer(), pcmMemory, AudioFrames.FRAME_SAMPLES, outMemory, max)
                : api.opus_encode(state, pcmRef, AudioFrames.FRAME_SAMPLES, outMemory, max);
        if (n < 0) {
            throw new IllegalStateException("opus_encode failed: " + n);
        }
        boolean dtx = n <= 2;
        if (dtx && lastWasDtx) {
            return 0;
        }
        lastWasDtx = dtx;
        outMemory.read(0, out, offset, n);
        return n;
    }

    /** Sets the expected loss (clamped to 2..30 %) that sizes the in-band FEC. */
    @Override
    public void setPacketLossPercent(int percent) {
        int clamped = Math.max(MIN_LOSS_PERCENT, Math.min(30, percent));
        if (clamped != lossPercent) {
            ensureOpen();
            ctl(Opus.OPUS_SET_PACKET_LOSS_PERC_REQUEST, clamped);
            lossPercent = clamped;
        }
    }

    /** The complexity libopus reports for this encoder (0..10). */
    public int complexity() {
        ensureOpen();
        IntByReference value = new IntByReference();
        int rc = api.opus_encoder_ctl(state, Opus.OPUS_GET_COMPLEXITY_REQUEST, value);
        if (rc != Opus.OPUS_OK) {
            throw new IllegalStateException("opus_encoder_ctl(OPUS_GET_COMPLEXITY) failed: " + rc);
        }
        return value.getValue();
    }

    public int packetLossPercent() {
        return lossPercent;
    }

    public OpusNatives.LoadedOpus library() {
        return opus;
    }

    private void ctl(int request, int value) {
        int rc = api.opus_encoder_ctl(state, request, value);
        if (rc != Opus.OPUS_OK) {
            throw new IllegalStateException("opus_encoder_ctl(" + request + ") failed: " + rc);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("encoder closed");
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            api.opus_encoder_destroy(state);
            pcmMemory.close();
            outMemory.close();
        }
    }
}
