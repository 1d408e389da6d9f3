package org.ltintercom.callserver.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Malformed and hostile SIP messages for the fuzz test, from a seeded generator (a failure is
 * reproducible): truncations, huge headers, bad Content-Length and CSeq, unknown methods,
 * binary garbage, forged dialogs, forged REGISTERs, and 1 MB bodies (for TCP).
 */
final class HostileMessages {
    private final Random random;
    private final int serverPort;
    private final int victimPort;

    /** {@code victimPort}: where forged in-dialog requests try to make the proxy send traffic. */
    HostileMessages(long seed, int serverPort, int victimPort) {
        this.random = new Random(seed);
        this.serverPort = serverPort;
        this.victimPort = victimPort;
    }

    String invite(String callID, String extraHeaders, String body) {
        return "INVITE sip:indoor-1@127.0.0.1:" + serverPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK" + random.nextInt(1 << 30) + "\r\n"
                + "From: <sip:door-1@127.0.0.1>;tag=f" + random.nextInt(1000) + "\r\n"
                + "To: <sip:indoor-1@127.0.0.1>\r\n"
                + "Call-ID: " + callID + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:door-1@127.0.0.1:9>\r\n"
                + "Max-Forwards: 70\r\n"
                + extraHeaders
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** One message of kind {@code i % 12}. */
    byte[] next(int i) {
        String callID = "fuzz-" + i + "@127.0.0.1";
        String m = switch (i % 12) {
            case 0 -> truncate(invite(callID, "", "v=0\r\n"));
            case 1 -> invite(callID, "X-Huge: " + "A".repeat(70_000) + "\r\n", "");
            case 2 -> invite(callID, "", "v=0\r\n").replaceFirst("Content-Length: \\d+",
                    "Content-Length: " + pick("-1", "99999999", "abc", "4294967296", "0", "5"));
            case 3 -> invite(callID, "", "").replaceFirst("CSeq: 1 INVITE",
                    "CSeq: " + pick("1 BYE", "x INVITE", "99999999999 INVITE", "-5 INVITE", "", "1"));
            case 4 -> invite(callID, "", "").replaceFirst("^INVITE", pick("FOO", "invite", "INV ITE", "PUBLISH", "\u00ffX"));
            case 5 -> null;
            case 6 -> forgedInDialog(callID, pick("BYE", "ACK", "INVITE", "UPDATE", "INFO"));
            case 7 -> forgedRegister(callID);
            case 8 -> invite(callID, "Via: garbage\r\nFrom: \r\nTo: <>\r\n", "");
            case 9 -> "CANCEL sip:indoor-1@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKnone" + i
                    + "\r\nFrom: <sip:door-1@127.0.0.1>;tag=1\r\nTo: <sip:indoor-1@127.0.0.1>\r\nCall-ID: " + callID
                    + "\r\nCSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n";
            case 10 -> "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:" + serverPort + ";branch=z9hG4bK-lt-forged" + i
                    + "\r\nVia: SIP/2.0/UDP 127.0.0.1:" + victimPort + ";branch=z9hG4bKv\r\nFrom: <sip:a@b>;tag=1\r\n"
                    + "To: <sip:c@d>;tag=2\r\nCall-ID: " + callID + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
            default -> invite(callID, "Max-Forwards: 0\r\nRoute: <sip:127.0.0.1:" + victimPort + ";lr>\r\n", "");
        };
        if (m == null) {
            byte[] garbage = new byte[1 + random.nextInt(1400)];
            random.nextBytes(garbage);
            return garbage;
        }
        return m.getBytes(StandardCharsets.UTF_8);
    }

    /** An INVITE with a 1 MB body, declared honestly (TCP only: far over the 64 kB limit). */
    byte[] megabyteInvite(int i) {
        return invite("fuzz-mb-" + i + "@127.0.0.1", "", "v=0\r\n" + "x".repeat(1 << 20))
                .getBytes(StandardCharsets.UTF_8);
    }

    private String forgedInDialog(String callID, String method) {
        return method + " sip:victim@127.0.0.1:" + victimPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK" + random.nextInt(1 << 30) + "\r\n"
                + "Route: <sip:127.0.0.1:" + serverPort + ";lr>\r\n"
                + "From: <sip:door-1@127.0.0.1>;tag=forged\r\n"
                + "To: <sip:indoor-1@127.0.0.1>;tag=forged-too\r\n"
                + "Call-ID: " + callID + "\r\n"
                + "CSeq: 2 " + method + "\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    /** A REGISTER trying to drop indoor-1's bindings with made-up credentials. */
    private String forgedRegister(String callID) {
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK" + random.nextInt(1 << 30) + "\r\n"
                + "From: <sip:indoor-1@127.0.0.1>;tag=r\r\nTo: <sip:indoor-1@127.0.0.1>\r\n"
                + "Call-ID: " + callID + "\r\nCSeq: 1 REGISTER\r\nContact: *\r\nExpires: 0\r\n"
                + "Authorization: Digest username=\"indoor-1\", realm=\"127.0.0.1\", nonce=\"1.forged\", "
                + "uri=\"sip:127.0.0.1\", response=\"00000000000000000000000000000000\"\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private String truncate(String m) {
        return m.substring(0, random.nextInt(m.length()));
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    static List<byte[]> all(HostileMessages g, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(g.next(i));
        }
        return out;
    }
}
