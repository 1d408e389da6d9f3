package org.ltintercom.sdk.internal.media;

/**
 * Adaptive jitter buffer for one received audio stream.
 *
 * <pre>
 *   network -> RtpReceiver -> [JitterBuffer.put]          (reorder, drop late/duplicate, measure transit)
 *   20 ms tick -> [JitterBuffer.pull] -> PACKET | FEC | CONCEAL | SILENCE -> FrameDecoder -> playback
 * </pre>
 *
 * <p>Time always advances: every pull consumes one 20 ms frame position, whether a packet is there
 * or not, so a late packet never drags the whole stream late. The playout delay is controlled
 * apart from that: the buffer tracks the packets' transit (arrival minus RTP timestamp) over two
 * sliding windows of 100 packets and wants a delay of (max - min transit) + 5 ms. It grows to it
 * within a few frames (stalling: one concealed frame after every real one until there) and lowers the
 * target by at most one frame per second: grow fast, shrink slowly.
 *
 * <p>The playout delay itself is trimmed to the target whenever a whole frame (plus 2 ms of margin
 * against clock noise) can go without falling under it, so at rest it stays within one frame above
 * the target. During silence (a DTX frame, or the gap after one) the frame is skipped at once: nothing
 * audible is lost. While the peer talks, a frame is skipped only after the excess lasted 0.4 s, and at
 * most one per 0.4 s, so one late burst does not make the buffer flap and cuts stay rare.
 *
 * <p>A missing frame is rebuilt with Opus FEC when the next packet is already here, otherwise
 * concealed (PLC). A gap the sender announced as silence (a DTX frame, or the next packet follows
 * in sequence with the marker bit) is silence, not loss. A timestamp jump beyond the buffer
 * (forward, or back by more than 0.5 s) resynchronises; {@link #reset()} (new SSRC) starts over.
 *
 * <p>Used by the media thread only; counters may be read from any thread.
 */
public final class JitterBuffer {
    /** What a pull produced. */
    public enum Kind { PACKET, FEC, CONCEAL, SILENCE }

    /** What happened to a put packet. */
    public enum PutResult { QUEUED, LATE, DUPLICATE, RESYNC }

    static final int SLOTS = 64;
    static final int MAX_PAYLOAD = 1500;
    private static final int WINDOW_PACKETS = 100;
    private static final int RESYNC_BACK_FRAMES = 25;
    private static final long SHRINK_INTERVAL_NANOS = 1_000_000_000L;
    private static final long SKIP_INTERVAL_NANOS = 400_000_000L;
    private static final int TRIM_MARGIN_MILLIS = 2;

    private final int clockRate;
    private final int step;
    private final long minDelay;
    private final long maxDelay;
    private final long trimExcess;
    private final boolean fecCapable;
    private final byte[][] payloads = new byte[SLOTS][MAX_PAYLOAD];
    private final int[] lengths = new int[SLOTS];
    private final long[] indexes = new long[SLOTS];
    private final long[] seqs = new long[SLOTS];
    private final boolean[] markers = new boolean[SLOTS];

    private boolean started;
    private boolean playing;
    private long baseTs;
    private long highestTs;
    private long playIndex;
    private long lastPlayedSeq = -1;
    private boolean inDtx;
    private long pendingConceal;
    private long curMin;
    private long curMax;
    private long prevMin;
    private long prevMax;
    private int windowPackets;
    private long target;
    private long lastTargetChange;
    private long lastSkip;
    private long overSince;
    private boolean stalledLastPull;

    private byte[] outPayload;
    private int outLength;

    private volatile long queued;
    private volatile long late;
    private volatile long duplicates;
    private volatile long discarded;
    private volatile long concealed;
    private volatile long fecRecovered;
    private volatile long silenceFrames;
    private volatile long stalls;
    private volatile long skips;
    private volatile long resets;
    private volatile long delay;

    /**
     * @param clockRate     RTP clock of the stream (48000 Opus, 8000 G.711)
     * @param frameSamples  samples per 20 ms frame at that clock
     * @param fecCapable    whether the decoder can rebuild a frame from the next packet
     */
    public JitterBuffer(int clockRate, int frameSamples, int minDelayMillis, int maxDelayMillis, boolean fecCapable) {
        this.clockRate = clockRate;
        this.step = frameSamples;
        this.minDelay = (long) minDelayMillis * clockRate / 1000;
        this.maxDelay = (long) maxDelayMillis * clockRate / 1000;
        this.trimExcess = frameSamples + (long) TRIM_MARGIN_MILLIS * clockRate / 1000;
        this.fecCapable = fecCapable;
        this.target = minDelay;
        clear();
    }

