package org.ltintercom.sdk.internal.sdp;

import java.util.Locale;

/**
 * One payload format of an m= line: its payload type and, from {@code a=rtpmap} (or the
 * RFC 3551 static table), encoding name, clock rate and channels; {@code fmtp} may be empty.
 */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels, String fmtp) {

    public RtpMap {
        encoding = encoding.toLowerCase(Locale.ROOT);
        fmtp = fmtp == null ? "" : fmtp;
    }

    /** The static payload types an answer may use without a rtpmap line (RFC 3551 table 4, audio we know). */
    static RtpMap staticType(int payloadType) {
        return switch (payloadType) {
            case 0 -> new RtpMap(0, "pcmu", 8000, 1, "");
            case 8 -> new RtpMap(8, "pcma", 8000, 1, "");
            case 9 -> new RtpMap(9, "g722", 8000, 1, "");
            default -> null;
        };
    }

    RtpMap withFmtp(String value) {
        return new RtpMap(payloadType, encoding, clockRate, channels, value);
    }

    boolean sameFormat(String name, int clock) {
        return encoding.equals(name) && clockRate == clock;
    }

    String rtpmapLine() {
        String base = "a=rtpmap:" + payloadType + " " + displayEncoding() + "/" + clockRate;
        return channels > 1 ? base + "/" + channels : base;
    }

    private String displayEncoding() {
        return switch (encoding) {
            case "pcmu", "pcma" -> encoding.toUpperCase(Locale.ROOT);
            default -> encoding;
        };
    }
}
