package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opus through opus-java-api with both the system libopus and the one bundled in opus-java-natives. */
class OpusCodecTest {
    private static OpusNatives.LoadedOpus system;
    private static OpusNatives.LoadedOpus bundled;

    @BeforeAll
    static void loadBoth() throws Exception {
        system = OpusNatives.processWide(); // auto: system first (Debian libopus0 is a test package)
        bundled = OpusNatives.load(List.of(OpusNatives.Source.BUNDLED), List.of());
    }

    @Test
    void systemLibraryIsFoundBySonameNotByTheBareName() {
        assertEquals(OpusNatives.Source.SYSTEM, system.source());
        assertEquals("libopus.so.0", system.path());
        assertTrue(system.version().startsWith("libopus 1.3"), system.version());
    }

    @Test
    void bundledLibraryIsUnpackedAndLoaded() {
        assertEquals(OpusNatives.Source.BUNDLED, bundled.source());
        assertTrue(bundled.path().endsWith("libopus.so"), bundled.path());
        assertTrue(bundled.version().startsWith("libopus 1.1"), bundled.version());
    }

    @Test
    void withoutASystemLibraryTheBundledOneIsUsed() throws Exception {
        OpusNatives.LoadedOpus fallback = OpusNatives.load(List.of(OpusNatives.Source.SYSTEM, OpusNatives.Source.BUNDLED),
                List.of("/nonexistent/libopus.so.0", "libopus-missing.so.0"));
        assertEquals(OpusNatives.Source.BUNDLED, fallback.source());
        OpusNatives.OpusUnavailableException e = assertThrows(OpusNatives.OpusUnavailableException.class,
                () -> OpusNatives.load(List.of(OpusNatives.Source.SYSTEM), List.of("/nonexistent/libopus.so.0")));
        assertTrue(e.getMessage().contains("/nonexistent/libopus.so.0"), e.getMessage());
    }

    @Test
    void encoderRunsAtTheComplexityChosenForAPi() {
        for (OpusNatives.LoadedOpus opus : List.of(system, bundled)) {
            try (OpusEncoder enc = new OpusEncoder(opus)) {
                assertEquals(7, enc.complexity(), opus.source() + " libopus");
            }
        }
    }

    /** Encodes 50 frames of a tone and decodes them; returns the decoded audio. */
    private static short[] roundTrip(OpusNatives.LoadedOpus opus, double hz) {
        short[] decoded = new short[960 * 50];
        short[] frame = new short[960];
        byte[] packet = new byte[1500];
        try (OpusEncoder enc = new OpusEncoder(opus); OpusDecoder dec = new OpusDecoder(opus)) {
            for (int f = 0; f < 50; f++) {
                Tones.sine(frame, 960, hz, 48_000, 960L * f, 8_000);
                int n = enc.encode(frame, packet, 0);
                assertTrue(n > 2, "frame " + f + " is " + n + " bytes");
                assertEquals(960, dec.decode(packet, 0, n, frame));
                System.arraycopy(frame, 0, decoded, 960 * f, 960);
            }
        }
        return decoded;
    }

    @Test
    void aToneKeepsItsFrequencyThroughTheSystemLibrary() {
        short[] out = roundTrip(system, 440);
        assertEquals(440.0, Tones.dominant(out, 960 * 10, 960 * 40, 48_000, 300, 440, 600, 1000));
        assertTrue(Tones.amplitudeAt(out, 960 * 10, 960 * 40, 440, 48_000) > 4_000);
    }

    @Test
    void aToneKeepsItsFrequencyThroughTheBundledLibrary() {
        short[] out = roundTrip(bundled, 1000);
        assertEquals(1000.0, Tones.dominant(out, 960 * 10, 960 * 40, 48_000, 440, 800, 1000, 1200));
        assertTrue(Tones.amplitudeAt(out, 960 * 10, 960 * 40, 1000, 48_000) > 4_000);
    }

