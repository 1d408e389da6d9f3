package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtpSourceStatsTest {

    @Test
    void sequenceWrapExtendsTheSequenceNumber() {
        RtpSourceStats s = new RtpSourceStats();
        s.reset(1, 65533);
        assertEquals(65533, s.update(65533));
        assertEquals(65534, s.update(65534));
        assertEquals(65535, s.update(65535));
        assertEquals(65536, s.update(0));
        assertEquals(65537, s.update(1));
        assertEquals(5, s.expected());
        assertEquals(0, s.cumulativeLost());
    }

    @Test
    void reorderedPacketAcrossTheWrapKeepsItsExtendedNumber() {
        RtpSourceStats s = new RtpSourceStats();
        s.reset(1, 65534);
        s.update(65534);
        s.update(0); // 65535 is late
        assertEquals(65535, s.update(65535));
        assertEquals(65536, s.extendedMax());
        assertEquals(0, s.cumulativeLost());
    }

    @Test
    void lossIsCountedAndFractionLostIsPerInterval() {
        RtpSourceStats s = new RtpSourceStats();
        s.reset(1, 100);
        for (int seq = 100; seq < 200; seq++) {
            if (seq % 4 != 0) {
                s.update(seq);
            }
        }
        assertEquals(100, s.expected());
        assertEquals(25, s.cumulativeLost());
        assertEquals(64, s.takeFractionLost()); // 25 % of 256
        for (int seq = 200; seq < 300; seq++) {
            s.update(seq);
        }
        assertEquals(0, s.takeFractionLost());
        assertEquals(25, s.cumulativeLost());
    }

    @Test
    void bigJumpIsDroppedUnlessTheNextPacketConfirmsIt() {
        RtpSourceStats s = new RtpSourceStats();
        s.reset(1, 10);
        s.update(10);
        assertEquals(-1, s.update(30_000));
        assertEquals(11, s.update(11)); // stray packet ignored, stream continues
        assertEquals(-1, s.update(40_000));
        assertTrue(s.update(40_001) >= 0); // confirmed: the source restarted
        assertEquals(1, s.restarts());
    }

    @Test
    void jitterFollowsTransitVariation() {
        RtpSourceStats s = new RtpSourceStats();
        s.reset(1, 0);
        int ts = 0;
        long arrival = 1_000_000;
        for (int i = 0; i < 500; i++) {
            s.update(i);
            // every packet alternately 0 and 480 units (10 ms at 48 kHz) late
            s.updateJitter(arrival + (i % 2 == 0 ? 0 : 480), ts);
            ts += 960;
            arrival += 960;
        }
        assertTrue(s.jitter() > 400 && s.jitter() < 500, "jitter " + s.jitter());
    }
}
