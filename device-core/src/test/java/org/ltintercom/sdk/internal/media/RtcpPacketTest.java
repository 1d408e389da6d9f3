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
        byte[] sdesFirst = new byte[100];
        int m = RtcpPacket.writeSdesCname(sdesFirst, 0, 1, "a");
        assertThrows(RtcpPacket.MalformedRtcpException.class, () -> RtcpPacket.parse(sdesFirst, 0, m));
    }
}
