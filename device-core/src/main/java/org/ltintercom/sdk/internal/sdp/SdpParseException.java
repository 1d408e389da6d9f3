package org.ltintercom.sdk.internal.sdp;

/** SDP that cannot be read; the message names the offending line (number and text) and why. */
public final class SdpParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public SdpParseException(String message) {
        super(message);
    }

    static SdpParseException atLine(int lineNumber, String line, String reason) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return new SdpParseException("SDP line " + lineNumber + " '" + shown + "': " + reason);
    }
}
