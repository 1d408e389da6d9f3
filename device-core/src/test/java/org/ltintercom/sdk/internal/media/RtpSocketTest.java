package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import java.net.BindException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtpSocketTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void eachCallGetsAnEvenOddPairFromTheRangeOnTheGivenAddress() throws Exception {
        List<RtpSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                sockets.add(RtpSocket.open(LOOPBACK, 31_001, 31_007)); // pairs 31002/3, 31004/5 and 31006/7 (the RTCP port stays inside the range too)
            }
            for (RtpSocket s : sockets) {
                int port = s.localRtp().getPort();
                assertEquals(0, port % 2, "RTP port " + port);
                assertTrue(port >= 31_002 && port <= 31_006);
                assertEquals(LOOPBACK, s.localRtp().getAddress());
            }
            assertEquals(3, sockets.stream().map(s -> s.localRtp().getPort()).distinct().count());
            BindException full = assertThrows(BindException.class, () -> RtpSocket.open(LOOPBACK, 31_001, 31_007));
            assertTrue(full.getMessage().contains("31001..31007"), full.getMessage());
        } finally {
            sockets.forEach(RtpSocket::close);
        }
        RtpSocket again = RtpSocket.open(LOOPBACK, 31_001, 31_007); // ports were released
        again.close();
        again.close();
        assertFalse(again.isOpen());
    }
}
