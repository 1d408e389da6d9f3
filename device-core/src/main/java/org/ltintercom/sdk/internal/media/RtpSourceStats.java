package org.ltintercom.sdk.internal.media;

/**
 * Reception statistics of one remote SSRC, as RFC 3550 appendix A.1, A.3 and A.8 define them:
 * extended sequence numbers across the 16-bit wrap, packets expected and lost, fraction lost per
 * report interval and interarrival jitter. Feeds the report blocks of our RTCP RR/SR.
 *
 * <pre>
 *   network -> RtpReceiver -> [RtpSourceStats] -> RTCP report block
 *                          \-> jitter buffer -> decoder -> playback
 * </pre>
 *
 * Updated by the media thread only; fields are volatile so that statistics may be read from any thread.
 */
public final class RtpSourceStats {
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private int ssrc;
    private volatile int maxSeq;
    private volatile long cycles;
    private volatile int baseSeq;
    private int badSeq = SEQ_MOD + 1;
    private volatile long received;
    private long expectedPrior;
    private long receivedPrior;
    private long lastTransit;
    private boolean haveTransit;
    private volatile double jitter;
    private volatile boolean started;
    private long restarts;
    private long duplicatesOrOld;

    /** Starts over for a (new) source. */
    public void reset(int newSsrc, int seq) {
        ssrc = newSsrc;
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        haveTransit = false;
        jitter = 0;
        started = true;
    }

    /**
     * Accounts for one packet with 16-bit sequence number {@code seq}.
     *
     * @return the extended (32+ bit) sequence number, or -1 if the packet is far out of order and
     *         must be dropped (a big jump is accepted as a restart only when the next packet confirms it)
     */
    public long update(int seq) {
        if (!started) {
            throw new IllegalStateException("update before reset");
        }
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                // two sequential packets after a big jump: the peer restarted its sequence
                restarts++;
                reset(ssrc, seq);
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return -1;
            }
        } else {
            // duplicate or reordered within the misorder window: counted, extended relative to maxSeq
            duplicatesOrOld++;
            received++;
            long ext = cycles + seq;
            return seq > maxSeq ? ext - SEQ_MOD : ext;
        }
        received++;
        return cycles + maxSeq;
    }

    /**
     * Updates the interarrival jitter (RFC 3550 A.8) with the arrival time expressed in RTP clock units.
     */
    public void updateJitter(long arrivalInClockUnits, int rtpTimestamp) {
        long transit = arrivalInClockUnits - Integer.toUnsignedLong(rtpTimestamp);
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            // a DTX gap or a timestamp jump is not jitter; ignore absurd differences (> 10 s of clock)
            if (d < 10L * 48_000) {
                jitter += (d - jitter) / 16.0;
            }
        }
        lastTransit = transit;
        haveTransit = true;
    }

    public int ssrc() { return ssrc; }

    /** The highest 16-bit sequence number seen. */
    public int sequenceForTest() { return maxSeq; }

    public boolean started() { return started; }

    /** The extended highest sequence number received. */
    public long extendedMax() {
        return cycles + maxSeq;
    }

    public long expected() {
        return extendedMax() - baseSeq + 1;
    }

    public long received() {
        return received;
    }

    /** Cumulative packets lost (may be negative with duplicates), as RFC 3550 defines it. */
    public long cumulativeLost() {
        return expected() - received;
    }

    /** Interarrival jitter in RTP clock units. */
    public long jitter() {
        return (long) jitter;
    }

    public long restarts() {
        return restarts;
    }

    public long duplicatesOrOld() {
        return duplicatesOrOld;
    }

    /**
     * The fraction lost since the previous call, in 1/256 (RFC 3550 A.3), and starts a new interval.
     */
    public int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }
}
