package org.ltintercom.sdk.internal.media;

/**
 * Quality of one call's audio at one moment, readable during and after the call.
 *
 * @param packetsLost          RFC 3550 cumulative lost (expected - received) from the peer
 * @param lossPercent          packetsLost of expected, in %
 * @param remoteLossPercent    what the peer last reported about our stream (RTCP fraction lost), in %
 * @param jitterMillis         our interarrival jitter (RFC 3550 A.8)
 * @param rttMillis            round-trip time from RTCP LSR/DLSR, -1 until known
 * @param concealedFrames      frames made up by PLC (loss, underrun, jitter buffer growth)
 * @param fecRecovered         frames rebuilt from Opus in-band FEC
 * @param jitterDelayMillis    the jitter buffer's current playout delay
 * @param dropped              packets dropped as wrong source, wrong SSRC, malformed, wrong type or size
 * @param mos                  estimated MOS (1..4.5) from a simplified ITU-T G.107 E-model
 */
public record CallQuality(AudioCodec codec, long packetsSent, long octetsSent, long packetsReceived, long packetsLost,
                          double lossPercent, double remoteLossPercent, double jitterMillis, double remoteJitterMillis,
                          long rttMillis, long concealedFrames, long fecRecovered, long lateDiscarded,
                          int jitterDelayMillis, int jitterTargetMillis, long dropped, long dtmfSent,
                          long dtmfReceived, double mos) {

    /**
     * Estimated MOS: R = 93.2 - Id - Ie,eff with the delay impairment Id of the one-way delay and the
     * equipment impairment of the codec under random loss (Ie 0; Bpl 10 for G.711 with our simple
     * repeat-and-fade PLC, 30 for Opus with FEC and PLC - Opus has no ITU-T table entry, so it is an
     * estimate), mapped to MOS with G.107's formula.
     *
     * @param lossPercent     packets lost after recovery (FEC-rebuilt frames are not loss), in %
     * @param oneWayDelayMs   mouth-to-ear delay estimate
     */
    public static double estimateMos(AudioCodec codec, double lossPercent, double oneWayDelayMs) {
        double d = Math.max(0, oneWayDelayMs);
        double id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
        double bpl = codec == AudioCodec.OPUS ? 30 : 10;
        double ppl = Math.max(0, lossPercent);
        double ieEff = 95 * ppl / (ppl + bpl);
        double r = 93.2 - id - ieEff;
        if (r <= 0) {
            return 1;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
    }
}
