package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.CaptureStream;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.sdk.internal.media.LoopbackCall.HZ_A;
import static org.ltintercom.sdk.internal.media.LoopbackCall.HZ_B;
import static org.ltintercom.sdk.internal.media.LoopbackCall.assertHears;
import static org.ltintercom.sdk.internal.media.LoopbackCall.assertSilentNext;
import static org.ltintercom.sdk.internal.media.LoopbackCall.await;

/** Two real media sessions on 127.0.0.1 with tone-playing microphones and recording speakers. */
class MediaSessionLoopbackTest {

    @Test
    void opusCallCarriesEachSidesToneTheOtherWay() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, LoopbackCall.config(), false, 0)) {
            assertHears(call.speakerB, 0, HZ_A);
            assertHears(call.speakerA, 0, HZ_B);
            await(() -> call.a.quality().rttMillis() >= 0, Duration.ofSeconds(10), "RTT from RTCP");
            CallQuality q = call.a.quality();
            assertTrue(q.packetsReceived() > 40 && q.packetsSent() > 40, q.toString());
            assertEquals(0, q.packetsLost());
            assertTrue(q.rttMillis() < 200, "loopback RTT " + q.rttMillis());
            assertTrue(q.mos() > 4.0, "MOS " + q.mos());
            assertEquals(AudioCodec.OPUS, q.codec());

            call.a.close();
            assertTrue(call.eventsB.bye.await(5, TimeUnit.SECONDS), "B saw A's RTCP BYE");
            CallQuality end = call.a.quality(); // still readable after the call
            assertTrue(end.packetsSent() >= q.packetsSent());
        }
    }

    @Test
    void pcmuCallCarriesEachSidesToneTheOtherWay() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.PCMU, LoopbackCall.config(), false, 0)) {
            assertHears(call.speakerB, 0, HZ_A);
            assertHears(call.speakerA, 0, HZ_B);
            assertEquals(0, call.b.receiver().dropped());
        }
    }

    @Test
    void pcmaCallCarriesTheTone() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.PCMA, LoopbackCall.config(), false, 0)) {
            assertHears(call.speakerB, 0, HZ_A);
        }
    }

    @Test
    void lossAndJitterAreConcealedWithoutGapsAndTheJitterBufferAdapts() throws Exception {
        MediaConfig config = new MediaConfig(LoopbackCall.LOOPBACK, 20_000, 29_999, Duration.ofMillis(400),
                Duration.ofSeconds(5), Duration.ofSeconds(30), 20, 400);
        try (LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, config, true, 1234)) {
            call.relay.lossAtoB = 0.05;
            call.relay.jitterMillis = 30;
            int first = LoopbackCall.awaitAudio(call.speakerB, 0, 250); // 5 s of lossy, jittery audio
            JitterBuffer jb = call.b.receiver().jitterBuffer();
            int grown = jb.targetMillis();
            int end = call.speakerB.frames();
            int gap = call.speakerB.longestSilenceMillis(first + 10, end, 300);
            assertTrue(gap <= 40, "longest silence inside the tone: " + gap + " ms; " + call.b.describeStages());
            assertTrue(call.relay.dropped > 0);
            assertTrue(jb.fecRecovered() > 0, "FEC recoveries; " + jb);
            assertTrue(grown >= 30, "jitter buffer target under 30 ms jitter: " + grown + " ms");
            short[] window = call.speakerB.frames(first + 10, end);
            assertEquals(HZ_A, Tones.dominant(window, 0, window.length, 48_000, HZ_A, HZ_B, 700));

            OpusEncoder encoderA = (OpusEncoder) call.a.sender().encoder();
            await(() -> encoderA.packetLossPercent() > 2, Duration.ofSeconds(10),
                    "A's FEC loss hint raised from B's RTCP reports");

            call.relay.jitterMillis = 0;
            call.relay.lossAtoB = 0;
            await(() -> jb.targetMillis() <= grown - 10, Duration.ofSeconds(20), "jitter buffer shrinking after " + grown);
            assertTrue(call.b.quality().fecRecovered() > 0);
        }
    }

    @Test
    void muteSilencesOnlyTheMutedMicrophoneAndKeepsRtpFlowing() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, LoopbackCall.config(), false, 0)) {
            assertHears(call.speakerB, 0, HZ_A);
            call.a.setMuted(true);
            assertTrue(call.a.isMuted());
            int from = call.speakerB.frames() + 10; // let the last unmuted frames drain
            await(() -> call.speakerB.frames() > from, Duration.ofSeconds(5), "playout");
            long receivedBefore = call.b.receiver().received();
            assertSilentNext(call.speakerB, 60);
            assertTrue(call.b.receiver().received() > receivedBefore, "RTP keeps flowing while muted");
            assertHears(call.speakerA, call.speakerA.frames(), HZ_B);
            call.a.setMuted(false);
            assertHears(call.speakerB, call.speakerB.frames(), HZ_A);
            assertEquals(0, call.eventsB.warnings);
        }
    }

    @Test
    void holdStopsAudioTowardsTheHoldingSideOnly() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, LoopbackCall.config(), false, 0)) {
            assertHears(call.speakerA, 0, HZ_B);
            // A puts B on hold with a=sendonly; B answers a=recvonly
            call.a.setDirection(MediaDirection.SENDONLY);
            call.b.setDirection(MediaDirection.RECVONLY);
            await(() -> call.speakerA.frames() > 0, Duration.ofSeconds(1), "frames");
            long sentByB = call.b.sender().packetsSent();
            assertSilentNext(call.speakerA, 10); // settle
            assertSilentNext(call.speakerA, 50);
            assertTrue(call.b.sender().packetsSent() - sentByB <= 2, "B stopped sending");
            assertHears(call.speakerB, call.speakerB.frames(), HZ_A);
            call.a.setDirection(MediaDirection.SENDRECV);
            call.b.setDirection(MediaDirection.SENDRECV);
            assertHears(call.speakerA, call.speakerA.frames(), HZ_B);
        }
    }

    @Test
    void dtmfDigitsCrossWithOpusAndWithPcmu() throws Exception {
        for (AudioCodec codec : new AudioCodec[] {AudioCodec.OPUS, AudioCodec.PCMU}) {
            try (LoopbackCall call = new LoopbackCall(codec, LoopbackCall.config(), false, 0)) {
                for (char c : "159#*0".toCharArray()) {
                    assertTrue(call.a.sendDtmf(c));
                }
                assertFalse(call.a.sendDtmf('x'));
                assertTrue(call.b.sendDtmf('D'));
                await(() -> call.eventsB.digits.length() >= 6 && call.eventsA.digits.length() >= 1,
                        Duration.ofSeconds(10), "digits with " + codec);
                assertEquals("159#*0", call.eventsB.digits.toString());
                assertEquals("D", call.eventsA.digits.toString());
                assertEquals(6, call.a.quality().dtmfSent());
                assertEquals(6, call.b.quality().dtmfReceived());
            }
        }
    }

    @Test
    void localToneIsMixedIntoThePlayout() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.PCMU, LoopbackCall.config(), false, 0)) {
            call.micB.silent = true;
            await(() -> call.speakerA.frames() > 20, Duration.ofSeconds(5), "playout");
            int from = call.speakerA.frames();
            call.a.playTone('1', 200); // 697 + 1209 Hz
            await(() -> call.speakerA.frames() > from + 20, Duration.ofSeconds(5), "tone frames");
            short[] window = call.speakerA.frames(from, from + 20);
            assertTrue(Tones.amplitudeAt(window, 0, window.length, 697, 48_000) > 1_000);
            assertTrue(Tones.amplitudeAt(window, 0, window.length, 1209, 48_000) > 1_000);
        }
    }

    @Test
    void hostilePacketsAreDroppedAndCountedAndTheCallGoesOn() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, LoopbackCall.config(), true, 99);
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LoopbackCall.LOOPBACK, 0))) {
            assertHears(call.speakerB, 0, HZ_A);
            RtpReceiver rx = call.b.receiver();
            InetSocketAddress bRtp = call.b.localRtp();
            byte[] wire = new byte[3000];
            RtpPacket p = new RtpPacket();
            int ssrc = rx.remoteSsrc();
            // from an unexpected address
            int n = p.header(false, 111, 1, 1, ssrc).payload(new byte[40], 0, 40).write(wire, 0);
            stranger.send(new DatagramPacket(wire, n, bRtp));
            // from the expected address: truncated, wrong version, wrong payload type, other SSRC, oversized, RTCP junk
            call.relay.injectToB(wire, 7);
            byte[] v1 = wire.clone();
            v1[0] = 0x40;
            call.relay.injectToB(v1, n);
            n = p.header(false, 96, 2, 2, ssrc).payload(new byte[40], 0, 40).write(wire, 0);
            call.relay.injectToB(wire, n);
            n = p.header(false, 111, 3, 3, ssrc + 1).payload(new byte[40], 0, 40).write(wire, 0);
            call.relay.injectToB(wire, n);
            n = p.header(false, 111, rx.stats().sequenceForTest() + 20_000, 4, ssrc).payload(new byte[40], 0, 40).write(wire, 0);
            call.relay.injectToB(wire, n); // a far sequence jump
            n = p.header(false, 111, 5, 5, ssrc).payload(new byte[1600], 0, 1600).write(wire, 0);
            call.relay.injectToB(wire, n);
            byte[] junk = new byte[64];
            new java.util.Random(5).nextBytes(junk);
            call.relay.injectRtcpToB(junk, junk.length);
            call.relay.injectRtcpToB(junk, 3);

            await(() -> rx.wrongSource() >= 1 && rx.malformed() >= 2 && rx.wrongPayloadType() >= 1
                    && rx.wrongSsrc() >= 1 && rx.sequenceJumps() >= 1 && rx.wrongSize() >= 1
                    && call.b.rtcp().malformed() >= 2, Duration.ofSeconds(5), "hostile packets counted: " + rx);
            assertTrue(call.b.quality().dropped() >= 7);
            assertTrue(call.b.isRunning());
            assertHears(call.speakerB, call.speakerB.frames(), HZ_A);
            assertEquals(0, rx.ssrcChanges());
        }
    }

    @Test
    void aPeerThatRestartsWithANewSsrcIsFollowed() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.PCMU, LoopbackCall.config(), true, 7)) {
            assertHears(call.speakerB, 0, HZ_A);
            RtpReceiver rx = call.b.receiver();
            call.relay.blockAtoB = true;
            byte[] wire = new byte[400];
            byte[] payload = new byte[160];
            java.util.Arrays.fill(payload, G711.ULAW_SILENCE);
            RtpPacket p = new RtpPacket();
            for (int i = 0; i < 5; i++) {
                int n = p.header(i == 0, 0, 100 + i, 5000 + 160 * i, 0x0BADCAFE).payload(payload, 0, 160).write(wire, 0);
                call.relay.injectToB(wire, n);
            }
            await(() -> rx.ssrcChanges() == 1 && rx.remoteSsrc() == 0x0BADCAFE, Duration.ofSeconds(5), "SSRC switch");
            assertEquals(2, rx.wrongSsrc()); // two packets of probation
            assertTrue(rx.jitterBuffer().resets() >= 1);
        }
    }

    @Test
    void missingRtpWarnsThenTimesOutAndResumes() throws Exception {
        MediaConfig config = LoopbackCall.config().withNoRtp(Duration.ofMillis(600), Duration.ofMillis(1200));
        try (LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, config, true, 3)) {
            assertHears(call.speakerB, 0, HZ_A);
            call.relay.blockAtoB = true;
            assertTrue(call.eventsB.warning.await(10, TimeUnit.SECONDS), "no-RTP warning");
            assertTrue(call.eventsB.timeout.await(10, TimeUnit.SECONDS), "no-RTP timeout");
            assertEquals(1, call.eventsA.warning.getCount(), "A still receives and is not warned");
            call.relay.blockAtoB = false;
            assertTrue(call.eventsB.resumed.await(10, TimeUnit.SECONDS), "RTP resumed");
        }
    }

    @Test
    void aReInviteCanSwitchTheCodecMidCall() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.PCMU, LoopbackCall.config(), false, 0)) {
            assertHears(call.speakerB, 0, HZ_A);
            // both sides are told the new answer: Opus from now on
            call.a.update(LoopbackCall.params(AudioCodec.OPUS, call.b.localRtp()));
            call.b.update(LoopbackCall.params(AudioCodec.OPUS, call.a.localRtp()));
            await(() -> call.b.quality().codec() == AudioCodec.OPUS && call.a.quality().codec() == AudioCodec.OPUS,
                    Duration.ofSeconds(5), "codec switched");
            int from = call.speakerB.frames() + 10;
            await(() -> call.speakerB.frames() > from, Duration.ofSeconds(5), "playout");
            assertHears(call.speakerB, from, HZ_A);
            assertHears(call.speakerA, call.speakerA.frames() + 10, HZ_B);
            assertTrue(call.b.receiver().decoder() instanceof OpusDecoder);
        }
    }

    @Test
    void switchingTheAudioRouteKeepsTheRtpStream() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, LoopbackCall.config(), false, 0)) {
            assertHears(call.speakerB, 0, HZ_A);
            ToneCapture headsetMic = new ToneCapture(700);
            RecordingPlayback headset = new RecordingPlayback();
            call.a.switchAudio(headsetMic, headset);
            await(() -> call.micA.closed && call.speakerA.closed, Duration.ofSeconds(5), "old route closed");
            int from = call.speakerB.frames() + 10;
            await(() -> call.speakerB.frames() > from + 60, Duration.ofSeconds(10), "audio after the switch");
            short[] window = call.speakerB.frames(from + 10, from + 60);
            assertEquals(700.0, Tones.dominant(window, 0, window.length, 48_000, HZ_A, HZ_B, 700));
            assertHears(headset, 0, HZ_B);
            assertEquals(0, call.b.receiver().ssrcChanges());
            assertEquals(0, call.b.receiver().jitterBuffer().resets());
            assertEquals(0, call.b.receiver().stats().cumulativeLost());
        }
    }

    @Test
    void aFailingMicrophoneIsReportedAndTheCallGoesOnUntilTheRouteIsSwitched() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.PCMU, LoopbackCall.config(), false, 0)) {
            assertHears(call.speakerB, 0, HZ_A);
            CaptureStream unplugged = new CaptureStream() {
                @Override
                public boolean readFrame(short[] frame) throws AudioDeviceException {
                    throw new AudioDeviceException(LTAudioRoute.HEADPHONES, AudioDeviceException.Reason.GONE, "USB unplugged");
                }

                @Override
                public void close() {
                }
            };
            call.a.switchAudio(unplugged, new RecordingPlayback());
            await(() -> call.eventsA.deviceError != null, Duration.ofSeconds(5), "device error reported");
            assertEquals(AudioDeviceException.Reason.GONE, call.eventsA.deviceError.reason());
            long received = call.b.receiver().received();
            int drained = call.speakerB.frames() + 10; // what was already in the jitter buffer
            await(() -> call.speakerB.frames() > drained, Duration.ofSeconds(5), "buffer drained");
            assertSilentNext(call.speakerB, 30);
            assertTrue(call.b.receiver().received() > received + 20, "RTP keeps flowing with silence");
            call.a.switchAudio(new ToneCapture(700), new RecordingPlayback());
            int from = call.speakerB.frames();
            await(() -> call.speakerB.firstLoudFrame(from, 1_000) >= 0, Duration.ofSeconds(5), "audio after the new route");
        }
    }

    @Test
    void closingStopsTheThreadAndASecondCycleLeavesNoThreadBehind() throws Exception {
        Set<String> before = mediaThreads();
        for (int cycle = 0; cycle < 2; cycle++) {
            LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, LoopbackCall.config(), false, 0);
            assertTrue(mediaThreads().contains("lt-media-a"));
            assertHears(call.speakerB, 0, HZ_A);
            call.close();
            call.close(); // idempotent
            assertFalse(call.a.isRunning());
            assertTrue(call.micA.closed && call.speakerA.closed && call.micB.closed && call.speakerB.closed);
            assertThrows(IllegalStateException.class,
                    () -> call.a.start(LoopbackCall.params(AudioCodec.OPUS, call.b.localRtp()), call.micA, call.speakerA));
            assertTrue(call.a.sender().encoder() instanceof OpusEncoder enc && enc.isClosed());
            assertTrue(call.b.receiver().decoder() instanceof OpusDecoder dec && dec.isClosed());
        }
        await(() -> mediaThreads().equals(before), Duration.ofSeconds(5), "media threads gone");
    }

    @Test
    void closingWithoutWaitingFreesEverythingOnTheMediaThreadThenCompletes() throws Exception {
        try (LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, LoopbackCall.config(), false, 0)) {
            assertHears(call.speakerB, 0, HZ_A);
            java.util.concurrent.CompletableFuture<Void> closed = call.a.closeAsync();
            assertSame(closed, call.a.closeAsync(), "every call gets the same future");
            closed.get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(call.micA.closed && call.speakerA.closed, "streams closed before the future completed");
            assertTrue(call.a.sender().encoder() instanceof OpusEncoder enc && enc.isClosed());
            assertTrue(call.a.publishedQuality().packetsSent() > 0, "the final figures are published");
            call.a.close(); // waits for the thread itself
            assertFalse(call.a.isRunning());
        }
        try (MediaSession idle = MediaSession.open("never-started", LoopbackCall.config(), new Codecs(null), null)) {
            assertTrue(idle.closeAsync().isDone(), "nothing to wait for");
        }
    }

    @Test
    void theSteadyStateAllocatesNothingPerPacket() throws Exception {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, LoopbackCall.config(), false, 0)) {
            assertHears(call.speakerB, 0, HZ_A);
            long id = call.b.thread().getId();
            long warm = call.b.ticks() + 100; // JIT warm-up
            await(() -> call.b.ticks() >= warm, Duration.ofSeconds(10), "warm-up");
            long bytes0 = mx.getThreadAllocatedBytes(id);
            long packets0 = call.b.sender().packetsSent() + call.b.receiver().received();
            long until = call.b.ticks() + 150;
            await(() -> call.b.ticks() >= until, Duration.ofSeconds(10), "150 ticks");
            long bytes = mx.getThreadAllocatedBytes(id) - bytes0;
            long packets = call.b.sender().packetsSent() + call.b.receiver().received() - packets0;
            // RTCP reports (a few hundred bytes every 400 ms here) are the only allocation left
            assertTrue(bytes / (double) packets < 64, bytes + " bytes for " + packets + " packets");
        }
    }

    @Test
    void badParametersAreRefusedWithTheFieldName() {
        InetSocketAddress remote = new InetSocketAddress(LoopbackCall.LOOPBACK, 30_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MediaParams(remote, 111, AudioCodec.OPUS, 101, 48_000, 30, MediaDirection.SENDRECV));
        assertTrue(e.getMessage().startsWith("ptimeMillis"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new MediaParams(remote, 200, AudioCodec.OPUS, 101, 48_000, 20, MediaDirection.SENDRECV));
        assertTrue(e.getMessage().startsWith("payloadType"));
        e = assertThrows(IllegalArgumentException.class, () -> LoopbackCall.config().withPorts(10, 20));
        assertTrue(e.getMessage().startsWith("portMin"));
    }

    @Test
    void switchingToOpusWithoutLibopusIsRefusedAndTheCallKeepsItsCodec() throws Exception {
        try (MediaSession a = MediaSession.open("g711only", LoopbackCall.config(), new Codecs(null), null)) {
            ToneCapture mic = new ToneCapture(HZ_A);
            RecordingPlayback speaker = new RecordingPlayback();
            a.start(LoopbackCall.params(AudioCodec.PCMU, new InetSocketAddress(LoopbackCall.LOOPBACK, 30_002)), mic, speaker);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.update(LoopbackCall.params(AudioCodec.OPUS, new InetSocketAddress(LoopbackCall.LOOPBACK, 30_002))));
            assertTrue(e.getMessage().startsWith("params.codec"), e.getMessage());
            await(() -> a.quality().packetsSent() > 10, Duration.ofSeconds(5), "PCMU still flowing");
            assertEquals(AudioCodec.PCMU, a.quality().codec());
            assertTrue(a.isRunning());
        }
    }

    private static Set<String> mediaThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("lt-media-")).collect(Collectors.toSet());
    }
}
