package org.ltintercom.hal.audio;

import org.ltintercom.sdk.spi.AudioFrames;

/** Power of one frequency in a block of samples, to check generated tones without a reference file. */
final class Goertzel {

    private Goertzel() {
    }

    static double power(short[] samples, double freq) {
        double coeff = 2 * Math.cos(2 * Math.PI * freq / AudioFrames.SAMPLE_RATE);
        double s1 = 0;
        double s2 = 0;
        for (short sample : samples) {
            double s0 = sample + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / samples.length;
    }

    static boolean silent(short[] samples) {
        for (short s : samples) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }
}
