package org.ltintercom.sdk.internal.sip;

/** Where our RTP for a call is received: the media engine's socket address that goes into our SDP. */
public record LocalMedia(String address, int rtpPort) {
    public LocalMedia {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("address: must not be blank");
        }
        if (rtpPort <= 0 || rtpPort > 65535) {
            throw new IllegalArgumentException("rtpPort: " + rtpPort + " is not a port");
        }
    }
}
