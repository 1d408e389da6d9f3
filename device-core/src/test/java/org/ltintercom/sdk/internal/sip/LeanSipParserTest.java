package org.ltintercom.sdk.internal.sip;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.junit.jupiter.api.Test;

import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lean path must give exactly what jain-sip's parser gives, or step aside: every message it reads
 * encodes the same as jain-sip's reading of it, with the same values where the SDK looks; messages it
 * does not take are jain-sip's, errors included.
 */
class LeanSipParserTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 50000 RTP/AVP 111 0 8 101\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "a=sendrecv\r\n";

    /** As Kamailio relays an SDK's INVITE to the callee. */
    private static final String INVITE = "INVITE sip:bob@127.0.0.1:5070;transport=udp SIP/2.0\r\n"
            + "Record-Route: <sip:127.0.0.1:5060;lr>\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKcydzigwkX\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5080;received=127.0.0.1;rport=5080;branch=z9hG4bK-524287-1\r\n"
            + "Max-Forwards: 69\r\n"
            + "From: \"Door 1\" <sip:alice@127.0.0.1>;tag=f00d\r\n"
            + "To: <sip:bob@127.0.0.1>\r\n"
            + "Call-ID: a84b4c76e66710@127.0.0.1\r\n"
            + "CSeq: 2 INVITE\r\n"
            + "Contact: <sip:alice@127.0.0.1:5080;transport=udp>;expires=3600\r\n"
            + "X-LT-Call-ID: 0f8fad5b-d9cb-469f-a165-70867728950e\r\n"
            + "X-LT-Ext-Info: {\"door\": 1}\r\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE\r\n"
            + "Supported: timer\r\n"
            + "User-Agent: lt-intercom\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP;

    private static final List<String> LEAN = List.of(
            INVITE,
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5080;rport=5080;branch=z9hG4bK-1\r\n"
                    + "Record-Route: <sip:127.0.0.1:5060;lr>\r\nRecord-Route: <sip:127.0.0.2;lr;ftag=abc>\r\n"
                    + "User-Agent: baresip v2.0.0 (x86_64/linux)\r\n"
                    + "From: <sip:alice@127.0.0.1>;tag=f00d\r\nTo: <sip:bob@127.0.0.1>;tag=b0b\r\n"
                    + "Call-ID: x@127.0.0.1\r\nCSeq: 2 INVITE\r\nContact: <sip:bob@127.0.0.1:5070>\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP,
            "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-1\r\n"
                    + "From: <sip:alice@127.0.0.1>;tag=f00d\r\nTo: <sip:bob@127.0.0.1>;tag=b0b\r\n"
                    + "Call-ID: x@127.0.0.1\r\nCSeq: 2 INVITE\r\nContent-Length: 0\r\n\r\n",
            "SIP/2.0 100 trying -- your call is important to us\r\nVia: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-1\r\n"
                    + "From: <sip:alice@127.0.0.1>;tag=f00d\r\nTo: <sip:bob@127.0.0.1>\r\n"
                    + "Call-ID: x@127.0.0.1\r\nCSeq: 2 INVITE\r\nServer: kamailio (5.6.3 (x86_64/linux))\r\n"
                    + "Content-Length: 0\r\n\r\n",
            "ACK sip:bob@127.0.0.1:5070 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5080;branch=z9hG4bK-2\r\n"
                    + "Route: <sip:127.0.0.1:5060;lr>\r\nMax-Forwards: 70\r\n"
                    + "From: sip:alice@127.0.0.1;tag=f00d\r\nTo: Bob <sip:bob@127.0.0.1>;tag=b0b\r\n"
                    + "Call-ID: x@127.0.0.1\r\nCSeq: 2 ACK\r\nContent-Length: 0\r\n\r\n",
            "BYE sip:alice@127.0.0.1:5080;transport=udp SIP/2.0\r\nv: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-3\r\n"
                    + "f: <sip:bob@127.0.0.1>;tag=b0b\r\nt: <sip:alice@127.0.0.1>;tag=f00d\r\n"
                    + "i: x@127.0.0.1\r\nCSeq: 7 BYE\r\nl: 0\r\n\r\n",
            "OPTIONS sip:127.0.0.1:5070 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-4;rport\r\n"
                    + "From: <sip:ping@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1:5070>\r\n"
                    + "Call-ID: opt-1\r\nCSeq: 10 OPTIONS\r\nMax-Forwards: 1\r\nContent-Length: 0\r\n\r\n",
            "INFO sip:bob@127.0.0.1:5070 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-5\n"
                    + "From: <sip:alice@127.0.0.1>;tag=f00d\nTo: <sip:bob@127.0.0.1>;tag=b0b\n"
                    + "Call-ID: x@127.0.0.1\nCSeq: 3 INFO\nc: application/dtmf-relay\nl: 24\n\nSignal=5\r\nDuration=160\r\n");

    /** Forms the lean path leaves to jain-sip's parser. */
    private static final List<String> NOT_LEAN = List.of(
            INVITE.replace("User-Agent: lt-intercom", "User-Agent: (test build) lt-intercom"),
            INVITE.replace("Supported: timer", "Session-Expires: 1800;refresher=uac"),
            INVITE.replace("Via: SIP/2.0/UDP 127.0.0.1:5060;", "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKa, SIP/2.0/UDP 127.0.0.1:5060;"),
            INVITE.replace("Contact: <sip:alice@127.0.0.1:5080;transport=udp>", "Contact: <sip:alice@[::1]:5080>"),
            INVITE.replace("Contact: <sip:alice@127.0.0.1:5080;transport=udp>",
                    "Contact: <sip:alice@127.0.0.1:5080>;+sip.instance=\"<urn:uuid:1>\""),
            INVITE.replace("Contact: <sip:alice@127.0.0.1:5080;transport=udp>", "Contact: <sip:127.0.0.1:5080;x=a@b>"),
            INVITE.replace("Max-Forwards: 69\r\n", "Max-Forwards:\r\n 69\r\n"),
            INVITE.replace("INVITE sip:", "MESSAGE sip:").replace("CSeq: 2 INVITE", "CSeq: 2 MESSAGE"),
            INVITE.replace("sip:bob@127.0.0.1:5070", "tel:+4930123"),
            INVITE.replace("From: \"Door 1\"", "From: \"Door \\\"1\\\"\""),
            INVITE.replace("Door 1", "T\u00fcr 1"),
            INVITE.replace("X-LT-Ext-Info: {", "X-LT-Ext-Info: \u0000{"),
            "\r\n" + INVITE);

    private static SIPMessage full(byte[] message) throws ParseException {
        return new StringMsgParser().parseSIPMessage(message, true, false, null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void plainMessagesAreReadOnTheLeanPathExactlyAsJainSipReadsThem() throws Exception {
        for (String text : LEAN) {
            byte[] message = bytes(text);
            SIPMessage lean = LeanSipParser.lean(message, true, false);
            assertNotNull(lean, "lean path not taken for:\n" + text);
            SIPMessage full = full(message);
            assertEquals(full.encode(), lean.encode(), text);
            assertEquals(full.getClass(), lean.getClass());
            assertEquals(full.getSize(), lean.getSize());
            assertArrayEquals(full.getRawContent(), lean.getRawContent());
            assertEquals(((CallIdHeader) full.getHeader(CallIdHeader.NAME)).getCallId(), lean.getCallId().getCallId());
            CSeqHeader fullCSeq = (CSeqHeader) full.getHeader(CSeqHeader.NAME);
            assertEquals(fullCSeq.getSeqNumber(), lean.getCSeq().getSeqNumber());
            assertTrue(fullCSeq.getMethod() == lean.getCSeq().getMethod(), "CSeq method interned like jain-sip's");
            assertEquals(((FromHeader) full.getHeader(FromHeader.NAME)).getTag(), lean.getFrom().getTag());
            assertEquals(((ToHeader) full.getHeader(ToHeader.NAME)).getTag(), lean.getTo().getTag());
            assertEquals(full.getFrom().getAddress(), lean.getFrom().getAddress());
            assertEquals(full.getTo().getAddress(), lean.getTo().getAddress());
            Via fullVia = full.getTopmostVia();
            assertEquals(fullVia.getBranch(), lean.getTopmostVia().getBranch());
            assertEquals(fullVia.getTransport(), lean.getTopmostVia().getTransport());
            assertEquals(fullVia.getRPort(), lean.getTopmostVia().getRPort());
            assertEquals(fullVia, lean.getTopmostVia());
            assertEquals(full.getTransactionId(), lean.getTransactionId());
            assertEquals(full.getDialogId(false), lean.getDialogId(false));
            assertEquals(full.getContentLength().getContentLength(), lean.getContentLength().getContentLength());
            assertEquals(full.getHeader(ContactHeader.NAME), lean.getHeader(ContactHeader.NAME));
            if (full instanceof SIPRequest request) {
                SIPRequest leanRequest = (SIPRequest) lean;
                assertEquals(request.getMethod(), leanRequest.getMethod());
                assertEquals(request.getRequestURI(), leanRequest.getRequestURI());
                SipURI uri = (SipURI) request.getRequestURI();
                SipURI leanUri = (SipURI) leanRequest.getRequestURI();
                assertEquals(uri.getUser(), leanUri.getUser());
                assertEquals(uri.getHost(), leanUri.getHost());
                assertEquals(uri.getPort(), leanUri.getPort());
                assertEquals(uri.getTransportParam(), leanUri.getTransportParam());
            } else {
                assertEquals(((SIPResponse) full).getStatusCode(), ((SIPResponse) lean).getStatusCode());
                assertEquals(((SIPResponse) full).getReasonPhrase(), ((SIPResponse) lean).getReasonPhrase());
            }
            assertEquals(full.getHeader("X-LT-Call-ID"), lean.getHeader("X-LT-Call-ID"));
        }
    }

    @Test
    void otherFormsAreLeftToJainSipsParser() throws Exception {
        for (String text : NOT_LEAN) {
            byte[] message = bytes(text);
            assertNull(LeanSipParser.lean(message, true, false), "lean path taken for:\n" + text);
            SIPMessage viaFactory = new LeanSipParser().parseSIPMessage(message, true, false, null);
            assertEquals(full(message).encode(), viaFactory.encode(), "jain-sip's reading expected:\n" + text);
        }
    }

    @Test
    void jainSipsErrorsStayJainSips() throws ParseException {
        byte[] badLength = bytes(INVITE.replace("Content-Length: " + SDP.length(), "Content-Length: 9999"));
        ParseException expected = assertThrows(ParseException.class, () -> full(badLength));
        ParseException actual = assertThrows(ParseException.class,
                () -> new LeanSipParser().parseSIPMessage(badLength, true, false, null));
        assertEquals(expected.getMessage(), actual.getMessage());
        assertNull(new LeanSipParser().parseSIPMessage(new byte[0], true, false, null));
    }

    /**
     * Mutations of every message (bytes dropped, replaced, inserted, cut short) and the fuzz test's
     * hostile messages: whenever the lean path takes one, jain-sip's parser reads it too, the same.
     */
    @Test
    void whateverTheLeanPathTakesJainSipReadsTheSame() {
        Random random = new Random(20261128);
        List<byte[]> inputs = new ArrayList<>(new HostileSipMessages(7, 5070, 5080).generate(600, false));
        String alphabet = " ;:,<>@\"=/\t\r\n0123456789abcABC-.[]%\\";
        for (int i = 0; i < 20_000; i++) {
            byte[] m = bytes(LEAN.get(i % LEAN.size()));
            int at = random.nextInt(m.length);
            byte c = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            m = switch (i % 4) {
                case 0 -> concat(Arrays.copyOf(m, at), Arrays.copyOfRange(m, at + 1, m.length));
                case 1 -> {
                    m[at] = c;
                    yield m;
                }
                case 2 -> concat(Arrays.copyOf(m, at), new byte[] {c}, Arrays.copyOfRange(m, at, m.length));
                default -> Arrays.copyOf(m, at);
            };
            inputs.add(m);
        }
        int taken = 0;
        for (byte[] m : inputs) {
            SIPMessage lean = LeanSipParser.lean(m, true, false);
            if (lean == null) {
                continue;
            }
            taken++;
            SIPMessage full;
            try {
                full = full(m);
            } catch (ParseException | RuntimeException e) {
                throw new AssertionError("lean path read what jain-sip refuses (" + e + "):\n"
                        + new String(m, StandardCharsets.ISO_8859_1), e);
            }
            assertEquals(full.encode(), lean.encode(), () -> new String(m, StandardCharsets.ISO_8859_1));
            if (full.getCSeq() != null && full.getTopmostVia() != null) {
                assertEquals(full.getTransactionId(), lean.getTransactionId());
                assertEquals(full.getTopmostVia(), lean.getTopmostVia());
            }
            assertEquals(full.getFrom(), lean.getFrom());
            assertEquals(full.getTo(), lean.getTo());
        }
        assertTrue(taken > 2_000, "the mutations left the lean path too few messages to compare: " + taken);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