    /**
     * Queues one packet.
     *
     * @param extSeq       the extended sequence number (from {@link RtpSourceStats})
     * @param timestamp    the packet's 32-bit RTP timestamp
     * @param arrivalNanos {@link System#nanoTime()} at arrival
     */
    public PutResult put(long extSeq, int timestamp, boolean marker, byte[] data, int offset, int length,
                         long arrivalNanos) {
        if (length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("length: at most " + MAX_PAYLOAD + ", was " + length);
        }
        long arrival = toClock(arrivalNanos);
        PutResult result = PutResult.QUEUED;
        if (!started) {
            start(Integer.toUnsignedLong(timestamp));
        }
        long ts = unwrap(timestamp);
        long index = Math.floorDiv(ts - baseTs, step);
        if (playing && index < playIndex && playIndex - index > RESYNC_BACK_FRAMES
                || index >= (playing ? playIndex : 0) + SLOTS) {
            resets++;
            clear();
            start(Integer.toUnsignedLong(timestamp));
            ts = highestTs;
            index = 0;
            result = PutResult.RESYNC;
        }
        observeTransit(arrival - ts, arrivalNanos);
        if (playing && index < playIndex) {
            late++;
            return PutResult.LATE;
        }
        int slot = (int) (index & (SLOTS - 1));
        if (indexes[slot] == index) {
            duplicates++;
            return PutResult.DUPLICATE;
        }
        if (indexes[slot] >= playIndex && indexes[slot] != Long.MIN_VALUE) {
            discarded++; // overflow: an unplayed packet a full ring behind
        }
        System.arraycopy(data, offset, payloads[slot], 0, length);
        lengths[slot] = length;
        indexes[slot] = index;
        seqs[slot] = extSeq;
        markers[slot] = marker;
        highestTs = Math.max(highestTs, ts);
        if (pendingConceal > 0 && extSeq == lastPlayedSeq + 1 && marker) {
            // the frames we concealed were the sender's silence, not loss
            concealed -= pendingConceal;
            silenceFrames += pendingConceal;
        }
        pendingConceal = 0;
        queued++;
        return result;
    }

    /**
     * Takes the frame due now. For PACKET and FEC, {@link #payload()} / {@link #payloadLength()} hold
     * the bytes to decode (for FEC: the next packet, decoded with FEC), valid until the next put or pull.
     */
    public Kind pull(long nowNanos) {
        if (!started) {
            return Kind.SILENCE;
        }
        long now = toClock(nowNanos);
        long minTransit = Math.min(curMin, prevMin);
        if (!playing) {
            playIndex = Math.floorDiv(now - minTransit - target - baseTs, step);
            playing = true;
        }
        long current = now - (baseTs + playIndex * step) - minTransit;
        delay = current;
        if (current < target && !stalledLastPull) {
            // grow by one frame; never twice in a row, so concealed frames stay between real ones
            stalls++;
            stalledLastPull = true;
            return inDtx ? Kind.SILENCE : Kind.CONCEAL;
        }
        stalledLastPull = false;
        boolean over = current >= target + trimExcess;
        if (!over) {
            overSince = 0;
        } else if (overSince == 0) {
            overSince = nowNanos; // while talking, trim only when the excess lasts: one late burst must not make us flap
        }
        if (over && (silentNow()
                || nowNanos - overSince >= SKIP_INTERVAL_NANOS && nowNanos - lastSkip >= SKIP_INTERVAL_NANOS)) {
            skip();
            lastSkip = nowNanos;
        }
        return take();
    }

    /** True if the frame due now is sender-announced silence: a DTX frame, or missing after one. */
    private boolean silentNow() {
        int slot = slot(playIndex);
        return indexes[slot] == playIndex ? lengths[slot] <= 2 : inDtx;
    }

    /** Drops the frame due now as if it had been played, so the next packet still follows in sequence. */
    private void skip() {
        int slot = slot(playIndex);
        if (indexes[slot] == playIndex) {
            indexes[slot] = Long.MIN_VALUE;
            lastPlayedSeq = seqs[slot];
            inDtx = lengths[slot] <= 2;
            discarded++;
        }
        playIndex++;
        skips++;
    }

