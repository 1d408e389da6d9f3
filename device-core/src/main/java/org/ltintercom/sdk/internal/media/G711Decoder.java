package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.AudioFrames;

import java.util.Arrays;

/**
 * G.711 receive path: PCMU/PCMA payload (8 kHz) -> linear -> interpolate to 48 kHz for playout.
 *
 * <pre>
 *   network -> RtpReceiver -> JitterBuffer -> [G711 -> Resampler 8k->48k] -> PlaybackStream
 * </pre>
 *
 * G.711 has no FEC; a missing packet is concealed by replaying the last frame at half the level
 * each time (three times), then silence, which is gentler than a hard gap for a single loss.
 */
public final class G711Decoder implements FrameDecoder {
    private static final int MAX_CONCEALED = 3;

    private final AudioCodec law;
    private final Resampler resampler = Resampler.up8to48();
    private final short[] narrow = new short[AudioFrames.FRAME_SAMPLES / Resampler.FACTOR];
    private final short[] last = new short[AudioFrames.FRAME_SAMPLES];
    private int concealedInRow;

    public G711Decoder(AudioCodec law) {
        if (law == AudioCodec.OPUS) {
            throw new IllegalArgumentException("law: not G.711: " + law);
        }
        this.law = law;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        if (length != narrow.length) {
            return -1; // only 20 ms packets (160 bytes) are negotiated
        }
        G711.decode(law, payload, offset, length, narrow);
        int n = resampler.process(narrow, length, pcm);
        System.arraycopy(pcm, 0, last, 0, n);
        concealedInRow = 0;
        return n;
    }

    @Override
    public int decodeFec(byte[] nextPayload, int offset, int length, short[] pcm) {
        return conceal(pcm);
    }

    @Override
    public int conceal(short[] pcm) {
        concealedInRow++;
        if (concealedInRow > MAX_CONCEALED) {
            Arrays.fill(pcm, 0, AudioFrames.FRAME_SAMPLES, (short) 0);
            return AudioFrames.FRAME_SAMPLES;
        }
        for (int i = 0; i < AudioFrames.FRAME_SAMPLES; i++) {
            last[i] = (short) (last[i] / 2);
            pcm[i] = last[i];
        }
        return AudioFrames.FRAME_SAMPLES;
    }

    @Override
    public boolean supportsFec() {
        return false;
    }

    @Override
    public void close() {
        // no native state
    }
}
