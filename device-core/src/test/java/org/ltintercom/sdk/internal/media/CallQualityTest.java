package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallQualityTest {

    @Test
    void aCleanShortCallScoresNearTheTopOfTheScale() {
        double mos = CallQuality.estimateMos(AudioCodec.PCMU, 0, 60);
        assertTrue(mos > 4.3 && mos <= 4.5, "MOS " + mos);
    }

    @Test
    void lossAndDelayLowerTheScore() {
        double clean = CallQuality.estimateMos(AudioCodec.OPUS, 0, 60);
        double lossy = CallQuality.estimateMos(AudioCodec.OPUS, 5, 60);
        double slow = CallQuality.estimateMos(AudioCodec.OPUS, 0, 400);
        assertTrue(lossy < clean && slow < clean);
        assertTrue(CallQuality.estimateMos(AudioCodec.PCMU, 5, 60) < lossy, "Opus with FEC degrades more gracefully");
        assertEquals(1.0, CallQuality.estimateMos(AudioCodec.PCMU, 100, 2_000));
    }
}
