package org.ltintercom.sdk.internal.media;

/**
 * Turns one 20 ms, 48 kHz mono frame from the capture side into one RTP payload.
 * One instance per send stream, used by the media thread only.
 */
public interface FrameEncoder extends AutoCloseable {

    /**
     * Encodes {@code pcm} ({@code AudioFrames.FRAME_SAMPLES} samples) into {@code out} at {@code offset}.
     *
     * @return the payload length; 0 when nothing needs sending this period (Opus DTX during silence)
     */
    int encode(short[] pcm, byte[] out, int offset);

    /** The loss the peer reports (RTCP fraction lost, as a percentage), to tune in-band FEC. */
    default void setPacketLossPercent(int percent) {
    }

    /** Frees native state; idempotent. */
    @Override
    void close();
}