    @Test
    void fecRebuildsADroppedPacketBetterThanConcealment() {
        short[] frame = new short[960];
        byte[][] packets = new byte[30][];
        try (OpusEncoder enc = new OpusEncoder(system)) {
            enc.setPacketLossPercent(20);
            byte[] buf = new byte[1500];
            for (int f = 0; f < 30; f++) {
                // a voice-like signal: 300 Hz with a slow vibrato
                for (int i = 0; i < 960; i++) {
                    long t = 960L * f + i;
                    frame[i] = (short) (8000 * Math.sin(2 * Math.PI * 300 * t / 48_000 + 3 * Math.sin(2 * Math.PI * 3 * t / 48_000)));
                }
                int n = enc.encode(frame, buf, 0);
                packets[f] = java.util.Arrays.copyOf(buf, n);
            }
        }
        short[] reference = decodeWithLoss(packets, -1, false);
        short[] withFec = decodeWithLoss(packets, 20, true);
        short[] withPlc = decodeWithLoss(packets, 20, false);
        double fecError = error(reference, withFec);
        double plcError = error(reference, withPlc);
        assertTrue(Tones.rms(withFec, 0, 960) > 1_000, "FEC frame has audio");
        assertTrue(fecError < plcError, "FEC error " + fecError + " vs PLC " + plcError);
    }

    /** Decodes all packets, dropping {@code lost}; returns the frame at the lost position. */
    private static short[] decodeWithLoss(byte[][] packets, int lost, boolean fec) {
        short[] out = new short[960];
        short[] keep = new short[960];
        try (OpusDecoder dec = new OpusDecoder(system)) {
            for (int f = 0; f < packets.length; f++) {
                if (f == lost) {
                    if (fec) {
                        dec.decodeFec(packets[f + 1], 0, packets[f + 1].length, out);
                    } else {
                        dec.conceal(out);
                    }
                } else {
                    dec.decode(packets[f], 0, packets[f].length, out);
                }
                if (f == 20) {
                    System.arraycopy(out, 0, keep, 0, 960);
                }
            }
        }
        return keep;
    }

    private static double error(short[] a, short[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum / a.length);
    }

    @Test
    void silenceBecomesDtxAndOnlyTheFirstDtxFrameIsSent() {
        short[] silence = new short[960];
        byte[] out = new byte[1500];
        int sent = 0;
        int tiny = 0;
        try (OpusEncoder enc = new OpusEncoder(system)) {
            for (int f = 0; f < 100; f++) {
                int n = enc.encode(silence, out, 0);
                if (n > 0) {
                    sent++;
                }
                if (n > 0 && n <= 2) {
                    tiny++;
                }
            }
        }
        assertTrue(sent < 30, "sent " + sent + " of 100 silent frames");
        assertTrue(tiny >= 1, "the start of DTX is announced");
    }

    @Test
    void closingTwiceFreesNativeStateOnceAndUseAfterCloseFails() {
        OpusEncoder enc = new OpusEncoder(bundled);
        OpusDecoder dec = new OpusDecoder(bundled);
        enc.close();
        enc.close();
        dec.close();
        dec.close();
        assertTrue(enc.isClosed());
        assertTrue(dec.isClosed());
        assertThrows(IllegalStateException.class, () -> enc.encode(new short[960], new byte[1500], 0));
        assertThrows(IllegalStateException.class, () -> dec.conceal(new short[960]));
        assertFalse(OpusNatives.isProcessWide(bundled));
    }

