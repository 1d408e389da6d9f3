package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.sdk.internal.media.LoopbackCall.HZ_A;
import static org.ltintercom.sdk.internal.media.LoopbackCall.await;

/**
 * A live call whose peer's RTP sequence number and timestamp both wrap (a peer that restarted with
 * numbers just below 2^16 and 2^32): the stream plays on, with no loss, no sequence jump and no jitter
 * buffer resynchronisation counted. The unit tests cover the arithmetic; this one the whole receive path.
 */
class RtpWrapSessionTest {
    private static final int SSRC = 0x5EED0001;
    private static final int PACKETS = 150; // 3 s
    private static final double TONE = 700;

    @Test
    void aPeerWhoseSequenceAndTimestampWrapMidCallIsPlayedWithoutLossOrResync() throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "lt-test-rtp-pacer"));
        try (LoopbackCall call = new LoopbackCall(AudioCodec.PCMU, LoopbackCall.config(), true, 11)) {
            LoopbackCall.assertHears(call.speakerB, 0, HZ_A);
            RtpReceiver rx = call.b.receiver();
            call.relay.blockAtoB = true;
            int blocked = call.speakerB.frames();
            await(() -> call.speakerB.frames() >= blocked + 15, Duration.ofSeconds(5), "A's last frames played");
            LoopbackCall.assertSilentNext(call.speakerB, 10);
            long resetsBefore = rx.jitterBuffer().resets();
            long lostBefore = call.b.quality().packetsLost();

            int from = call.speakerB.frames();
            CountDownLatch sent = new CountDownLatch(1);
            AtomicInteger n = new AtomicInteger();
            byte[] wire = new byte[400];
            byte[] payload = new byte[160];
            short[] pcm = new short[160];
            RtpPacket p = new RtpPacket();
            pacer.scheduleAtFixedRate(() -> {
                int i = n.getAndIncrement();
                if (i >= PACKETS) {
                    sent.countDown();
                    return;
                }
                Tones.sine(pcm, 160, TONE, 8_000, 160L * i, 8_000);
                for (int k = 0; k < 160; k++) {
                    payload[k] = G711.linearToUlaw(pcm[k]);
                }
                // the sequence wraps after 20 packets, the timestamp after 30
                int len = p.header(i == 0, 0, (65_516 + i) & 0xFFFF, (int) (0x1_0000_0000L - 30 * 160L + 160L * i), SSRC)
                        .payload(payload, 0, 160).write(wire, 0);
                try {
                    call.relay.injectToB(wire, len);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            assertTrue(sent.await(30, TimeUnit.SECONDS), "all packets sent");
            await(() -> rx.received() > 0 && rx.remoteSsrc() == SSRC, Duration.ofSeconds(5), "the new source followed");

            LoopbackCall.assertHears(call.speakerB, from, TONE);
            assertEquals(1, rx.ssrcChanges(), rx.toString());
            assertEquals(0, rx.sequenceJumps(), "a wrap is no jump: " + rx);
            assertEquals(resetsBefore + 1, rx.jitterBuffer().resets(), "only the new SSRC resets the buffer: " + rx);
            assertEquals(lostBefore, call.b.quality().packetsLost(), "no loss across the wraps: " + call.b.quality());
            assertEquals(0, rx.malformed() + rx.wrongSize() + rx.wrongPayloadType(), rx.toString());
            assertTrue(rx.stats().extendedMax() > 0xFFFF, "the extended sequence number went past 2^16: " + rx.stats().extendedMax());
            assertTrue(call.b.isRunning());
        } finally {
            pacer.shutdownNow();
            assertTrue(pacer.awaitTermination(5, TimeUnit.SECONDS));
        }
    }
}
