package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the reporter does with the peer's compounds: baresip's BYE-first and APP-only ones included. */
class RtcpReporterTest {

    @Test
    void baresipsByeFirstCompoundEndsTheCallAndIsNotMalformed() throws Exception {
        try (RtpSocket socket = RtpSocket.open(LoopbackCall.LOOPBACK, 20_000, 29_999)) {
            RtcpReporter rtcp = new RtcpReporter("test", socket, LoopbackCall.config(), System.nanoTime());
            AtomicInteger byes = new AtomicInteger();
            AtomicInteger lossHints = new AtomicInteger();
            byte[] appOnly = RtcpPacketTest.bytes("80 cc 00 02", "00 00 00 11", "62 61 72 65");
            rtcp.onDatagram(appOnly, appOnly.length, System.nanoTime(), 0x99, byes::incrementAndGet, p -> lossHints.incrementAndGet());
            assertEquals(0, byes.get());
            byte[] byeFirst = RtcpPacketTest.bytes("81 cb 00 01", "00 00 00 11", "80 c9 00 01", "00 00 00 11");
            rtcp.onDatagram(byeFirst, byeFirst.length, System.nanoTime(), 0x99, byes::incrementAndGet, p -> lossHints.incrementAndGet());
            assertEquals(1, byes.get());
            assertEquals(1, rtcp.byesReceived());
            assertEquals(0, rtcp.malformed(), rtcp.lastError());
            assertEquals(0, lossHints.get(), "no report block about us, no loss hint");

            byte[] version1 = RtcpPacketTest.bytes("41 cb 00 01", "00 00 00 11");
            rtcp.onDatagram(version1, version1.length, System.nanoTime(), 0x99, byes::incrementAndGet, p -> { });
            assertEquals(1, rtcp.malformed());
            assertEquals("version 1", rtcp.lastError());
            assertEquals(1, byes.get(), "a malformed BYE is not honoured");
        }
    }
}
