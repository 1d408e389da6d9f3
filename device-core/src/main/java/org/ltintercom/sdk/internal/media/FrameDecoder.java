package org.ltintercom.sdk.internal.media;

/**
 * Turns RTP payloads of one remote source back into 20 ms, 48 kHz mono frames for playout, and
 * fills in for missing packets. One instance per received SSRC, used by the media thread only.
 */
public interface FrameDecoder extends AutoCloseable {

    /** Decodes one payload into {@code pcm}; returns samples written, or a negative value for a bad payload. */
    int decode(byte[] payload, int offset, int length, short[] pcm);

    /**
     * Recovers the frame before {@code nextPayload} from the redundancy the next packet carries
     * (Opus in-band FEC). Only called when {@link #supportsFec()}.
     */
    int decodeFec(byte[] nextPayload, int offset, int length, short[] pcm);

    /** Produces a plausible frame for a missing packet (packet-loss concealment), fading to silence. */
    int conceal(short[] pcm);

    boolean supportsFec();

    /** Frees native state; idempotent. */
    @Override
    void close();
}
