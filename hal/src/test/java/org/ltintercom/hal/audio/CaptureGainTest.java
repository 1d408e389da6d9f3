package org.ltintercom.hal.audio;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioFrames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The microphone gain's arithmetic and its range. */
class CaptureGainTest {

    private static byte[] littleEndian(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return bytes;
    }

    private static short[] extremes() {
        short[] frame = new short[AudioFrames.FRAME_SAMPLES];
        short[] values = {Short.MIN_VALUE, -32767, -12345, -1, 0, 1, 3, 12345, 32766, Short.MAX_VALUE};
        for (int i = 0; i < frame.length; i++) {
            frame[i] = values[i % values.length];
        }
        return frame;
    }

    @Test
    void unityGainPassesEverySampleThroughExactly() {
        short[] frame = extremes();
        short[] copy = frame.clone();
        AudioFormats.applyGain(copy, 1.0);
        assertArrayEquals(frame, copy, "in place");
        short[] fromBytes = new short[frame.length];
        AudioFormats.toSamples(littleEndian(frame), fromBytes, 1.0);
        assertArrayEquals(frame, fromBytes, "from the ALSA line's bytes");
    }

    @Test
    void boostSaturatesAtFullScaleInsteadOfWrappingRound() {
        short[] frame = {10_000, -10_000, 20_000, -20_000, 8191, Short.MIN_VALUE};
        short[] inPlace = frame.clone();
        AudioFormats.applyGain(inPlace, 4.0);
        short[] expected = {Short.MAX_VALUE, Short.MIN_VALUE, Short.MAX_VALUE, Short.MIN_VALUE, 32764, Short.MIN_VALUE};
        assertArrayEquals(expected, inPlace);
        short[] fromBytes = new short[frame.length];
        AudioFormats.toSamples(littleEndian(frame), fromBytes, 4.0);
        assertArrayEquals(expected, fromBytes);
    }

    @Test
    void attenuationRoundsToTheNearestSampleAndZeroMutes() {
        short[] frame = {1000, -1000, 3, 7};
        AudioFormats.applyGain(frame, 0.5);
        assertArrayEquals(new short[] {500, -500, 2, 4}, frame);
        AudioFormats.applyGain(frame, 0.0);
        assertArrayEquals(new short[4], frame);
    }

    @Test
    void gainOutsideZeroToFourIsRefusedNamingTheFieldAndTheOldGainStays() {
        CaptureGains gains = new CaptureGains();
        gains.set(LTAudioRoute.BUILTIN, 2.0);
        for (double bad : new double[] {-0.01, 4.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> gains.set(LTAudioRoute.BUILTIN, bad));
            assertEquals("captureGain: must be between 0.0 and 4.0, was " + bad, e.getMessage());
        }
        assertEquals(2.0, gains.get(LTAudioRoute.BUILTIN));
        assertEquals(1.0, gains.get(LTAudioRoute.SPEAKER), "other routes untouched");
        assertEquals("route: required",
                assertThrows(IllegalArgumentException.class, () -> gains.set(null, 1.0)).getMessage());
    }
}
