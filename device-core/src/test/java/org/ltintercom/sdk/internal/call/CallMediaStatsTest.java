package org.ltintercom.sdk.internal.call;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTCallQualityStats;
import org.ltintercom.sdk.internal.media.AudioCodec;
import org.ltintercom.sdk.internal.media.CallQuality;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The media engine's quality record as an SDK user's {@link LTCallQualityStats}. */
class CallMediaStatsTest {

    @Test
    void percentagesBecomeFractionsAndTheCodecItsSdpName() {
        CallQuality engine = new CallQuality(AudioCodec.PCMU, 1000, 160_000, 980, 20, 2.0, 12.5, 4.25, 3.0, 31,
                25, 0, 3, 80, 60, 7, 4, 2, 4.05);
        assertEquals(new LTCallQualityStats("PCMU", 1000, 980, 20, 0.02, 0.125, 4.25, 31, 25, 0, 80, 4.05),
                CallMedia.stats(engine));
    }

    @Test
    void beforeTheFirstRttAndWithDuplicatesTheFiguresStayInRange() {
        // RFC 3550's cumulative lost goes negative with duplicates; RTT is -1 until the peer echoes an SR
        CallQuality engine = new CallQuality(AudioCodec.OPUS, 10, 800, 12, -2, 0, 0, 0, 0, -1,
                0, 1, 0, 40, 40, 0, 0, 0, 4.4);
        LTCallQualityStats stats = CallMedia.stats(engine);
        assertEquals("opus", stats.codec());
        assertEquals(0, stats.packetsLost());
        assertEquals(-1, stats.rttMillis());
        assertEquals(1, stats.fecRecoveredFrames());
        assertEquals(4.4, stats.estimatedMos());
    }
}
