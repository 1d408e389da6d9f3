package org.ltintercom.sdk.internal.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * 16-bit PCM WAV files for the tests that hand audio to and take it from real peers (baresip's
 * aufile source and sndfile recorder).
 *
 * @param rate    samples per second
 * @param samples the first channel only
 */
public record Wav(int rate, short[] samples) {

    /** Writes {@code samples} as a mono S16LE WAV at {@code rate}. */
    public static void write(Path file, short[] samples, int rate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples.length)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples.length);
        for (short s : samples) {
            b.putShort(s);
        }
        Files.write(file, b.array());
    }

    /**
     * True once a recorder has closed {@code file}: the RIFF size in its header, written when the
     * recorder closes it, matches the file's length.
     */
    public static boolean isComplete(Path file) {
        try {
            byte[] head = new byte[8];
            long length;
            try (var in = Files.newInputStream(file)) {
                if (in.readNBytes(head, 0, 8) < 8) {
                    return false;
                }
                length = Files.size(file);
            }
            long riff = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(4) & 0xFFFFFFFFL;
            return length > 44 && riff + 8 == length;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads a 16-bit PCM WAV, keeping channel 0. A data chunk whose size field was never filled in
     * (a recorder still writing, or killed) is read to the end of the file.
     */
    public static Wav read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
            throw new IOException(file + ": not a WAV file");
        }
        int rate = 0;
        int channels = 0;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("fmt ")) {
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                if (b.getShort(pos + 22) != 16) {
                    throw new IOException(file + ": only 16-bit PCM is read, bits per sample " + b.getShort(pos + 22));
                }
            } else if (id.equals("data")) {
                if (channels < 1) {
                    throw new IOException(file + ": data chunk before fmt chunk");
                }
                int available = bytes.length - pos - 8;
                int bytesOfData = size <= 0 || size > available ? available : size;
                int n = bytesOfData / (2 * channels);
                short[] out = new short[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(pos + 8 + 2 * channels * i);
                }
                return new Wav(rate, out);
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException(file + ": WAV without data chunk");
    }
}
