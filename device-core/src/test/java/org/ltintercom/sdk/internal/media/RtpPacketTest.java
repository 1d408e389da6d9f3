package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtpPacketTest {

    @Test
    void plainPacketSurvivesWriteAndParse() {
        byte[] payload = {1, 2, 3, 4, 5};
        byte[] wire = new byte[100];
        int n = new RtpPacket().header(true, 111, 65535, 0xFFFFFFF0, 0xCAFEBABE).payload(payload, 0, 5).write(wire, 0);
        assertEquals(17, n);
        RtpPacket p = new RtpPacket();
        assertEquals(RtpPacket.ParseResult.OK, p.parse(wire, 0, n));
        assertTrue(p.marker());
        assertEquals(111, p.payloadType());
        assertEquals(65535, p.sequence());
        assertEquals(0xFFFFFFF0, p.timestamp());
        assertEquals(0xCAFEBABE, p.ssrc());
        assertEquals(5, p.payloadLength());
        assertArrayEquals(payload, java.util.Arrays.copyOfRange(wire, p.payloadOffset(), p.payloadOffset() + 5));
    }

    @Test
    void csrcListExtensionAndPaddingRoundTrip() {
        byte[] payload = {9, 8, 7};
        byte[] ext = {0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, (byte) 0x80};
        byte[] wire = new byte[200];
        RtpPacket out = new RtpPacket().header(false, 0, 42, 160, 7).payload(payload, 0, 3)
                .csrcs(11, 22, 33).extension(0xBEDE, ext, 0, 8).padding(5);
        int n = out.write(wire, 0);
        assertEquals(12 + 12 + 4 + 8 + 3 + 5, n);
        assertEquals(5, wire[n - 1]);
        RtpPacket p = new RtpPacket();
        assertEquals(RtpPacket.ParseResult.OK, p.parse(wire, 0, n));
        assertEquals(3, p.csrcCount());
        assertEquals(22, p.csrc(1));
        assertTrue(p.hasExtension());
        assertEquals(0xBEDE, p.extensionProfile());
        assertEquals(8, p.extensionLength());
        assertEquals(0x50, wire[p.extensionOffset() + 4]);
        assertEquals(5, p.paddingLength());
        assertEquals(3, p.payloadLength());
        assertEquals(9, wire[p.payloadOffset()]);
        assertEquals(7, wire[p.payloadOffset() + 2]);
    }

    @Test
    void brokenDatagramsAreRefusedWithAReason() {
        RtpPacket p = new RtpPacket();
        byte[] wire = new byte[64];
        int n = new RtpPacket().header(false, 0, 1, 2, 3).payload(new byte[4], 0, 4).csrcs(1, 2).write(wire, 0);
        assertEquals(RtpPacket.ParseResult.TOO_SHORT, p.parse(wire, 0, 11));
        assertEquals(RtpPacket.ParseResult.TOO_SHORT, p.parse(wire, 0, 16)); // CSRC list cut off
        byte[] v1 = wire.clone();
        v1[0] = (byte) (v1[0] & 0x3F | 0x40);
        assertEquals(RtpPacket.ParseResult.BAD_VERSION, p.parse(v1, 0, n));
        byte[] badPad = wire.clone();
        badPad[0] |= 0x20;
        badPad[n - 1] = (byte) 200;
        assertEquals(RtpPacket.ParseResult.BAD_PADDING, p.parse(badPad, 0, n));
        byte[] badExt = wire.clone();
        badExt[0] |= 0x10;
        badExt[20 + 2] = (byte) 0xFF; // extension claims 64 K words
        assertEquals(RtpPacket.ParseResult.BAD_EXTENSION, p.parse(badExt, 0, n));
        byte[] rtcp = wire.clone();
        rtcp[1] = (byte) 200;
        assertEquals(RtpPacket.ParseResult.RTCP, p.parse(rtcp, 0, n));
    }

    @Test
    void badFieldsAreRejectedWithTheirName() {
        RtpPacket p = new RtpPacket();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.header(false, 128, 0, 0, 0));
        assertTrue(e.getMessage().startsWith("payloadType"));
        assertThrows(IllegalArgumentException.class, () -> p.extension(1, new byte[3], 0, 3));
        assertThrows(IllegalArgumentException.class, () -> p.padding(256));
        assertFalse(p.marker());
    }
}
