package org.ltintercom.app.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.config.Settings;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.sdk.LTAudioProcessing;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioFrames;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The station's echo setup against the HAL's simulated sound card with a speaker-to-microphone echo path. */
class AcousticSetupTest {
    /** Frames the calibration plays: 200 ms lead, 500 ms sweep, 1 s listening. */
    private static final int SWEEP_FRAMES = 85;
    private static final Settings.Audio DEFAULTS = Settings.Audio.defaults();

    @TempDir
    Path stateDir;
    final SimulatedAudioBackend sim = new SimulatedAudioBackend(EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.BLUETOOTH));
    final AtomicBoolean inCall = new AtomicBoolean();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-27T00:10:00Z"), ZoneOffset.UTC);

    private AcousticSetup setup() {
        return new AcousticSetup(sim, new StateStore(stateDir), inCall::get, clock);
    }

    private int sweepsPlayed() {
        return sim.playedFrames(LTAudioRoute.BUILTIN).size() / SWEEP_FRAMES;
    }

    private static void assertNear(int expected, int actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 2, what + ": expected " + expected + " +-2, was " + actual);
    }

    @Test
    void firstStartCalibratesTheCallRouteStoresTheResultAndAlignsTheEchoCanceller() throws Exception {
        sim.setEchoPath(LTAudioRoute.BUILTIN, 47, -8);
        LTAudioProcessing processing = setup().start(DEFAULTS);

        assertEquals(1, sweepsPlayed());
        assertNear(47, processing.echoDelayMillis(), "delay");
        assertTrue(processing.echoCancellation() && processing.noiseSuppression() && !processing.automaticGain());
        assertEquals(64, processing.echoTailMillis(), "a single-tap echo needs the shortest suggested tail");
        String stored = Files.readString(stateDir.resolve("calibration.json"));
        assertTrue(stored.contains("\"route\":\"builtin\"") && stored.contains("\"echoDetected\":true")
                && stored.contains("\"measuredAt\":\"2026-11-27T00:10:00Z\""), stored);
        assertEquals(0, sim.openStreams(), "the calibration gave the route back");
    }

    @Test
    void secondStartReusesTheStoredCalibrationWithoutSoundingTheSweep() {
        sim.setEchoPath(LTAudioRoute.BUILTIN, 63, -6);
        LTAudioProcessing first = setup().start(DEFAULTS);
        sim.clearPlayed();

        AcousticSetup restarted = setup();
        assertEquals(first, restarted.start(DEFAULTS));
        assertEquals(0, sweepsPlayed(), "nothing played at the second start");
        assertTrue(restarted.lastOutcome().echoMeasured());
        assertTrue(restarted.lastOutcome().message().startsWith("stored: echo after"), restarted.lastOutcome().message());
    }

    @Test
    void aCorruptOrForeignCalibrationFileIsTreatedAsAbsentAndReplaced() throws Exception {
        sim.setEchoPath(LTAudioRoute.BUILTIN, 40, -6);
        Path file = stateDir.resolve("calibration.json");
        for (String broken : new String[] {"{\"version\":1,\"route\":\"builtin\",\"delay", "[1,2,3]",
                "{\"version\":1,\"route\":\"kitchen\",\"echoDetected\":true,\"delayMillis\":40,\"echoLevelDb\":-6,"
                        + "\"suggestedTailMillis\":64,\"measuredAt\":\"2026-11-27T00:10:00Z\"}",
                "{\"version\":1,\"route\":\"builtin\",\"echoDetected\":true,\"delayMillis\":-3,\"echoLevelDb\":-6,"
                        + "\"suggestedTailMillis\":64,\"measuredAt\":\"2026-11-27T00:10:00Z\"}"}) {
            Files.createDirectories(stateDir);
            Files.writeString(file, broken);
            sim.clearPlayed();
            LTAudioProcessing processing = setup().start(DEFAULTS);
            assertEquals(1, sweepsPlayed(), "calibrated again after: " + broken);
            assertNear(40, processing.echoDelayMillis(), "delay");
            assertTrue(Files.readString(file).contains("\"delayMillis\":4"), Files.readString(file));
        }
    }

    @Test
    void aMicrophoneThatHearsNoEchoKeepsTheDefaultsSaysWhyAndIsNotAskedAgainAtEveryBoot() {
        short[] quiet = new short[AudioFrames.FRAME_SAMPLES];
        sim.setCaptureSource(LTAudioRoute.BUILTIN, () -> quiet.clone());
        AcousticSetup setup = setup();
        LTAudioProcessing processing = setup.start(DEFAULTS);

        assertEquals(LTAudioProcessing.doorStation(), processing, "uncalibrated defaults");
        assertFalse(setup.lastOutcome().echoMeasured());
        assertTrue(setup.lastOutcome().message().contains("did not hear the speaker"), setup.lastOutcome().message());
        sim.clearPlayed();
        setup().start(DEFAULTS);
        assertEquals(0, sweepsPlayed(), "the no-echo result is kept; recalibrate() repeats it on command");
    }

    @Test
    void aDeviceErrorKeepsTheDefaultsSaysWhyAndStoresNothing() {
        SimulatedAudioBackend noSoundCard = new SimulatedAudioBackend(EnumSet.noneOf(LTAudioRoute.class));
        AcousticSetup setup = new AcousticSetup(noSoundCard, new StateStore(stateDir), inCall::get, clock);
        assertEquals(LTAudioProcessing.doorStation(), setup.start(DEFAULTS));
        assertTrue(setup.lastOutcome().message().startsWith("failed on route BUILTIN: ")
                && setup.lastOutcome().message().contains("unplugged"), setup.lastOutcome().message());
        assertFalse(Files.exists(stateDir.resolve("calibration.json")), "the next start tries again");
    }

    @Test
    void recalibrateMeasuresAgainAndIsRefusedDuringACall() throws Exception {
        sim.setEchoPath(LTAudioRoute.BUILTIN, 40, -6);
        AcousticSetup setup = setup();
        setup.start(DEFAULTS);
        sim.setEchoPath(LTAudioRoute.BUILTIN, 90, -6); // the speaker was moved further away

        inCall.set(true);
        sim.clearPlayed();
        AcousticSetup.Outcome refused = setup.recalibrate();
        assertFalse(refused.echoMeasured());
        assertTrue(refused.message().startsWith("refused: a call is using the audio"), refused.message());
        assertEquals(0, sweepsPlayed());
        assertNear(40, setup.processing(DEFAULTS).echoDelayMillis(), "the old calibration stays");

        inCall.set(false);
        AcousticSetup.Outcome measured = setup.recalibrate();
        assertTrue(measured.echoMeasured(), measured.message());
        assertNear(90, setup.processing(DEFAULTS).echoDelayMillis(), "delay after recalibration");
        assertTrue(Files.readString(stateDir.resolve("calibration.json")).contains("\"delayMillis\":9"));
    }

    @Test
    void explicitSettingsWinAndNeedNoSweep() {
        sim.setEchoPath(LTAudioRoute.BUILTIN, 40, -6);
        Settings.Audio manual = new Settings.Audio(true, Duration.ofMillis(80), Duration.ofMillis(200), false, false, true);
        LTAudioProcessing processing = setup().start(manual);
        assertEquals(new LTAudioProcessing(true, 80, 200, false, false, true), processing);
        Settings.Audio off = new Settings.Audio(false, null, null, false, false, false);
        assertEquals(LTAudioProcessing.off(), setup().start(off));
        assertEquals(0, sweepsPlayed(), "neither needs a calibration");
    }

    @Test
    void aCalibrationOfAnotherRouteIsMeasuredAgainForTheCallRoute() {
        sim.setEchoPath(LTAudioRoute.BUILTIN, 40, -6);
        setup().start(DEFAULTS);
        sim.setRoutePresent(LTAudioRoute.BUILTIN, false); // the station now calls over the Bluetooth headset
        sim.setCaptureSource(LTAudioRoute.BLUETOOTH, () -> new short[AudioFrames.FRAME_SAMPLES]);
        AcousticSetup setup = setup();
        setup.start(DEFAULTS);
        assertEquals(LTAudioRoute.BLUETOOTH, setup.calibration().orElseThrow().route());
        assertFalse(setup.calibration().orElseThrow().result().echoDetected(), "a headset has no room echo");
    }
}
