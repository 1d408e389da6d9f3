package org.ltintercom.hal.audio;

import org.ltintercom.sdk.spi.AudioFrames;

/**
 * Renders a {@link Tone} frame by frame in the SPI format, keeping phase across frames so
 * there are no clicks, with a 5 ms fade at each segment edge.
 */
public final class ToneGenerator {

    private static final double AMPLITUDE = 0.3 * Short.MAX_VALUE;
    private static final int FADE_SAMPLES = AudioFrames.SAMPLE_RATE / 200;

    private final Tone tone;
    private int segment;
    private int sampleInSegment;
    private boolean finished;
    private final double[] phase = new double[2];

    public ToneGenerator(Tone tone) {
        this.tone = tone;
    }

    /** True once a non-repeating tone has been fully rendered. */
    public boolean finished() {
        return finished;
    }

    /** Fills {@code frame} with the next 20 ms; silence after a non-repeating tone ends. */
    public void next(short[] frame) {
        for (int i = 0; i < frame.length; i++) {
            frame[i] = finished ? 0 : sample();
        }
    }

    private short sample() {
        Tone.Segment seg = tone.segments().get(segment);
        int length = seg.millis() * AudioFrames.SAMPLE_RATE / 1000;
        double value = 0;
        for (int f = 0; f < seg.freqs().length && f < 2; f++) {
            value += Math.sin(phase[f]);
            phase[f] += 2 * Math.PI * seg.freqs()[f] / AudioFrames.SAMPLE_RATE;
            if (phase[f] > 2 * Math.PI) {
                phase[f] -= 2 * Math.PI;
            }
        }
        if (seg.freqs().length > 0) {
            value /= seg.freqs().length;
        }
        int edge = Math.min(sampleInSegment, length - 1 - sampleInSegment);
        double fade = edge < FADE_SAMPLES ? (double) edge / FADE_SAMPLES : 1.0;
        short out = (short) Math.round(value * AMPLITUDE * fade);
        if (++sampleInSegment >= length) {
            sampleInSegment = 0;
            segment++;
            if (segment >= tone.segments().size()) {
                segment = 0;
                finished = !tone.repeat();
            }
        }
        return out;
    }
}
