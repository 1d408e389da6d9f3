package org.ltintercom.sdk.call;

import java.util.Objects;

/**
 * The audio quality of one call, from {@link LTCall#getQualityStats()}: a snapshot refreshed about
 * twice a second while the call runs, and the call's final figures once it has terminated.
 * Before the audio starts (or for a call that never connected) it is {@link #EMPTY}.
 *
 * @param codec                   the audio codec in use as SDP names it ({@code opus}, {@code PCMU},
 *                                {@code PCMA}); empty before the audio starts
 * @param packetsSent             RTP packets we sent
 * @param packetsReceived         RTP packets we received from the peer and accepted
 * @param packetsLost             packets the peer sent that never arrived (RFC 3550 cumulative lost)
 * @param lossFraction            {@code packetsLost} of the packets expected, 0..1
 * @param remoteLossFraction      loss the peer last reported about our stream (RTCP), 0..1
 * @param jitterMillis            interarrival jitter of the peer's stream (RFC 3550), in ms
 * @param rttMillis               round-trip time from RTCP, in ms; -1 while unknown
 * @param concealedFrames         20 ms frames made up by packet loss concealment (loss, late packets)
 * @param fecRecoveredFrames      frames rebuilt from Opus in-band FEC instead of being concealed
 * @param jitterBufferDelayMillis the jitter buffer's current playout delay, in ms
 * @param estimatedMos            estimated listening quality (ITU-T G.107 E-model), 1..4.5; 0 before the audio starts
 */
public record LTCallQualityStats(String codec, long packetsSent, long packetsReceived, long packetsLost,
                                 double lossFraction, double remoteLossFraction, double jitterMillis, long rttMillis,
                                 long concealedFrames, long fecRecoveredFrames, int jitterBufferDelayMillis,
                                 double estimatedMos) {

    /** No audio yet: every count 0, RTT unknown (-1), no MOS (0). */
    public static final LTCallQualityStats EMPTY = new LTCallQualityStats("", 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0);

    /**
     * @throws IllegalArgumentException naming the field when a count is negative, a fraction outside
     *                                  0..1, the RTT below -1 or the MOS outside 0 or 1..4.5
     */
    public LTCallQualityStats {
        Objects.requireNonNull(codec, "codec");
        notNegative("packetsSent", packetsSent);
        notNegative("packetsReceived", packetsReceived);
        notNegative("packetsLost", packetsLost);
        fraction("lossFraction", lossFraction);
        fraction("remoteLossFraction", remoteLossFraction);
        if (!(jitterMillis >= 0)) {
            throw new IllegalArgumentException("jitterMillis: must be >= 0, was " + jitterMillis);
        }
        if (rttMillis < -1) {
            throw new IllegalArgumentException("rttMillis: must be >= 0 or -1 (unknown), was " + rttMillis);
        }
        notNegative("concealedFrames", concealedFrames);
        notNegative("fecRecoveredFrames", fecRecoveredFrames);
        notNegative("jitterBufferDelayMillis", jitterBufferDelayMillis);
        if (estimatedMos != 0 && !(estimatedMos >= 1 && estimatedMos <= 4.5)) {
            throw new IllegalArgumentException("estimatedMos: must be 1..4.5 (or 0 without audio), was " + estimatedMos);
        }
    }

    /** True once the call's audio has started (a codec was negotiated and the media engine ran). */
    public boolean hasAudio() {
        return !codec.isEmpty();
    }

    /** True when the RTT is known (the peer echoed one of our RTCP sender reports). */
    public boolean hasRtt() {
        return rttMillis >= 0;
    }

    private static void notNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must be >= 0, was " + value);
        }
    }

    private static void fraction(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + ": must be 0..1, was " + value);
        }
    }
}
