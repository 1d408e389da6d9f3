package org.ltintercom.sdk.internal.sdp;

/**
 * The outcome of one SDP offer/answer exchange, as the media engine consumes it: where to
 * send RTP, which payload type and codec to use, the RFC 4733 telephone-event payload type
 * (-1 when the peer has none), packet time and what we may do ({@link #direction}: our
 * send/receive after the exchange). {@link #heldByPeer} is true when the peer put the
 * stream on hold (sendonly, inactive or the old c=0.0.0.0 form).
 */
public record NegotiatedMedia(String remoteAddress, int remotePort, int payloadType, String codec,
                              int clockRate, int channels, String fmtp, int telephoneEventPayloadType,
                              int telephoneEventClockRate, int ptime, Direction direction, boolean heldByPeer) {

    public boolean hasTelephoneEvent() {
        return telephoneEventPayloadType >= 0;
    }
}