    private Kind take() {
        int slot = slot(playIndex);
        if (indexes[slot] == playIndex) {
            indexes[slot] = Long.MIN_VALUE;
            outPayload = payloads[slot];
            outLength = lengths[slot];
            lastPlayedSeq = seqs[slot];
            inDtx = outLength <= 2;
            playIndex++;
            return Kind.PACKET;
        }
        long index = playIndex++;
        if (index < 0) {
            return Kind.SILENCE; // before the first packet
        }
        if (inDtx || nextFollowsInSequence(index)) {
            silenceFrames++;
            return Kind.SILENCE;
        }
        int next = slot(index + 1);
        if (fecCapable && indexes[next] == index + 1) {
            outPayload = payloads[next];
            outLength = lengths[next];
            fecRecovered++;
            return Kind.FEC;
        }
        concealed++;
        pendingConceal++;
        return Kind.CONCEAL;
    }

    /** True if the first packet queued after {@code index} is the very next sequence number: nothing was lost. */
    private boolean nextFollowsInSequence(long index) {
        if (lastPlayedSeq < 0) {
            return false;
        }
        for (long i = index + 1; i < index + SLOTS; i++) {
            int s = slot(i);
            if (indexes[s] == i) {
                return seqs[s] == lastPlayedSeq + 1;
            }
        }
        return false;
    }

    /** The sender announced a pause in audio (a DTMF event runs): missing frames until the next packet are silence. */
    public void senderPaused() {
        inDtx = true;
    }

    /** Forgets everything (new SSRC); keeps the counters and the learned target delay. */
    public void reset() {
        resets++;
        clear();
    }

    public byte[] payload() { return outPayload; }
    public int payloadLength() { return outLength; }

    public long queued() { return queued; }
    public long late() { return late; }
    public long duplicates() { return duplicates; }
    public long discarded() { return discarded; }
    public long concealed() { return concealed; }
    public long fecRecovered() { return fecRecovered; }
    public long silenceFrames() { return silenceFrames; }
    public long stalls() { return stalls; }
    public long skips() { return skips; }
    public long resets() { return resets; }

    /** The playout delay above the fastest packet's transit at the last pull, in ms. */
    public int delayMillis() {
        return (int) (delay * 1000 / clockRate);
    }

    /** The delay the buffer currently aims for, in ms. */
    public int targetMillis() {
        return (int) (target * 1000 / clockRate);
    }

    @Override
    public String toString() {
        return "JitterBuffer{delay=" + delayMillis() + "ms target=" + targetMillis() + "ms queued=" + queued
                + " late=" + late + " dup=" + duplicates + " discarded=" + discarded + " concealed=" + concealed
                + " fec=" + fecRecovered + " silence=" + silenceFrames + " stalls=" + stalls + " skips=" + skips
                + " resets=" + resets + "}";
    }

    private void observeTransit(long transit, long nowNanos) {
        curMin = Math.min(curMin, transit);
        curMax = Math.max(curMax, transit);
        if (++windowPackets >= WINDOW_PACKETS) {
            prevMin = curMin;
            prevMax = curMax;
            curMin = Long.MAX_VALUE;
            curMax = Long.MIN_VALUE;
            windowPackets = 0;
        }
        long spread = Math.max(curMax, prevMax) - Math.min(curMin, prevMin);
        long wanted = Math.max(minDelay, Math.min(maxDelay, spread + clockRate / 200));
        if (wanted > target) {
            target = wanted;
            lastTargetChange = nowNanos;
        } else if (wanted < target - step / 2 && nowNanos - lastTargetChange >= SHRINK_INTERVAL_NANOS) {
            target = Math.max(wanted, target - step);
            lastTargetChange = nowNanos;
        }
    }

    private void start(long ts) {
        started = true;
        baseTs = ts;
        highestTs = ts;
    }

    private void clear() {
        started = false;
        playing = false;
        playIndex = 0;
        lastPlayedSeq = -1;
        inDtx = false;
        pendingConceal = 0;
        curMin = Long.MAX_VALUE;
        curMax = Long.MIN_VALUE;
        prevMin = Long.MAX_VALUE;
        prevMax = Long.MIN_VALUE;
        windowPackets = 0;
        java.util.Arrays.fill(indexes, Long.MIN_VALUE);
    }

    private long unwrap(int timestamp) {
        long ts = Integer.toUnsignedLong(timestamp);
        long candidate = (highestTs & ~0xFFFFFFFFL) | ts;
        if (candidate - highestTs > 0x80000000L) {
            candidate -= 0x100000000L;
        } else if (highestTs - candidate > 0x80000000L) {
            candidate += 0x100000000L;
        }
        return candidate;
    }

    private long toClock(long nanos) {
        return nanos / 1000 * clockRate / 1_000_000;
    }

    private static int slot(long index) {
        return (int) (index & (SLOTS - 1));
    }
}
