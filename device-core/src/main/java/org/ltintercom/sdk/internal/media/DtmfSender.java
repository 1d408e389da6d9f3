package org.ltintercom.sdk.internal.media;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Sends DTMF digits as RFC 4733 telephone-events in the audio RTP stream.
 *
 * <pre>
 *   sendDtmf(digit) -> queue -> [DtmfSender.next, every 20 ms tick] -> RtpSender (replaces the audio packet) -> network
 * </pre>
 *
 * One event lasts 100 ms: a first packet with the marker bit, updates every 20 ms with the growing
 * duration (all with the event's start timestamp), then the end packet (E bit) three times. Audio
 * is not sent while an event runs; 40 ms of audio separate two digits. Durations count in the
 * negotiated telephone-event clock (48000 with Opus, 8000 with G.711).
 *
 * {@link #enqueue} may be called from any thread; everything else from the media thread.
 */
public final class DtmfSender {
    public static final int TONE_MILLIS = 100;
    private static final int GAP_MILLIS = 40;
    private static final int END_REPEATS = 3;
    private static final int VOLUME = 10; // -10 dBm0

    private final ArrayBlockingQueue<Character> queue = new ArrayBlockingQueue<>(32);
    private final int unitsPerTick;
    private final int toneTicks;
    private int event = -1;
    private int tick;
    private int endsSent;
    private int gapTicks;
    private int startTimestamp;
    private boolean marker;
    private volatile long eventsSent;
    private volatile long packetsSent;

    public DtmfSender(int clockRate) {
        this.unitsPerTick = clockRate / 50;
        this.toneTicks = TONE_MILLIS / 20;
    }

    /**
     * Queues a digit.
     *
     * @return false if the digit is not 0-9, *, #, A-D or 32 digits are already waiting
     */
    public boolean enqueue(char digit) {
        return DtmfDigits.eventOf(digit) >= 0 && queue.offer(Character.toUpperCase(digit));
    }

    /**
     * Called once per 20 ms tick with the timestamp the audio packet of this tick would carry.
     *
     * @return the payload length (4) written to {@code out} if a telephone-event packet replaces the
     *         audio packet this tick, 0 if audio should be sent
     */
    public int next(int audioTimestamp, byte[] out, int offset) {
        if (event < 0) {
            if (gapTicks > 0) {
                gapTicks--;
                return 0;
            }
            Character digit = queue.poll();
            if (digit == null) {
                return 0;
            }
            event = DtmfDigits.eventOf(digit);
            tick = 0;
            endsSent = 0;
            startTimestamp = audioTimestamp;
            eventsSent++;
        }
        tick = Math.min(tick + 1, toneTicks);
        boolean end = tick >= toneTicks;
        marker = tick == 1 && endsSent == 0;
        int duration = tick * unitsPerTick;
        out[offset] = (byte) event;
        out[offset + 1] = (byte) ((end ? 0x80 : 0) | VOLUME);
        out[offset + 2] = (byte) (duration >>> 8);
        out[offset + 3] = (byte) duration;
        if (end && ++endsSent >= END_REPEATS) {
            event = -1;
            gapTicks = GAP_MILLIS / 20;
        }
        packetsSent++;
        return 4;
    }

    /** The RTP timestamp of the event being sent (its start). */
    public int eventTimestamp() {
        return startTimestamp;
    }

    /** True for the first packet of an event. */
    public boolean marker() {
        return marker;
    }

    public boolean busy() {
        return event >= 0 || !queue.isEmpty();
    }

    public long eventsSent() { return eventsSent; }
    public long packetsSent() { return packetsSent; }
}
