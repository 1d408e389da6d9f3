package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtcpPacketTest {

    private static final RtcpPacket.ReportBlock BLOCK =
            new RtcpPacket.ReportBlock(0x1234, 64, -3, 0x1_0005L, 77, 0xAABBCCDDL, 0x18000);

    @Test
    void senderReportWithBlockAndCnameRoundTrips() throws Exception {
        byte[] out = new byte[300];
        RtcpPacket.SenderInfo info = new RtcpPacket.SenderInfo(0x0123456789ABCDEFL, 0xF0000000L, 500, 80_000);
        int n = RtcpPacket.writeSenderReport(out, 0, 0x55, info, BLOCK);
        n += RtcpPacket.writeSdesCname(out, n, 0x55, "door@lt");
        RtcpPacket.Compound c = RtcpPacket.parse(out, 0, n);
        assertEquals(0x55, c.senderSsrc());
        assertEquals(info, c.senderInfo());
        assertEquals(List.of(BLOCK), c.reports());
        assertEquals("door@lt", c.cname());
        assertTrue(c.byeSsrcs().isEmpty());
        assertEquals(0x456789ABL, info.ntpMiddle());
    }

    @Test
    void receiverReportAndByeFormOneCompound() throws Exception {
        byte[] out = new byte[300];
        int n = RtcpPacket.writeReceiverReport(out, 0, 9, BLOCK);
        n += RtcpPacket.writeSdesCname(out, n, 9, "x");
        n += RtcpPacket.writeBye(out, n, 9, "call ended");
        RtcpPacket.Compound c = RtcpPacket.parse(out, 0, n);
        assertNull(c.senderInfo());
        assertEquals(-3, c.reports().get(0).cumulativeLost());
        assertTrue(c.isBye());
        assertEquals(List.of(9), c.byeSsrcs());
        assertEquals("call ended", c.byeReason());
        assertEquals(0, n % 4);
    }

    @Test
    void roundTripTimeIsNowMinusLsrMinusDlsr() {
        // LSR at t, the peer held it 1.5 s (DLSR 0x18000), we see the report at t + 1.75 s: RTT 0.25 s
        long now = 0xAABBCCDDL + 0x1C000;
        assertEquals(0x4000, RtcpPacket.roundTrip(now, BLOCK));
        RtcpPacket.ReportBlock noSr = new RtcpPacket.ReportBlock(1, 0, 0, 0, 0, 0, 0);
        assertEquals(-1, RtcpPacket.roundTrip(now, noSr));
    }

    @Test
    void rttMathSurvivesTheNtpWrap() {
        RtcpPacket.ReportBlock b = new RtcpPacket.ReportBlock(1, 0, 0, 0, 0, 0xFFFFF000L, 0x100);
        // LSR just before the 32-bit wrap, report seen just after it
        assertEquals(0x1000, RtcpPacket.roundTrip(0x100, b));
    }

    @Test
    void garbageIsRefusedWithAReason() {
        Random random = new Random(7);
        int refused = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(80)];
            random.nextBytes(junk);
            try {
                RtcpPacket.parse(junk, 0, junk.length);
            } catch (RtcpPacket.MalformedRtcpException e) {
                refused++;
                assertTrue(!e.getMessage().isEmpty());
            }
        }
        assertTrue(refused > 1900, "refused " + refused);
        byte[] out = new byte[100];
        int n = RtcpPacket.writeReceiverReport(out, 0, 1, BLOCK);
        assertThrows(RtcpPacket.MalformedRtcpException.class, () -> RtcpPacket.parse(out, 0, n - 4));
    }

    // ---- leniency: baresip's compounds (BYE first, APP only) are well-formed RTCP, just not in RFC 3550's order

    @Test
    void aCompoundThatStartsWithByeIsAcceptedAndItsByeHonoured() throws Exception {
        byte[] wire = bytes(
                "81 cb 00 03", "00 00 00 11", "04 64 6f 6e", "65 00 00 00", // BYE ssrc 0x11, reason "done"
                "80 c9 00 01", "00 00 00 11");                            // RR without blocks
        RtcpPacket.Compound c = RtcpPacket.parse(wire, 0, wire.length);
        assertTrue(c.isBye());
        assertEquals(List.of(0x11), c.byeSsrcs());
        assertEquals("done", c.byeReason());
        assertEquals(0x11, c.senderSsrc());
        assertTrue(c.reports().isEmpty());
    }

    @Test
    void aByeAloneWithoutSsrcIsAccepted() throws Exception {
        byte[] wire = bytes("81 cb 00 01", "00 00 00 22");
        RtcpPacket.Compound c = RtcpPacket.parse(wire, 0, wire.length);
        assertEquals(List.of(0x22), c.byeSsrcs());
        assertNull(c.senderInfo());
        assertEquals(0, c.senderSsrc());
    }

    @Test
    void anAppOnlyCompoundIsAcceptedAndItsDataSkipped() throws Exception {
        byte[] wire = bytes(
                "80 cc 00 03", "00 00 00 33", "62 61 72 65", "de ad be ef", // APP "bare" with 4 data bytes
                "81 cc 00 02", "00 00 00 33", "73 69 70 21");               // APP subtype 1 "sip!", no data
        RtcpPacket.Compound c = RtcpPacket.parse(wire, 0, wire.length);
        assertTrue(!c.isBye());
        assertNull(c.senderInfo());
        assertNull(c.cname());
        assertTrue(c.reports().isEmpty());
    }

    @Test
    void senderReportSdesAndByeInOneCompoundGiveReportCnameAndBye() throws Exception {
        byte[] wire = bytes(
                "81 c8 00 0c", "00 00 00 44",                                         // SR, 1 block
                "01 23 45 67", "89 ab cd ef", "f0 00 00 00", "00 00 01 f4", "00 01 38 80",
                "00 00 12 34", "40 ff ff fd", "00 01 00 05", "00 00 00 4d", "aa bb cc dd", "00 01 80 00",
                "81 ca 00 04", "00 00 00 44", "01 07 64 6f", "6f 72 40 6c", "74 00 00 00", // SDES CNAME "door@lt"
                "81 cb 00 01", "00 00 00 44");                                        // BYE
        RtcpPacket.Compound c = RtcpPacket.parse(wire, 0, wire.length);
        assertEquals(0x44, c.senderSsrc());
        assertEquals(new RtcpPacket.SenderInfo(0x0123456789ABCDEFL, 0xF0000000L, 500, 80_000), c.senderInfo());
        assertEquals(List.of(BLOCK), c.reports());
        assertEquals("door@lt", c.cname());
        assertEquals(List.of(0x44), c.byeSsrcs());
    }

    @Test
    void truncatedCompoundsAreRefusedWithTheReason() {
        byte[] byeThenCut = bytes("81 cb 00 01", "00 00 00 11", "80 c9 00 01", "00 00");
        RtcpPacket.MalformedRtcpException e = assertThrows(RtcpPacket.MalformedRtcpException.class,
                () -> RtcpPacket.parse(byeThenCut, 0, byeThenCut.length));
        assertTrue(e.getMessage().contains("exceeds datagram"), e.getMessage());
        byte[] trailing = bytes("81 cb 00 01", "00 00 00 11", "80 c9");
        e = assertThrows(RtcpPacket.MalformedRtcpException.class, () -> RtcpPacket.parse(trailing, 0, trailing.length));
        assertTrue(e.getMessage().contains("trailing 2 bytes"), e.getMessage());
        byte[] shortApp = bytes("80 cc 00 01", "00 00 00 11");
        e = assertThrows(RtcpPacket.MalformedRtcpException.class, () -> RtcpPacket.parse(shortApp, 0, shortApp.length));
        assertTrue(e.getMessage().contains("APP needs 12 bytes"), e.getMessage());
        byte[] byeCountOverruns = bytes("82 cb 00 01", "00 00 00 11");
        e = assertThrows(RtcpPacket.MalformedRtcpException.class,
                () -> RtcpPacket.parse(byeCountOverruns, 0, byeCountOverruns.length));
        assertTrue(e.getMessage().contains("BYE needs 12 bytes"), e.getMessage());
    }

    @Test
    void aWrongVersionOrANonRtcpTypeAnywhereIsRefused() {
        byte[] version1 = bytes("41 cb 00 01", "00 00 00 11");
        RtcpPacket.MalformedRtcpException e = assertThrows(RtcpPacket.MalformedRtcpException.class,
                () -> RtcpPacket.parse(version1, 0, version1.length));
        assertEquals("version 1", e.getMessage());
        byte[] secondIsVersion0 = bytes("81 cb 00 01", "00 00 00 11", "00 c9 00 01", "00 00 00 11");
        assertThrows(RtcpPacket.MalformedRtcpException.class,
                () -> RtcpPacket.parse(secondIsVersion0, 0, secondIsVersion0.length));
        byte[] rtpOnTheRtcpPort = bytes("80 60 00 01", "00 00 00 11"); // payload type 96
        e = assertThrows(RtcpPacket.MalformedRtcpException.class,
                () -> RtcpPacket.parse(rtpOnTheRtcpPort, 0, rtpOnTheRtcpPort.length));
        assertTrue(e.getMessage().contains("packet type 96 is not RTCP"), e.getMessage());
    }

    /** Big-endian bytes from hex words: the packets as they are on the wire. */
    static byte[] bytes(String... words) {
        String hex = String.join("", words).replace(" ", "");
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
