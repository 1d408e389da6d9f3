package org.ltintercom.sdk.internal.sdp;

/** Well-formed SDP that we cannot agree with (no common codec, no audio stream); answered with 488. */
public final class SdpNegotiationException extends Exception {
    private static final long serialVersionUID = 1L;

    public SdpNegotiationException(String message) {
        super(message);
    }
}
