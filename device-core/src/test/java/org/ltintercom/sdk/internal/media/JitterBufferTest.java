package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scenarios on a simulated clock: packets arrive at given times, the player pulls every 20 ms. */
class JitterBufferTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000 * MS;
    private static final int STEP = 960;

    private final JitterBuffer jb = new JitterBuffer(48_000, STEP, 40, 400, true);

    /** One packet: sequence, timestamp, payload size, arrival time. */
    private record Packet(int seq, int ts, int size, boolean marker, long arrival) {
    }

    private static Packet sent(int seq, int base, long jitterMs) {
        return new Packet(seq, base + seq * STEP, 60, false, T0 + seq * 20 * MS + jitterMs * MS);
    }

    /** Played frame: kind and, for PACKET/FEC, the sequence number stored in its first payload byte. */
    private record Played(JitterBuffer.Kind kind, int seq) {
    }

    /** Runs from T0 until {@code until}, or until the last packet has been played. */
    private List<Played> run(List<Packet> packets, long until) {
        return runFrom(packets, T0, until);
    }

    private static List<Integer> playedSeqs(List<Played> played) {
        return played.stream().filter(p -> p.kind() == JitterBuffer.Kind.PACKET).map(Played::seq).toList();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void reorderedPacketsArePlayedInOrder() {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            packets.add(sent(i, 1000, i == 5 ? 15 : 0)); // 5 arrives after 6
        }
        List<Played> played = run(packets, T0 + 1100 * MS);
        assertEquals(range(0, 50), playedSeqs(played));
        assertEquals(0, jb.concealed());
        assertEquals(0, jb.late());
    }

    @Test
    void aPacketLaterThanItsPlayoutIsDroppedAndTheBufferGrows() {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            packets.add(sent(i, 1000, i == 20 ? 150 : 0));
        }
        List<Played> played = run(packets, T0 + 2200 * MS);
        assertEquals(1, jb.late());
        assertTrue(jb.targetMillis() >= 150, "target " + jb.targetMillis());
        assertTrue(jb.stalls() > 0, "the buffer grew by stalling");
        assertTrue(playedSeqs(played).containsAll(range(21, 100)));
    }

    @Test
    void aSingleLossIsRebuiltFromTheNextPacketsFec() {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            if (i != 10) {
                packets.add(sent(i, 1000, 0));
            }
        }
        List<Played> played = run(packets, T0 + 1100 * MS);
        int at = played.indexOf(new Played(JitterBuffer.Kind.PACKET, 9)) + 1;
        assertEquals(new Played(JitterBuffer.Kind.FEC, 11), played.get(at));
        assertEquals(new Played(JitterBuffer.Kind.PACKET, 11), played.get(at + 1));
        assertEquals(1, jb.fecRecovered());
        assertEquals(0, jb.concealed());
    }

    @Test
    void twoLostPacketsAreConcealedThenRebuilt() {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            if (i != 10 && i != 11) {
                packets.add(sent(i, 1000, 0));
            }
        }
        List<Played> played = run(packets, T0 + 1100 * MS);
        int at = played.indexOf(new Played(JitterBuffer.Kind.PACKET, 9)) + 1;
        assertEquals(JitterBuffer.Kind.CONCEAL, played.get(at).kind());
        assertEquals(new Played(JitterBuffer.Kind.FEC, 12), played.get(at + 1));
        assertEquals(1, jb.concealed());
        assertEquals(1, jb.fecRecovered());
    }

    @Test
    void dtxSilenceIsNotCountedAsLoss() {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            packets.add(new Packet(i, 1000 + i * STEP, i == 9 ? 1 : 60, false, T0 + i * 20 * MS));
        }
        // 20 frames of silence, then the talkspurt resumes: next sequence number, timestamp jumped, marker
        for (int i = 10; i < 30; i++) {
            packets.add(new Packet(i, 1000 + (i + 20) * STEP, 60, i == 10, T0 + (i + 20) * 20 * MS));
        }
        List<Played> played = run(packets, T0 + 1200 * MS);
        assertEquals(range(0, 30), playedSeqs(played));
        assertTrue(jb.silenceFrames() >= 19, "silence " + jb.silenceFrames());
        assertEquals(0, jb.concealed());
    }

    @Test
    void excessDelayIsTrimmedAtOnceWhenTheSenderFallsSilent() {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            packets.add(sent(i, 1000, 30)); // the first packets took 30 ms longer: the buffer starts 30 ms too deep
        }
        packets.add(new Packet(30, 1000 + 30 * STEP, 1, false, T0 + 30 * 20 * MS)); // DTX frame, on time
        for (int i = 31; i < 61; i++) { // 50 frames of silence, then the talkspurt resumes on time
            packets.add(new Packet(i, 1000 + (i + 50) * STEP, 60, i == 31, T0 + (i + 50) * 20 * MS));
        }
        List<Played> played = run(packets, T0 + 3000 * MS);
        List<Integer> voice = range(0, 30);
        voice.addAll(range(31, 61));
        assertEquals(voice, playedSeqs(played).stream().filter(seq -> seq != 30).toList());
        assertEquals(0, jb.concealed());
        assertEquals(0, jb.stalls());
        assertTrue(jb.skips() >= 1, "skips " + jb.skips());
        assertTrue(jb.delayMillis() < jb.targetMillis() + 22,
                "delay " + jb.delayMillis() + " ms vs target " + jb.targetMillis() + " ms");
    }

    @Test
    void excessDelayWhileTalkingIsTrimmedOneFrameAtATime() {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            packets.add(sent(i, 1000, i < 50 ? 60 : 0)); // 60 ms too deep after the first second
        }
        List<Played> played = run(packets, T0 + 7000 * MS);
        assertEquals(0, jb.concealed());
        assertEquals(0, jb.stalls());
        assertTrue(jb.skips() >= 2 && jb.skips() <= 3, "skips " + jb.skips());
        assertTrue(jb.delayMillis() < jb.targetMillis() + 22,
                "delay " + jb.delayMillis() + " ms vs target " + jb.targetMillis() + " ms");
        List<Integer> seqs = playedSeqs(played);
        for (int i = 1; i < seqs.size(); i++) {
            assertTrue(seqs.get(i) > seqs.get(i - 1), "out of order at " + i);
            assertTrue(seqs.get(i) - seqs.get(i - 1) <= 2, "more than one frame cut at once at " + seqs.get(i));
        }
    }

    @Test
    void aSilenceGapWithoutDtxFrameIsReclassifiedWhenTheMarkerArrives() {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            packets.add(sent(i, 1000, 0));
        }
        for (int i = 10; i < 30; i++) {
            packets.add(new Packet(i, 1000 + (i + 20) * STEP, 60, i == 10, T0 + (i + 20) * 20 * MS));
        }
        run(packets, T0 + 1200 * MS);
        assertEquals(0, jb.concealed());
        assertTrue(jb.silenceFrames() >= 19);
    }

    @Test
    void timestampWrapDoesNotDisturbPlayout() {
        List<Packet> packets = new ArrayList<>();
        int base = 0xFFFFFFFF - 5 * STEP;
        for (int i = 0; i < 30; i++) {
            packets.add(sent(i, base, 0));
        }
        List<Played> played = run(packets, T0 + 700 * MS);
        assertEquals(range(0, 30), playedSeqs(played));
        assertEquals(0, jb.resets());
    }

    @Test
    void aNewSourceStartsOverAfterReset() {
        List<Packet> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            first.add(sent(i, 1000, 0));
        }
        run(first, T0 + 500 * MS);
        jb.reset();
        List<Packet> second = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // a restarted peer: unrelated timestamps, arriving after the first stream
            second.add(new Packet(i, 77_777_777 + i * STEP, 60, i == 0, T0 + 600 * MS + i * 20 * MS));
        }
        List<Played> played = run(second, T0 + 1100 * MS);
        assertEquals(1, jb.resets());
        assertEquals(range(0, 20), playedSeqs(played));
    }

    @Test
    void aTimestampJumpBeyondTheBufferResynchronises() {
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int ts = 1000 + i * STEP + (i >= 20 ? 48_000 * 10 : 0); // +10 s jump without notice
            packets.add(new Packet(i, ts, 60, false, T0 + i * 20 * MS));
        }
        List<Played> played = run(packets, T0 + 1000 * MS);
        assertEquals(1, jb.resets());
        assertTrue(playedSeqs(played).containsAll(range(22, 40)));
    }

    @Test
    void bufferGrowsUnderJitterAndShrinksSlowlyAfterIt() {
        Random random = new Random(42);
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            packets.add(sent(i, 1000, random.nextInt(80)));
        }
        run(packets, T0 + 5000 * MS);
        int grown = jb.targetMillis();
        assertTrue(grown >= 80, "target under 80 ms jitter " + grown);
        // the same stream goes on for 15 s without jitter
        List<Packet> calm = new ArrayList<>();
        for (int i = 250; i < 1000; i++) {
            calm.add(sent(i, 1000, 0));
        }
        List<Played> after = runFrom(calm, T0 + 5000 * MS, T0 + 21_000 * MS);
        assertTrue(jb.targetMillis() <= 50, "target after calm " + jb.targetMillis());
        assertTrue(jb.delayMillis() < grown, "delay " + jb.delayMillis() + " vs grown " + grown);
        assertTrue(jb.skips() > 0);
        long concealedWhileCalm = after.stream().filter(p -> p.kind() == JitterBuffer.Kind.CONCEAL).count();
        assertTrue(concealedWhileCalm <= 5, "concealed while calm " + concealedWhileCalm);
    }

    private List<Played> runFrom(List<Packet> packets, long from, long until) {
        List<Packet> byArrival = new ArrayList<>(packets);
        byArrival.sort(Comparator.comparingLong(Packet::arrival));
        int lastSeq = packets.stream().mapToInt(Packet::seq).max().orElse(-1);
        List<Played> played = new ArrayList<>();
        int next = 0;
        byte[] payload = new byte[200];
        for (long now = from + MS; now < until; now += 20 * MS) {
            while (next < byArrival.size() && byArrival.get(next).arrival() <= now) {
                Packet p = byArrival.get(next++);
                payload[0] = (byte) p.seq();
                payload[1] = (byte) (p.seq() >> 8);
                jb.put(p.seq(), p.ts(), p.marker(), payload, 0, p.size(), p.arrival());
            }
            JitterBuffer.Kind kind = jb.pull(now);
            int seq = kind == JitterBuffer.Kind.PACKET || kind == JitterBuffer.Kind.FEC
                    ? (jb.payload()[0] & 0xFF) | (jb.payload()[1] & 0xFF) << 8 : -1;
            played.add(new Played(kind, seq));
            if (kind == JitterBuffer.Kind.PACKET && seq == lastSeq) {
                break; // stop at the end of the stream: the tail after it is not loss
            }
        }
        return played;
    }
}
