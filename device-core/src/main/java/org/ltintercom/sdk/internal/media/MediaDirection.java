package org.ltintercom.sdk.internal.media;

/** The negotiated SDP direction of the audio stream, seen from this side (RFC 3264). */
public enum MediaDirection {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    MediaDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** True if we send RTP audio. */
    public boolean sends() {
        return sends;
    }

    /** True if we expect and play RTP audio from the peer. */
    public boolean receives() {
        return receives;
    }
}
