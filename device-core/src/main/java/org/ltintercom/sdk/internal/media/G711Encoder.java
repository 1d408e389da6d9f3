package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.AudioFrames;

/**
 * G.711 send path: 48 kHz capture frame -> low-pass and decimate to 8 kHz -> PCMU or PCMA (160 bytes).
 *
 * <pre>
 *   CaptureStream -> [Resampler 48k->8k -> G711] -> RtpSender -> network
 * </pre>
 */
public final class G711Encoder implements FrameEncoder {
    private final AudioCodec law;
    private final Resampler resampler = Resampler.down48to8();
    private final short[] narrow = new short[AudioFrames.FRAME_SAMPLES / Resampler.FACTOR];

    public G711Encoder(AudioCodec law) {
        if (law == AudioCodec.OPUS) {
            throw new IllegalArgumentException("law: not G.711: " + law);
        }
        this.law = law;
    }

    @Override
    public int encode(short[] pcm, byte[] out, int offset) {
        int n = resampler.process(pcm, AudioFrames.FRAME_SAMPLES, narrow);
        G711.encode(law, narrow, n, out, offset);
        return n;
    }

    @Override
    public void close() {
        // no native state
    }
}
