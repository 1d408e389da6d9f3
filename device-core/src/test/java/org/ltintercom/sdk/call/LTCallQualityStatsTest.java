package org.ltintercom.sdk.call;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LTCallQualityStatsTest {

    private static LTCallQualityStats opus(long rtt, double mos) {
        return new LTCallQualityStats("opus", 500, 490, 10, 0.02, 0.01, 3.5, rtt, 4, 6, 60, mos);
    }

    @Test
    void emptyMeansNoAudioYetWithUnknownRttAndNoMos() {
        LTCallQualityStats empty = LTCallQualityStats.EMPTY;
        assertFalse(empty.hasAudio());
        assertFalse(empty.hasRtt());
        assertEquals("", empty.codec());
        assertEquals(0, empty.packetsSent() + empty.packetsReceived() + empty.packetsLost());
        assertEquals(0, empty.concealedFrames() + empty.fecRecoveredFrames() + empty.jitterBufferDelayMillis());
        assertEquals(-1, empty.rttMillis());
        assertEquals(0.0, empty.estimatedMos());
    }

    @Test
    void aCallsFiguresReadBackAndCompareByValue() {
        LTCallQualityStats q = opus(24, 4.2);
        assertTrue(q.hasAudio());
        assertTrue(q.hasRtt());
        assertEquals(490, q.packetsReceived());
        assertEquals(0.02, q.lossFraction());
        assertEquals(6, q.fecRecoveredFrames());
        assertEquals(opus(24, 4.2), q, "a snapshot is a value");
        assertNotEquals(opus(25, 4.2), q);
        assertFalse(opus(-1, 4.2).hasRtt(), "-1: the peer has not echoed a sender report yet");
        assertTrue(q.toString().contains("estimatedMos=4.2"), q.toString());
    }

    @Test
    void impossibleFiguresAreRefusedNamingTheField() {
        assertEquals("packetsLost: must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
                () -> new LTCallQualityStats("opus", 1, 1, -1, 0, 0, 0, -1, 0, 0, 0, 4)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LTCallQualityStats("opus", 1, 1, 0, 1.5, 0, 0, -1, 0, 0, 0, 4)).getMessage().startsWith("lossFraction:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LTCallQualityStats("opus", 1, 1, 0, 0, Double.NaN, 0, -1, 0, 0, 0, 4)).getMessage()
                .startsWith("remoteLossFraction:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> opus(-2, 4)).getMessage().startsWith("rttMillis:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> opus(20, 0.5)).getMessage().startsWith("estimatedMos:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> opus(20, 4.6)).getMessage().startsWith("estimatedMos:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LTCallQualityStats("opus", 1, 1, 0, 0, 0, -3, -1, 0, 0, 0, 4)).getMessage().startsWith("jitterMillis:"));
        assertThrows(NullPointerException.class, () -> new LTCallQualityStats(null, 1, 1, 0, 0, 0, 0, -1, 0, 0, 0, 4));
    }
}
