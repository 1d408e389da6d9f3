package org.ltintercom.sdk.internal.media;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.ptr.ShortByReference;
import org.ltintercom.sdk.spi.AudioFrames;
import tomp2p.opuswrapper.Opus;

import java.nio.IntBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opus decoder for one received SSRC: 48 kHz mono out (a stereo peer is down-mixed by libopus).
 *
 * <pre>
 *   network -> RtpReceiver -> JitterBuffer -> [OpusDecoder] -> PlaybackStream
 * </pre>
 *
 * A single lost packet is rebuilt from the in-band FEC of the next one ({@code decode_fec=1});
 * longer gaps use libopus's PLC (null input), which also produces comfort noise during DTX.
 */
public final class OpusDecoder implements FrameDecoder {
    private final Opus api;
    private final PointerByReference state;
    private final boolean direct;
    private final Memory pcmMemory = new Memory(2L * AudioFrames.FRAME_SAMPLES);
    private final Memory inMemory = new Memory(OpusEncoder.MAX_PAYLOAD * 2L);
    private final ShortByReference pcmRef = new ShortByReference();
    private final AtomicBoolean closed = new AtomicBoolean();

    public OpusDecoder(OpusNatives.LoadedOpus opus) {
        this.api = opus.api();
        IntBuffer error = IntBuffer.allocate(1);
        this.state = api.opus_decoder_create(AudioFrames.SAMPLE_RATE, 1, error);
        if (error.get(0) != Opus.OPUS_OK || state == null) {
            throw new IllegalStateException("opus_decoder_create failed: " + error.get(0));
        }
        boolean processWide = OpusNatives.isProcessWide(opus);
        if (processWide) {
            OpusDirect.bind(opus.library());
        }
        this.direct = processWide;
        pcmRef.setPointer(pcmMemory);
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        if (length <= 0 || length > inMemory.size()) {
            return -1;
        }
        return run(payload, offset, length, pcm, 0);
    }

    @Override
    public int decodeFec(byte[] nextPayload, int offset, int length, short[] pcm) {
        if (length <= 0 || length > inMemory.size()) {
            return conceal(pcm);
        }
        return run(nextPayload, offset, length, pcm, 1);
    }

    @Override
    public int conceal(short[] pcm) {
        return run(null, 0, 0, pcm, 0);
    }

    @Override
    public boolean supportsFec() {
        return true;
    }

    private int run(byte[] payload, int offset, int length, short[] pcm, int fec) {
        if (closed.get()) {
            throw new IllegalStateException("decoder closed");
        }
        Pointer data = null;
        if (payload != null) {
            inMemory.write(0, payload, offset, length);
            data = inMemory;
        }
        int n = direct
                ? OpusDirect.opus_decode(state.getPointer(), data, length, pcmMemory, AudioFrames.FRAME_SAMPLES, fec)
                : api.opus_decode(state, data, length, pcmRef, AudioFrames.FRAME_SAMPLES, fec);
        if (n > 0) {
            pcmMemory.read(0, pcm, 0, Math.min(n, AudioFrames.FRAME_SAMPLES));
        }
        return n;
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            api.opus_decoder_destroy(state);
            pcmMemory.close();
            inMemory.close();
        }
    }
}
