package org.ltintercom.sdk.internal.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Real speech for the echo tests, synthesised by {@code espeak-ng} (Debian package espeak-ng, in
 * scripts/test-packages.txt) into a temp dir and resampled to 48 kHz. A missing espeak-ng fails the test.
 */
public final class SpeechSignals {
    public static final String VISITOR = "Hello, this is the parcel service. I have a delivery for apartment twelve. "
            + "Could you please open the door for me? It is quite heavy, so I will bring it up to the second floor.";
    public static final String RESIDENT = "Guten Tag. Ich komme sofort nach unten. Bitte warten Sie einen Moment an der Tuer. "
            + "Stellen Sie das Paket einfach neben den Briefkasten, vielen Dank.";
    private static final Map<String, short[]> CACHE = new ConcurrentHashMap<>();

    private SpeechSignals() {
    }

    /** {@code text} spoken in {@code voice}, repeated to {@code samples} at 48 kHz, scaled to {@code rms} over active speech. */
    public static short[] speech(String voice, String text, int samples, double rms) throws IOException, InterruptedException {
        short[] base = CACHE.get(voice + "|" + text);
        if (base == null) {
            base = synthesise(voice, text);
            CACHE.put(voice + "|" + text, base);
        }
        short[] out = new short[samples];
        double scale = rms / activeRms(base);
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(base[i % base.length] * scale)));
        }
        return out;
    }

    /** Samples (48 kHz) of {@code text} spoken once in {@code voice}. */
    static int synthesisedLength(String voice, String text) throws IOException, InterruptedException {
        short[] base = CACHE.get(voice + "|" + text);
        if (base == null) {
            base = synthesise(voice, text);
            CACHE.put(voice + "|" + text, base);
        }
        return base.length;
    }

    /** RMS over 20 ms frames that carry speech (louder than 1 % of the loudest). */
    static double activeRms(short[] s) {
        double max = 0;
        for (int f = 0; f + 960 <= s.length; f += 960) {
            max = Math.max(max, Tones.rms(s, f, 960));
        }
        double sum = 0;
        int n = 0;
        for (int f = 0; f + 960 <= s.length; f += 960) {
            double r = Tones.rms(s, f, 960);
            if (r > max * 0.01) {
                sum += r * r;
                n++;
            }
        }
        return Math.sqrt(sum / Math.max(1, n));
    }

    private static short[] synthesise(String voice, String text) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lt-speech");
        Path wav = dir.resolve("speech.wav");
        try {
            Process p = new ProcessBuilder("espeak-ng", "-v", voice, "-s", "150", "-w", wav.toString(), text)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("espeak-ng failed for voice " + voice);
            }
            return toMono48k(Files.readAllBytes(wav));
        } finally {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(dir);
        }
    }

    /** Parses a 16-bit mono PCM WAV and resamples it linearly to 48 kHz. */
    static short[] toMono48k(byte[] file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (!new String(file, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
            throw new IOException("not a WAV file");
        }
        int rate = 0;
        int pos = 12;
        while (pos + 8 <= file.length) {
            String id = new String(file, pos, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                rate = b.getInt(pos + 12);
            } else if (id.equals("data")) {
                int n = Math.min(size, file.length - pos - 8) / 2;
                short[] in = new short[n];
                for (int i = 0; i < n; i++) {
                    in[i] = b.getShort(pos + 8 + 2 * i);
                }
                return resample(in, rate);
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException("WAV without data chunk");
    }

    private static short[] resample(short[] in, int rate) {
        int n = (int) ((long) in.length * 48_000 / rate);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            double x = (double) i * rate / 48_000;
            int j = (int) x;
            double frac = x - j;
            double a = in[Math.min(j, in.length - 1)];
            double c = in[Math.min(j + 1, in.length - 1)];
            out[i] = (short) Math.round(a + (c - a) * frac);
        }
        return out;
    }
}
