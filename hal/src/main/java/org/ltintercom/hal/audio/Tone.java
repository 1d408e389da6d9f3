package org.ltintercom.hal.audio;

import java.util.List;

/**
 * A call-progress tone as segments of one or two sine frequencies (or silence), optionally
 * repeating. Values follow ETSI ES 201 970 where a standard exists (425 Hz ringback) and the
 * ITU DTMF grid.
 */
public record Tone(String name, List<Segment> segments, boolean repeat) {

    /** {@code freqs} empty = silence. */
    public record Segment(double[] freqs, int millis) {
    }

    /** Incoming call on the indoor unit / door station speaker: a two-note "ding-dong", every 3 s. */
    public static final Tone RINGTONE = new Tone("ringtone", List.of(
            seg(400, 660.0), seg(600, 550.0), seg(2000)), true);
    /** Calling out, heard while the callee rings: 425 Hz, 1 s on, 4 s off. */
    public static final Tone RINGBACK = new Tone("ringback", List.of(seg(1000, 425.0), seg(4000)), true);
    /** Something failed (call refused, no microphone): three falling notes, once. */
    public static final Tone ERROR_CHIME = new Tone("error", List.of(
            seg(150, 880.0), seg(50), seg(150, 660.0), seg(50), seg(300, 440.0)), false);

    private static final String DTMF_KEYS = "123A456B789C*0#D";
    private static final double[] DTMF_LOW = {697, 770, 852, 941};
    private static final double[] DTMF_HIGH = {1209, 1336, 1477, 1633};

    /** One DTMF key: its two frequencies for 100 ms, then 50 ms silence. */
    public static Tone dtmf(char key) {
        int index = DTMF_KEYS.indexOf(Character.toUpperCase(key));
        if (index < 0) {
            throw new IllegalArgumentException("key: not a DTMF key (0-9 * # A-D): " + key);
        }
        return new Tone("dtmf-" + key, List.of(seg(100, DTMF_LOW[index / 4], DTMF_HIGH[index % 4]), seg(50)), false);
    }

    /** Total length of one pass, in ms. */
    public int cycleMillis() {
        return segments.stream().mapToInt(Segment::millis).sum();
    }

    private static Segment seg(int millis, double... freqs) {
        return new Segment(freqs, millis);
    }
}
