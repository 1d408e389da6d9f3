package org.ltintercom.sdk.internal.sdp;

import java.util.Locale;

/** An SDP media direction attribute (RFC 3264 section 5.1), seen from the side that wrote it. */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The attribute name as written in SDP, e.g. {@code sendonly}. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction the other side must answer with (sendonly <-> recvonly). */
    public Direction reversed() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** Combines what we want with what the peer allows: we may only send if they receive, and the reverse. */
    public Direction intersect(Direction peer) {
        boolean send = sends() && peer.receives();
        boolean receive = receives() && peer.sends();
        if (send && receive) {
            return SENDRECV;
        }
        return send ? SENDONLY : receive ? RECVONLY : INACTIVE;
    }

    static Direction fromAttribute(String name) {
        for (Direction d : values()) {
            if (d.attribute().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
