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
 *
 * <p>In-band FEC is on, and libopus adds FEC data (LBRR) to a frame only while its expected-loss hint
 * is above 0. That data costs about a third more encoder time (about 300 instead of 230 us per frame
 * here, {@code OpusSettingsBench}) and 4 kbit/s. The hint starts at 5 % (nothing is known at a
 * call's start), follows the peer's RTCP reports up at once, and halves with each report of less
 * loss, down to 0 on a clean link: 5, 2, 1, 0 over three clean reports. A link that starts losing
 * gets FEC back with the next report.
 *
 * <p>No signal type is forced: libopus's own analysis (on at complexity 7) codes speech in hybrid
 * mode at 24 kbit/s, FEC included, and tonal sound (a chime, ringback, hold music) in CELT, its music
 * mode, on a clean link. Forcing {@code OPUS_SIGNAL_VOICE} (the SDK's first setting) changed
 * nothing for speech and coded tones in SILK at 2.5 times the encoder's CPU ({@code OpusCodecTest}).
 */
public final class OpusEncoder implements FrameEncoder {
    public static final int MAX_PAYLOAD = 1275;
    private static final int BITRATE = 24_000;
    static final int COMPLEXITY = 7;
    static final int INITIAL_LOSS_PERCENT = 5;
    private static final int MAX_LOSS_PERCENT = 30;

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
        ctl(Opus.OPUS_SET_COMPLEXITY_REQUEST, COMPLEXITY);
        ctl(Opus.OPUS_SET_INBAND_FEC_REQUEST, 1);
        ctl(Opus.OPUS_SET_DTX_REQUEST, 1);
        setHint(INITIAL_LOSS_PERCENT);
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

    /**
     * The loss the peer reported: the FEC hint rises to it at once (at most 30 %) and otherwise halves,
     * so that one clean report does not drop the protection a lossy link needs.
     */
    @Override
    public void setPacketLossPercent(int percent) {
        int reported = Math.max(0, Math.min(MAX_LOSS_PERCENT, percent));
        setHint(Math.max(reported, lossPercent / 2));
    }

    private void setHint(int percent) {
        if (percent != lossPercent) {
            ensureOpen();
            ctl(Opus.OPUS_SET_PACKET_LOSS_PERC_REQUEST, percent);
            lossPercent = percent;
        }
    }

    /** The complexity libopus reports for this encoder (0..10). */
    public int complexity() {
        return get(Opus.OPUS_GET_COMPLEXITY_REQUEST, "OPUS_GET_COMPLEXITY");
    }

    /** The expected-loss hint libopus reports for this encoder (tests: the hint reaches it). */
    int libopusLossHint() {
        return get(Opus.OPUS_GET_PACKET_LOSS_PERC_REQUEST, "OPUS_GET_PACKET_LOSS_PERC");
    }

    private int get(int request, String name) {
        ensureOpen();
        IntByReference value = new IntByReference();
        int rc = api.opus_encoder_ctl(state, request, value);
        if (rc != Opus.OPUS_OK) {
            throw new IllegalStateException("opus_encoder_ctl(" + name + ") failed: " + rc);
        }
        return value.getValue();
    }

    /** The expected-loss hint libopus has now (0..30 %); FEC data is sent while it is above 0. */
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
