package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DtmfTest {

    private record Sent(int ts, boolean marker, int event, boolean end, int duration) {
    }

    private static List<Sent> sendAll(DtmfSender sender, int ticks, int step) {
        List<Sent> sent = new ArrayList<>();
        byte[] out = new byte[4];
        int ts = 1_000;
        for (int i = 0; i < ticks; i++, ts += step) {
            if (sender.next(ts, out, 0) == 4) {
                sent.add(new Sent(sender.eventTimestamp(), sender.marker(), out[0], (out[1] & 0x80) != 0,
                        ((out[2] & 0xFF) << 8) | (out[3] & 0xFF)));
            }
        }
        return sent;
    }

    @Test
    void oneDigitIsFourUpdatesAndThreeEndPacketsAtTheOpusClock() {
        DtmfSender sender = new DtmfSender(48_000);
        assertTrue(sender.enqueue('5'));
        List<Sent> sent = sendAll(sender, 20, 960);
        assertEquals(7, sent.size());
        assertTrue(sent.get(0).marker());
        assertTrue(sent.stream().skip(1).noneMatch(Sent::marker));
        assertTrue(sent.stream().allMatch(s -> s.ts() == 1_000 && s.event() == 5));
        assertEquals(List.of(960, 1920, 2880, 3840, 4800, 4800, 4800), sent.stream().map(Sent::duration).toList());
        assertEquals(3, sent.stream().filter(Sent::end).count());
        assertFalse(sender.busy());
    }

    @Test
    void durationsCountInTheG711Clock() {
        DtmfSender sender = new DtmfSender(8_000);
        sender.enqueue('#');
        List<Sent> sent = sendAll(sender, 20, 160);
        assertEquals(800, sent.get(sent.size() - 1).duration());
        assertEquals(11, sent.get(0).event());
    }

    @Test
    void digitsAreSeparatedAndEachStartsAtItsOwnTimestamp() {
        DtmfSender sender = new DtmfSender(8_000);
        sender.enqueue('1');
        sender.enqueue('2');
        List<Sent> sent = sendAll(sender, 40, 160);
        assertEquals(14, sent.size());
        assertTrue(sent.get(7).marker());
        assertTrue(sent.get(7).ts() > sent.get(0).ts() + 7 * 160);
    }

    @Test
    void invalidDigitsAreRefused() {
        DtmfSender sender = new DtmfSender(8_000);
        assertFalse(sender.enqueue('x'));
        assertTrue(sender.enqueue('d'));
        assertThrows(IllegalArgumentException.class, () -> new ToneGenerator().start('x', 100));
    }

    @Test
    void receiverReportsEachDigitOnceDespiteUpdatesAndRepeatedEnds() {
        DtmfSender sender = new DtmfSender(48_000);
        DtmfReceiver receiver = new DtmfReceiver();
        for (char c : "19*#".toCharArray()) {
            sender.enqueue(c);
        }
        StringBuilder digits = new StringBuilder();
        byte[] out = new byte[4];
        int ts = 0;
        for (int i = 0; i < 100; i++, ts += 960) {
            if (sender.next(ts, out, 0) == 4) {
                char d = receiver.onPacket(sender.eventTimestamp(), out, 0, 4);
                if (d != 0) {
                    digits.append(d);
                }
            }
        }
        assertEquals("19*#", digits.toString());
        assertEquals(28, receiver.packets());
        assertEquals(0, receiver.onPacket(0, out, 0, 3));
        assertEquals(1, receiver.malformed());
    }

    @Test
    void onlyTheEndPacketArrivingStillReportsTheDigit() {
        DtmfReceiver receiver = new DtmfReceiver();
        byte[] end = {7, (byte) 0x8A, 0x12, (byte) 0xC0};
        assertEquals('7', receiver.onPacket(5000, end, 0, 4));
        assertEquals(0, receiver.onPacket(5000, end, 0, 4));
        assertEquals(0, receiver.onPacket(5000, end, 0, 4));
        assertEquals('7', receiver.onPacket(9000, end, 0, 4)); // same key pressed again
    }

    @Test
    void localToneHasBothFrequenciesOfTheDigit() {
        ToneGenerator tones = new ToneGenerator();
        tones.start('6', 100); // 770 Hz + 1477 Hz
        short[] all = new short[960 * 5];
        short[] frame = new short[960];
        for (int f = 0; f < 5; f++) {
            java.util.Arrays.fill(frame, (short) 0);
            assertTrue(tones.mixInto(frame));
            System.arraycopy(frame, 0, all, 960 * f, 960);
        }
        java.util.Arrays.fill(frame, (short) 0);
        assertFalse(tones.mixInto(frame));
        assertEquals(0, Tones.rms(frame, 0, 960));
        double low = Tones.amplitudeAt(all, 0, all.length, 770, 48_000);
        double high = Tones.amplitudeAt(all, 0, all.length, 1477, 48_000);
        double other = Tones.amplitudeAt(all, 0, all.length, 1209, 48_000);
        assertTrue(low > 5_000 && high > 5_000, low + " / " + high);
        assertTrue(other < 500, "1209 Hz " + other);
    }
}
