package org.ltintercom.app.demo;

import org.ltintercom.hal.audio.WavFiles;
import org.ltintercom.sdk.spi.AudioFrames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** The demo's voices: espeak-ng speech when it is installed, else a syllable-like synthetic signal. */
final class SpeechFiles {

    private SpeechFiles() {
    }

    /** Writes {@code text} spoken to {@code wav}; returns how it was made ("espeak-ng" or "synthetic ..."). */
    static String make(Path wav, String text, double pitchHz, long seed) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "165", "-w", wav.toString(), text)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.size(wav) > 1000) {
                return "espeak-ng";
            }
            p.destroyForcibly();
        } catch (IOException e) {
            // not installed: fall through to the synthetic voice
        }
        WavFiles.write(wav, syllables(pitchHz, seed));
        return "synthetic syllables at " + (int) pitchHz + " Hz (espeak-ng not installed)";
    }

    /** About 3 s of 120-250 ms "syllables" with harmonics and short pauses, like speech's loudness pattern. */
    private static short[] syllables(double pitchHz, long seed) {
        Random random = new Random(seed);
        int rate = AudioFrames.SAMPLE_RATE;
        short[] out = new short[rate * 3];
        int at = rate / 10;
        while (at < out.length - rate / 10) {
            int length = (int) (rate * (0.12 + random.nextDouble() * 0.13));
            double pitch = pitchHz * (0.9 + random.nextDouble() * 0.2);
            for (int i = 0; i < length && at + i < out.length; i++) {
                double envelope = Math.sin(Math.PI * i / length);
                double t = (double) i / rate;
                double s = Math.sin(2 * Math.PI * pitch * t) + 0.5 * Math.sin(4 * Math.PI * pitch * t)
                        + 0.25 * Math.sin(6 * Math.PI * pitch * t);
                out[at + i] = (short) (9000 * envelope * s / 1.75);
            }
            at += length + (int) (rate * (0.04 + random.nextDouble() * (random.nextInt(4) == 0 ? 0.3 : 0.08)));
        }
        return out;
    }
}
