package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {

    private static short[] downsample(double hz) {
        Resampler down = Resampler.down48to8();
        short[] frame = new short[960];
        short[] out = new short[160 * 25];
        short[] narrow = new short[160];
        for (int f = 0; f < 25; f++) {
            Tones.sine(frame, 960, hz, 48_000, 960L * f, 10_000);
            down.process(frame, 960, narrow);
            System.arraycopy(narrow, 0, out, 160 * f, 160);
        }
        return out;
    }

    @Test
    void oneKilohertzSurvivesDownsampling() {
        short[] out = downsample(1_000);
        double amp = Tones.amplitudeAt(out, 800, 3200, 1_000, 8_000);
        assertTrue(amp > 9_000 && amp < 11_000, "1 kHz amplitude " + amp);
    }

    @Test
    void sixKilohertzIsFilteredInsteadOfAliasingToTwoKilohertz() {
        short[] out = downsample(6_000);
        double alias = Tones.amplitudeAt(out, 800, 3200, 2_000, 8_000);
        double rms = Tones.rms(out, 800, 3200);
        // sample dropping would give a 2 kHz alias of amplitude 10000; demand better than -60 dB
        assertTrue(alias < 10, "2 kHz alias amplitude " + alias);
        assertTrue(rms < 10, "residual rms " + rms);
    }

    @Test
    void upsamplingKeepsTheToneAndSuppressesImages() {
        Resampler up = Resampler.up8to48();
        short[] narrow = new short[160];
        short[] wide = new short[960 * 25];
        short[] frame = new short[960];
        for (int f = 0; f < 25; f++) {
            Tones.sine(narrow, 160, 1_000, 8_000, 160L * f, 10_000);
            up.process(narrow, 160, frame);
            System.arraycopy(frame, 0, wide, 960 * f, 960);
        }
        double tone = Tones.amplitudeAt(wide, 4800, 19200, 1_000, 48_000);
        double image = Tones.amplitudeAt(wide, 4800, 19200, 7_000, 48_000);
        assertTrue(tone > 9_000 && tone < 11_000, "1 kHz amplitude " + tone);
        assertTrue(image < 10, "7 kHz image amplitude " + image);
    }
}
