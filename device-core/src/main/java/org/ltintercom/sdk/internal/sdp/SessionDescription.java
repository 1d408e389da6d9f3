package org.ltintercom.sdk.internal.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An SDP session description (RFC 4566), reduced to what an audio call needs: origin,
 * session-level connection address and the m= sections. {@link #parse} accepts what
 * baresip, Linphone, Asterisk and Kamailio-relayed phones send and rejects malformed text
 * with an {@link SdpParseException} naming the line; {@link #format} writes our own.
 */
public record SessionDescription(Origin origin, String sessionName, String connectionAddress,
                                 List<MediaDescription> media) {

    /** Larger SDP than this is hostile or broken for a one-stream audio call. */
    static final int MAX_LENGTH = 16 * 1024;
    private static final int MAX_MEDIA = 16;

    /** The o= line. The session id is kept as text: UAs put 64-bit and longer numbers there. */
    public record Origin(String username, String sessionId, long version, String address) {
    }

    public SessionDescription {
        media = List.copyOf(media);
    }

    /** The first audio section with a non-zero port, or null. */
    public MediaDescription audio() {
        for (MediaDescription m : media) {
            if (m.isAudio() && m.port() != 0) {
                return m;
            }
        }
        return null;
    }

    /** The address RTP goes to for this section: its own c= line, else the session's. */
    public String connectionFor(MediaDescription m) {
        return m.connectionAddress() != null ? m.connectionAddress() : connectionAddress;
    }

    public static SessionDescription parse(String text) throws SdpParseException {
        if (text == null || text.isBlank()) {
            throw new SdpParseException("SDP is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new SdpParseException("SDP is " + text.length() + " characters, more than " + MAX_LENGTH);
        }
        return new Parser(text).parse();
    }

    /** Writes this description with CRLF line ends, media attributes in a fixed order. */
    public String format() {
        StringBuilder sb = new StringBuilder(512);
        line(sb, "v=0");
        line(sb, "o=" + origin.username() + " " + origin.sessionId() + " " + origin.version() + " IN "
                + ipVersion(origin.address()) + " " + origin.address());
        line(sb, "s=" + sessionName);
        if (connectionAddress != null) {
            line(sb, "c=IN " + ipVersion(connectionAddress) + " " + connectionAddress);
        }
        line(sb, "t=0 0");
        for (MediaDescription m : media) {
            StringBuilder mline = new StringBuilder("m=" + m.type() + " " + m.port() + " " + m.proto());
            m.formats().forEach(f -> mline.append(' ').append(f.payloadType()));
            line(sb, mline.toString());
            if (m.connectionAddress() != null) {
                line(sb, "c=IN " + ipVersion(m.connectionAddress()) + " " + m.connectionAddress());
            }
            for (RtpMap f : m.formats()) {
                line(sb, f.rtpmapLine());
                if (!f.fmtp().isEmpty()) {
                    line(sb, "a=fmtp:" + f.payloadType() + " " + f.fmtp());
                }
            }
            if (m.ptime() > 0) {
                line(sb, "a=ptime:" + m.ptime());
            }
            line(sb, "a=" + m.direction().attribute());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String line) {
        sb.append(line).append("\r\n");
    }

    private static String ipVersion(String address) {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    /** One pass over the lines; media-level state is collected per m= section, then built. */
    private static final class Parser {
        /** Compiled once: String.split compiles a regex on every call, a large part of parsing an offer. */
        private static final Pattern LINE_END = Pattern.compile("\r?\n");
        private static final Pattern SPACES = Pattern.compile(" +");
        private final String[] lines;
        private int lineNumber;
        private String line;
        private Origin origin;
        private String sessionName = "-";
        private String connection;
        private Direction sessionDirection = Direction.SENDRECV;
        private final List<MediaBuilder> media = new ArrayList<>();

        Parser(String text) {
            lines = LINE_END.split(text, -1);
        }

        SessionDescription parse() throws SdpParseException {
            for (int i = 0; i < lines.length; i++) {
                lineNumber = i + 1;
                line = lines[i];
                if (line.isEmpty()) {
                    continue; // a trailing CRLF yields one empty element
                }
                if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
                    throw fail("not of the form <letter>=<value>");
                }
                if (i == 0 && !line.equals("v=0")) {
                    throw fail("the first line must be v=0");
                }
                onLine(line.charAt(0), line.substring(2));
            }
            if (origin == null) {
                throw new SdpParseException("SDP has no o= line");
            }
            List<MediaDescription> built = new ArrayList<>();
            for (MediaBuilder m : media) {
                built.add(m.build(sessionDirection));
            }
            return new SessionDescription(origin, sessionName, connection, built);
        }

        private void onLine(char type, String value) throws SdpParseException {
            MediaBuilder current = media.isEmpty() ? null : media.get(media.size() - 1);
            switch (type) {
                case 'o' -> origin = origin(value);
                case 's' -> sessionName = value.isBlank() ? "-" : value;
                case 'c' -> {
                    String address = connection(value);
                    if (current == null) {
                        connection = address;
                    } else {
                        current.connection = address;
                    }
                }
                case 'm' -> {
                    if (media.size() == MAX_MEDIA) {
                        throw fail("more than " + MAX_MEDIA + " m= lines");
                    }
                    media.add(mediaLine(value));
                }
                case 'a' -> attribute(value, current);
                default -> {
                    // v, t, b, i, u, e, p, z, k, r: nothing an audio call needs
                }
            }
        }

        private Origin origin(String value) throws SdpParseException {
            String[] f = SPACES.split(value.trim());
            if (f.length != 6) {
                throw fail("o= needs 6 fields: username sess-id sess-version nettype addrtype address");
            }
            return new Origin(f[0], f[1], number(f[2], "sess-version", Long.MAX_VALUE), f[5]);
        }

        private String connection(String value) throws SdpParseException {
            String[] f = SPACES.split(value.trim());
            if (f.length != 3 || !f[0].equals("IN") || !(f[1].equals("IP4") || f[1].equals("IP6"))) {
                throw fail("c= must be 'IN IP4|IP6 <address>'");
            }
            String address = f[2];
            int slash = address.indexOf('/'); // multicast TTL suffix
            return slash > 0 ? address.substring(0, slash) : address;
        }

        private MediaBuilder mediaLine(String value) throws SdpParseException {
            String[] f = SPACES.split(value.trim());
            if (f.length < 3) {
                throw fail("m= needs media, port, proto and formats");
            }
            String portText = f[1];
            int slash = portText.indexOf('/');
            int port = (int) number(slash > 0 ? portText.substring(0, slash) : portText, "port", 65535);
            MediaBuilder m = new MediaBuilder(f[0], port, f[2]);
            for (int i = 3; i < f.length; i++) {
                if (!f[2].startsWith("RTP/")) {
                    break; // formats of non-RTP media are not payload types
                }
                int pt = (int) number(f[i], "payload type", 127);
                RtpMap known = RtpMap.staticType(pt);
                m.formats.put(pt, known != null ? known : new RtpMap(pt, "?", 0, 1, ""));
            }
            return m;
        }

        private void attribute(String value, MediaBuilder current) throws SdpParseException {
            int colon = value.indexOf(':');
            String name = colon < 0 ? value.trim() : value.substring(0, colon);
            String arg = colon < 0 ? "" : value.substring(colon + 1).trim();
            Direction direction = Direction.fromAttribute(name);
            if (direction != null) {
                if (current == null) {
                    sessionDirection = direction;
                } else {
                    current.direction = direction;
                }
                return;
            }
            if (current == null) {
                return;
            }
            switch (name) {
                case "rtpmap" -> rtpmap(arg, current);
                case "fmtp" -> {
                    int space = arg.indexOf(' ');
                    if (space <= 0) {
                        throw fail("a=fmtp needs '<payload type> <parameters>'");
                    }
                    int pt = (int) number(arg.substring(0, space), "payload type", 127);
                    current.formats.computeIfPresent(pt, (k, f) -> f.withFmtp(arg.substring(space + 1).trim()));
                }
                case "ptime" -> current.ptime = (int) number(arg, "ptime", 1000);
                default -> {
                    // rtcp, ssrc, mid, ice, crypto ...: not negotiated here
                }
            }
        }

        private void rtpmap(String arg, MediaBuilder current) throws SdpParseException {
            String[] f = SPACES.split(arg, 2);
            if (f.length != 2) {
                throw fail("a=rtpmap needs '<payload type> <encoding>/<clock rate>[/<channels>]'");
            }
            int pt = (int) number(f[0], "payload type", 127);
            String[] enc = f[1].trim().split("/");
            if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
                throw fail("a=rtpmap needs '<encoding>/<clock rate>[/<channels>]'");
            }
            int clock = (int) number(enc[1], "clock rate", 1_000_000);
            int channels = enc.length == 3 ? (int) number(enc[2], "channels", 255) : 1;
            if (current.formats.containsKey(pt)) {
                current.formats.put(pt, new RtpMap(pt, enc[0], clock, channels, current.formats.get(pt).fmtp()));
            }
        }

        private long number(String text, String field, long max) throws SdpParseException {
            try {
                long v = Long.parseLong(text.trim());
                if (v < 0 || v > max) {
                    throw fail(field + " " + text + " is out of range 0.." + max);
                }
                return v;
            } catch (NumberFormatException e) {
                throw fail(field + " '" + text + "' is not a number");
            }
        }

        private SdpParseException fail(String reason) {
            return SdpParseException.atLine(lineNumber, line, reason);
        }
    }

    private static final class MediaBuilder {
        final String type;
        final int port;
        final String proto;
        final Map<Integer, RtpMap> formats = new LinkedHashMap<>();
        int ptime;
        Direction direction;
        String connection;

        MediaBuilder(String type, int port, String proto) {
            this.type = type;
            this.port = port;
            this.proto = proto;
        }

        MediaDescription build(Direction sessionDirection) {
            return new MediaDescription(type, port, proto, new ArrayList<>(formats.values()), ptime,
                    direction != null ? direction : sessionDirection, connection);
        }
    }
}
