package org.ltintercom.sdk.internal.media;

/** The audio codecs the media engine speaks, with their RTP clock and static payload type (-1 = dynamic). */
public enum AudioCodec {
    OPUS("opus", 48_000, -1),
    PCMU("PCMU", 8_000, 0),
    PCMA("PCMA", 8_000, 8);

    private final String encodingName;
    private final int clockRate;
    private final int staticPayloadType;

    AudioCodec(String encodingName, int clockRate, int staticPayloadType) {
        this.encodingName = encodingName;
        this.clockRate = clockRate;
        this.staticPayloadType = staticPayloadType;
    }

    /** The SDP encoding name (a=rtpmap). */
    public String encodingName() {
        return encodingName;
    }

    /** The RTP timestamp clock in Hz. */
    public int clockRate() {
        return clockRate;
    }

    public int staticPayloadType() {
        return staticPayloadType;
    }
}
