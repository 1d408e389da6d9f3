package org.ltintercom.sdk.internal.media;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.spi.CaptureStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.sdk.internal.media.LoopbackCall.HZ_A;
import static org.ltintercom.sdk.internal.media.LoopbackCall.await;

/** The echo canceller inside real calls: two media sessions on 127.0.0.1 (Opus). */
class MediaSessionEchoTest {
    private static final Logger log = LoggerFactory.getLogger(MediaSessionEchoTest.class);

    /** A microphone that hears a recording, frame after frame. */
    static final class RecordedCapture implements CaptureStream {
        private final short[] audio;
        private int pos;
        volatile boolean closed;

        RecordedCapture(short[] audio) {
            this.audio = audio;
        }

        @Override
        public boolean readFrame(short[] frame) {
            for (int i = 0; i < frame.length; i++) {
                frame[i] = audio[(pos + i) % audio.length];
            }
            pos += frame.length;
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void withoutLibspeexdspTheCallCarriesAudioWarnsOnceAndReportsUnavailable(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path missing = dir.resolve("libspeexdsp.so.1");
        assertTrue(!Files.exists(missing));
        MediaConfig config = LoopbackCall.config().withAudioProcessing(
                AudioProcessingConfig.defaults().withLibrary(List.of(missing.toString())));
        ch.qos.logback.classic.Logger speexLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(SpeexDsp.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        speexLog.addAppender(logged);
        try (LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, config, false, 0)) {
            LoopbackCall.assertHears(call.speakerB, 0, HZ_A);
            LoopbackCall.assertHears(call.speakerA, 0, LoopbackCall.HZ_B);
            for (MediaSession s : new MediaSession[] {call.a, call.b}) {
                AudioProcessingStatus status = s.audioProcessingStatus();
                assertEquals(AudioProcessingStatus.State.UNAVAILABLE, status.state());
                assertTrue(!status.echoCancellation() && !status.preprocessing());
                assertTrue(status.detail().contains(missing.toString()), status.detail());
            }
        } finally {
            speexLog.detachAppender(logged);
        }
        List<ILoggingEvent> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertEquals(1, warnings.size(), "one warning for two sessions: " + warnings);
        assertTrue(warnings.get(0).getFormattedMessage().contains("libspeexdsp1"), warnings.get(0).getFormattedMessage());
    }

    /**
     * The door station (A) is calibrated, then called: the resident's (B's) speech comes out of A's
     * speaker into A's microphone through the room; what B hears back of it is the residual echo.
     * Without processing B would hear the room's echo level (computed offline: a second real call
     * as control would measure the machine's load more than the room).
     */
    @Test
    void calibratedDoorStationSendsTheResidentNoEchoAndFreesEverything() throws Exception {
        Set<String> threadsBefore = mediaThreads();
        SpeexDsp shared = SpeexDsp.shared(SpeexDsp.systemCandidates()).dsp();
        int statesBefore = shared.liveStates();
        SyntheticRoom room = new SyntheticRoom(50, 2, 0.5, 80, 21);
        SyntheticRoom.Streams calibration = room.streams(AcousticCalibration.TOTAL_FRAMES * 960, 10, 1);
        AcousticCalibration.Result result = AcousticCalibration.run(calibration, calibration);
        assertTrue(Math.abs(result.delayMillis() - 52) <= 2, result.toString());
        AudioProcessingConfig processing = AudioProcessingConfig.defaults().withEcho(result.delayMillis(), result.suggestedTailMillis());
        double withAec = returnedEchoDb(room, LoopbackCall.config().withAudioProcessing(processing), true);
        double withoutAec = room.echoLevelDb(SpeechSignals.speech("de", SpeechSignals.RESIDENT, 10 * 48_000, 5_000));
        log.info("echo returned to the resident: {} dB with AEC; the room's echo without: {} dB", String.format("%.1f", withAec),
                String.format("%.1f", withoutAec));
        assertTrue(withoutAec > -15, "the room must really couple: " + withoutAec + " dB");
        assertTrue(withAec <= withoutAec - 25, "AEC removed only " + (withoutAec - withAec) + " dB");
        assertEquals(statesBefore, shared.liveStates(), "native states freed");
        await(() -> mediaThreads().equals(threadsBefore), Duration.ofSeconds(5), "media threads gone");
    }

    /** Level of what B hears over the last 4 s of a 10 s call, relative to B's microphone, in dB. */
    private static double returnedEchoDb(SyntheticRoom room, MediaConfig config, boolean aecExpected) throws Exception {
        short[] residentSpeech = SpeechSignals.speech("de", SpeechSignals.RESIDENT, 30 * 48_000, 5_000);
        Codecs codecs = Codecs.processWide();
        SyntheticRoom.Streams door = room.streams(60 * 48_000, 5, 2);
        RecordedCapture residentMic = new RecordedCapture(residentSpeech);
        RecordingPlayback residentSpeaker = new RecordingPlayback();
        try (MediaSession a = MediaSession.open("door", config, codecs, null);
             MediaSession b = MediaSession.open("resident", config, codecs, null)) {
            assertEquals(aecExpected, a.audioProcessingStatus().echoCancellation());
            a.start(LoopbackCall.params(AudioCodec.OPUS, b.localRtp()), door, door);
            b.start(LoopbackCall.params(AudioCodec.OPUS, a.localRtp()), residentMic, residentSpeaker);
            await(() -> residentSpeaker.frames() >= 250, Duration.ofSeconds(40), "5 s of call");
            com.sun.management.ThreadMXBean mx =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long id = a.thread().getId();
            long bytes0 = mx.getThreadAllocatedBytes(id);
            long packets0 = a.sender().packetsSent() + a.receiver().received();
            await(() -> residentSpeaker.frames() >= 500, Duration.ofSeconds(40), "10 s of call");
            long bytes = mx.getThreadAllocatedBytes(id) - bytes0;
            long packets = a.sender().packetsSent() + a.receiver().received() - packets0;
            // as MediaSessionLoopbackTest: only RTCP allocates; the echo canceller adds nothing per frame
            assertTrue(bytes / (double) packets < 64, bytes + " bytes for " + packets + " packets with aec=" + aecExpected);
            assertTrue(b.receiver().received() >= 100, "the door's stream reached the resident: " + b.receiver().received());
        }
        assertTrue(door.closed && residentMic.closed && residentSpeaker.closed);
        short[] heard = residentSpeaker.frames(300, 500);
        double heardEnergy = EchoCancellerTest.energy(heard, 0, heard.length);
        double micEnergy = EchoCancellerTest.energy(residentSpeech, 300 * 960, heard.length);
        return 10 * Math.log10(Math.max(heardEnergy, 1) / micEnergy);
    }

    @Test
    void switchingTheAudioRouteForgetsTheLearntEchoPath() throws Exception {
        MediaConfig config = LoopbackCall.config().withAudioProcessing(AudioProcessingConfig.defaults().withEcho(40, 128));
        try (LoopbackCall call = new LoopbackCall(AudioCodec.OPUS, config, false, 0)) {
            assertEquals(AudioProcessingStatus.State.ACTIVE, call.a.audioProcessingStatus().state());
            await(() -> call.speakerA.frames() > 10, Duration.ofSeconds(10), "call running");
            assertTrue(call.a.describeStages().contains("resets=0}}"), call.a.describeStages());
            call.a.switchAudio(new ToneCapture(HZ_A), new RecordingPlayback());
            await(() -> call.a.describeStages().contains("EchoCanceller{ACTIVE aec=true pre=true bulkDelay=30ms addedFrames=1"),
                    Duration.ofSeconds(5), "stage described");
            await(() -> call.a.describeStages().endsWith("resets=1}}"), Duration.ofSeconds(5), "echo path reset on the new route");
        }
    }

    private static Set<String> mediaThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("lt-media-")).collect(Collectors.toSet());
    }
}
