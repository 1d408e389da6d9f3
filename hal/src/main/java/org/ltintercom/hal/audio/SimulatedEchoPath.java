package org.ltintercom.hal.audio;

import org.ltintercom.sdk.spi.AudioFrames;

/**
 * The speaker-to-microphone coupling of one simulated route, as in a door station's box: sample
 * {@code i} played since the route's playback opened reaches the microphone at capture sample
 * {@code i + delay}, scaled by the level. Playback may run up to one second ahead of capture; echo
 * that the microphone would already have passed (playback late) is lost, as in a real device.
 */
final class SimulatedEchoPath {
    static final int MIN_DELAY_MILLIS = AudioFrames.FRAME_MILLIS;
    static final int MAX_DELAY_MILLIS = 1_000;
    static final double MIN_LEVEL_DB = -60;
    static final double MAX_LEVEL_DB = 6;
    private static final int PER_MS = AudioFrames.SAMPLE_RATE / 1000;

    private final int delayMillis;
    private final double levelDb;
    private final int delaySamples;
    private final double gain;
    private final float[] ring;
    private long written;
    private long read;

    /**
     * @param delayMillis 20..1000: at least one frame, because a microphone frame read before a speaker
     *                    frame is written cannot hold its echo
     * @param levelDb     -60..+6 dB relative to what is played (e.g. -6: loud coupling)
     */
    SimulatedEchoPath(int delayMillis, double levelDb) {
        if (delayMillis < MIN_DELAY_MILLIS || delayMillis > MAX_DELAY_MILLIS) {
            throw new IllegalArgumentException("delayMillis: need " + MIN_DELAY_MILLIS + ".." + MAX_DELAY_MILLIS
                    + " (at least one frame), was " + delayMillis);
        }
        if (!(levelDb >= MIN_LEVEL_DB && levelDb <= MAX_LEVEL_DB)) {
            throw new IllegalArgumentException("levelDb: need " + MIN_LEVEL_DB + ".." + MAX_LEVEL_DB + ", was " + levelDb);
        }
        this.delayMillis = delayMillis;
        this.levelDb = levelDb;
        this.delaySamples = delayMillis * PER_MS;
        this.gain = Math.pow(10, levelDb / 20);
        this.ring = new float[delaySamples + AudioFrames.SAMPLE_RATE];
    }

    int delayMillis() {
        return delayMillis;
    }

    double levelDb() {
        return levelDb;
    }

    /** Starts both timelines at zero (the route's playback opened). */
    synchronized void restart() {
        java.util.Arrays.fill(ring, 0);
        written = 0;
        read = 0;
    }

    /** A frame handed to the speaker. */
    synchronized void played(short[] frame) {
        for (int i = 0; i < frame.length; i++) {
            long target = written + i + delaySamples;
            if (target >= read && target < read + ring.length) {
                ring[(int) (target % ring.length)] = (float) (frame[i] * gain);
            }
        }
        written += frame.length;
    }

    /** Adds the echo due in the next microphone frame to {@code frame} (saturating). */
    synchronized void addTo(short[] frame) {
        for (int i = 0; i < frame.length; i++) {
            int slot = (int) ((read + i) % ring.length);
            long v = Math.round(frame[i] + ring[slot]);
            ring[slot] = 0;
            frame[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
        read += frame.length;
    }
}
