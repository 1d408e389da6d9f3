package org.ltintercom.sdk.internal.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Malformed and hostile SIP messages for the fuzz test, from a fixed seed so a failure can be
 * replayed. Every Via names 127.0.0.1 so that any answer the stack sends stays on loopback.
 */
final class HostileSipMessages {

    private final Random random;
    private final String target;
    private final int replyPort;
    private int counter;

    HostileSipMessages(long seed, int targetPort, int replyPort) {
        this.random = new Random(seed);
        this.target = "127.0.0.1:" + targetPort;
        this.replyPort = replyPort;
    }

    /** {@code count} messages cycling through the kinds; {@code stream} allows sizes beyond a datagram. */
    List<byte[]> generate(int count, boolean stream) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next(i % 12, stream));
        }
        return out;
    }

    private byte[] next(int kind, boolean stream) {
        counter++;
        return switch (kind) {
            case 0 -> truncated();
            case 1 -> ascii(request("INVITE", "sip:alice@" + target, headers(), "X-Huge: "
                    + "A".repeat(stream ? 200_000 : 60_000) + "\r\n", ""));
            case 2 -> ascii(request("OPTIONS", "sip:alice@" + target, headers(), "", "hello")
                    .replace("Content-Length: 5", "Content-Length: " + pick("-1", "99999", "abc", "2", "")));
            case 3 -> ascii(request("BYE", "sip:alice@" + target, headers(), "", "")
                    .replace("CSeq: " + counter + " BYE", "CSeq: " + pick("1 INVITE", "x BYE", "99999999999999 BYE",
                            "-5 BYE", "BYE", "1")));
            case 4 -> ascii(request(pick("FOO", "XYZZY", "REGISTERX", "P", "INVITE\u0000"), "sip:alice@" + target,
                    headers(), "", ""));
            case 5 -> garbage();
            case 6 -> stream ? ascii(request("MESSAGE", "sip:alice@" + target, headers(),
                    "Content-Type: text/plain\r\n", "B".repeat(1_048_576)))
                    : ascii(request("MESSAGE", "sip:alice@" + target, headers(), "Content-Type: text/plain\r\n",
                    "B".repeat(30_000)));
            case 7 -> forgedDialogRequest();
            case 8 -> ascii(request("INVITE", "sip:alice@" + target, headers(), "Content-Type: application/sdp\r\n",
                    "v=0\r\no=broken\r\nm=audio x RTP/AVP\r\n"));
            case 9 -> ascii(request("INVITE", "sip:alice@" + target, headers().replaceFirst("Via: [^\\r]*\\r\\n", ""),
                    "", ""));
            case 10 -> ascii(request("OPTIONS", "sip:alice@" + target, headers()
                    + ("Via: SIP/2.0/UDP 127.0.0.1:" + replyPort + ";branch=z9hG4bKv" + counter + "\r\n").repeat(300),
                    "", ""));
            default -> ascii("SIP/2.0 200 OK\r\n" + headers() + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        };
    }

    private String headers() {
        return "Via: SIP/2.0/UDP 127.0.0.1:" + replyPort + ";branch=z9hG4bKfuzz" + counter + "x" + random.nextInt(1 << 30)
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:mallory@127.0.0.1>;tag=f" + counter
                + "\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: fuzz-" + counter + "-" + random.nextLong() + "\r\n";
    }

    private String request(String method, String uri, String headers, String extra, String body) {
        return method + " " + uri + " SIP/2.0\r\n" + headers + "CSeq: " + counter + " " + method + "\r\n" + extra
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private byte[] truncated() {
        byte[] whole = ascii(request("INVITE", "sip:alice@" + target, headers(), "Content-Type: application/sdp\r\n",
                "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"));
        byte[] cut = new byte[1 + random.nextInt(whole.length - 1)];
        System.arraycopy(whole, 0, cut, 0, cut.length);
        return cut;
    }

    private byte[] forgedDialogRequest() {
        String method = pick("BYE", "INVITE", "CANCEL", "ACK", "INFO", "UPDATE", "PRACK", "NOTIFY");
        String h = headers().replace("To: <sip:alice@127.0.0.1>", "To: <sip:alice@127.0.0.1>;tag=forged" + counter);
        return ascii(request(method, "sip:alice@" + target, h, "", ""));
    }

    private byte[] garbage() {
        byte[] b = new byte[1 + random.nextInt(3000)];
        random.nextBytes(b);
        return b;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