    /**
     * The FEC loss hint: 5 % at a call's start, up at once to what the peer reports (at most 30 %),
     * halved by each report of less loss, so a clean link sheds FEC's cost after three reports.
     */
    @Test
    void theFecLossHintRisesAtOnceAndHalvesPerCleanReport() {
        try (OpusEncoder enc = new OpusEncoder(system)) {
            assertEquals(OpusEncoder.INITIAL_LOSS_PERCENT, enc.packetLossPercent());
            List<Integer> hints = new java.util.ArrayList<>();
            for (int reported : new int[] {0, 0, 0, 0, 8, 0, 3, 50, -1}) {
                enc.setPacketLossPercent(reported);
                hints.add(enc.packetLossPercent());
            }
            assertEquals(List.of(2, 1, 0, 0, 8, 4, 3, 30, 15), hints);
        }
    }

    /** The hint reaches libopus, down to 0 (no FEC data) on a clean link. */
    @Test
    void libopusGetsTheHint() {
        try (OpusEncoder enc = new OpusEncoder(system)) {
            assertEquals(OpusEncoder.INITIAL_LOSS_PERCENT, enc.libopusLossHint());
            enc.setPacketLossPercent(12);
            assertEquals(12, enc.libopusLossHint());
            for (int i = 0; i < 4; i++) {
                enc.setPacketLossPercent(0);
            }
            assertEquals(0, enc.libopusLossHint());
        }
    }

    /**
     * Speech is coded in SILK or hybrid mode, which in-band FEC needs (LBRR data exists only in
     * SILK frames): were it CELT, a lossy call would lose its FEC. libopus decides the mode itself
     * (the encoder sets no signal type); at 24 kbit/s speech comes out hybrid.
     */
    @Test
    void speechIsCodedWithSilkSoInBandFecCoversIt() throws Exception {
        short[] speech = SpeechSignals.speech("en-us", SpeechSignals.VISITOR, 10 * 48_000, 3_000);
        short[] frame = new short[960];
        byte[] out = new byte[1500];
        int voiced = 0;
        int silkOrHybrid = 0;
        try (OpusEncoder enc = new OpusEncoder(system)) {
            enc.setPacketLossPercent(10);
            for (int f = 0; f + 1 <= speech.length / 960; f++) {
                System.arraycopy(speech, 960 * f, frame, 0, 960);
                int n = enc.encode(frame, out, 0);
                if (n > 2) {
                    voiced++;
                    int config = (out[0] >> 3) & 0x1F; // RFC 6716 TOC: 0-11 SILK, 12-15 hybrid, 16-31 CELT
                    if (config < 16) {
                        silkOrHybrid++;
                    }
                }
            }
        }
        assertTrue(voiced > 300, voiced + " of 500 frames carried sound");
        assertTrue(silkOrHybrid >= voiced * 95 / 100, silkOrHybrid + " of " + voiced + " speech frames SILK or hybrid");
    }

    /**
     * A steady tone (a chime, ringback, hold music) is sound, not background noise: DTX never cuts
     * it, not after 10 s either. And on a clean link (FEC loss hint 0) it is coded in CELT,
     * libopus's music mode, because the encoder does not force the voice signal type: forced, SILK
     * codes it at 2.5 times the CPU. While the hint is above 0, libopus keeps SILK for its FEC.
     */
    @Test
    void aSteadyToneIsNeverTakenForSilenceAndIsCodedAsMusic() {
        short[] frame = new short[960];
        byte[] out = new byte[1500];
        int celt = 0;
        try (OpusEncoder enc = new OpusEncoder(system)) {
            for (int report = 0; report < 3; report++) {
                enc.setPacketLossPercent(0); // three clean RTCP reports: 5, 2, 1, 0 %
            }
            assertEquals(0, enc.libopusLossHint());
            for (int f = 0; f < 500; f++) {
                Tones.sine(frame, 960, 440, 48_000, 960L * f, 8_000);
                int n = enc.encode(frame, out, 0);
                assertTrue(n > 2, "frame " + f + " of a 440 Hz tone is " + n + " bytes");
                if (((out[0] >> 3) & 0x1F) >= 16) {
                    celt++;
                }
            }
        }
        assertTrue(celt >= 450, celt + " of 500 tone frames in CELT");
    }
}
