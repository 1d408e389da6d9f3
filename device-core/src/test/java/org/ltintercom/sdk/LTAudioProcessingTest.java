package org.ltintercom.sdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.sdk.internal.media.SpeexDsp;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.LogCapture;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audio processing option: its validation, defaults, and the status the SDK reports for it. */
class LTAudioProcessingTest {
    @TempDir
    Path dataDir;

    @AfterEach
    void restore() {
        System.clearProperty(SpeexDsp.LIBRARY_PROPERTY);
        LTSDK.shutdown();
    }

    private static void assertRefused(String field, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }

    @Test
    void outOfRangeDelayAndTailAreRefusedNamingTheField() {
        assertRefused("echoDelayMillis", () -> new LTAudioProcessing(true, -1, 128, true, true, false));
        assertRefused("echoDelayMillis", () -> new LTAudioProcessing(true, 501, 128, true, true, false));
        assertRefused("echoTailMillis", () -> new LTAudioProcessing(true, 40, 49, true, true, false));
        assertRefused("echoTailMillis", () -> LTAudioProcessing.doorStation().withEcho(40, 501));
        assertEquals(500, new LTAudioProcessing(true, 500, 500, true, true, false).echoTailMillis());
        assertEquals(0, new LTAudioProcessing(true, 0, 50, true, true, false).echoDelayMillis());
    }

    @Test
    void aDoorStationCancelsEchoAndNoiseByDefaultButLeavesTheGainAlone() {
        LTAudioProcessing door = LTAudioProcessing.doorStation();
        assertTrue(door.echoCancellation() && door.residualEchoSuppression() && door.noiseSuppression());
        assertFalse(door.automaticGain());
        assertEquals(0, door.echoDelayMillis());
        assertEquals(128, door.echoTailMillis());
        LTSDKOptions options = LTSDKOptions.builder().licenseKey("k").url("http://127.0.0.1:1").userID("door-1").uuid("u").build();
        assertEquals(door, options.audioProcessing());
        assertFalse(LTAudioProcessing.off().anyEnabled());
        assertRefused("audioProcessing", () -> LTSDKOptions.builder().licenseKey("k").url("http://127.0.0.1:1")
                .userID("door-1").uuid("u").audioProcessing(null).build());
    }

    @Test
    void aCalibrationSetsDelayAndTailWithinTheLimitsAndOneThatHeardNothingChangesNothing() {
        LTAudioProcessing door = LTAudioProcessing.doorStation();
        LTAudioProcessing calibrated = door.withCalibration(new LTAcousticCalibration(true, 52, -6.5, 160));
        assertEquals(52, calibrated.echoDelayMillis());
        assertEquals(160, calibrated.echoTailMillis());
        assertEquals(500, door.withCalibration(new LTAcousticCalibration(true, 60, -3, 512)).echoTailMillis());
        assertSame(door, door.withCalibration(new LTAcousticCalibration(false, 0, Double.NEGATIVE_INFINITY, 64)));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private LTSDKOptions.Builder options(int port) {
        return LTSDKOptions.builder().licenseKey("demo-license").url("http://127.0.0.1:" + port).userID("door-1")
                .uuid("uuid-of-door-1").dataDir(dataDir).connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(2));
    }

    @Test
    void initReportsMissingLibspeexdspInTheStatusAndWarnsOnlyOnceForManyInits() throws Exception {
        Path missing = dataDir.resolve("lib").resolve("libspeexdsp.so.1");
        System.setProperty(SpeexDsp.LIBRARY_PROPERTY, missing.toString());
        int port = closedPort();
        try (LogCapture log = new LogCapture(SpeexDsp.class)) {
            for (int i = 0; i < 3; i++) {
                Await.result(LTSDK.init(options(port).build())); // the service is down: init fails, the probe ran
                LTAudioProcessingStatus status = LTSDK.getAudioProcessingStatus();
                assertEquals(LTAudioProcessingStatus.State.UNAVAILABLE, status.state());
                assertTrue(status.detail().contains(missing.toString()), status.detail());
                assertTrue(status.describe().startsWith("unavailable: no usable libspeexdsp"), status.describe());
            }
            List<String> warnings = log.messages().stream().filter(m -> m.startsWith("WARN")).toList();
            assertEquals(1, warnings.size(), warnings.toString());
        }
    }

    @Test
    void statusSaysActiveWithTheSystemLibraryAndDisabledWhenSwitchedOff() throws Exception {
        int port = closedPort();
        Await.result(LTSDK.init(options(port).build()));
        assertEquals(new LTAudioProcessingStatus(LTAudioProcessingStatus.State.ACTIVE, true, true, ""),
                LTSDK.getAudioProcessingStatus());
        Await.result(LTSDK.init(options(port).audioProcessing(LTAudioProcessing.off()).build()));
        assertEquals(LTAudioProcessingStatus.State.DISABLED, LTSDK.getAudioProcessingStatus().state());
        Await.result(LTSDK.init(options(port).audioProcessing(
                new LTAudioProcessing(false, 0, 128, false, true, false)).build()));
        assertEquals(new LTAudioProcessingStatus(LTAudioProcessingStatus.State.ACTIVE, false, true, ""),
                LTSDK.getAudioProcessingStatus());
    }
}
