package org.ltintercom.sdk.internal.sdp;

import java.util.List;

/**
 * One m= section: media type, port (0 = stream refused), transport, its payload formats in
 * the writer's order of preference, ptime (0 = not given), direction and its own c= address
 * (null when the session-level one applies).
 */
public record MediaDescription(String type, int port, String proto, List<RtpMap> formats, int ptime,
                               Direction direction, String connectionAddress) {

    public MediaDescription {
        formats = List.copyOf(formats);
    }

    public boolean isAudio() {
        return "audio".equals(type);
    }

    /** The first format with this encoding and clock rate, or null. */
    public RtpMap find(String encoding, int clockRate) {
        for (RtpMap f : formats) {
            if (f.sameFormat(encoding, clockRate)) {
                return f;
            }
        }
        return null;
    }
}
