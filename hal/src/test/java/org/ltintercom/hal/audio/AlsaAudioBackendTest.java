package org.ltintercom.hal.audio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.hal.time.ManualClock;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Route selection, availability and device watch of the ALSA backend, against descriptor lists. */
class AlsaAudioBackendTest {

    private static final AudioConfig CONFIG = new AudioConfig(List.of(
            new RouteDevices(LTAudioRoute.BUILTIN, "hifiberry", "hifiberry", 1.0),
            new RouteDevices(LTAudioRoute.HEADPHONES, "USB Audio Device", "USB Audio Device", 0.5),
            new RouteDevices(LTAudioRoute.BLUETOOTH, "bluealsa", "bluealsa", 1.0)),
            4, Duration.ofSeconds(2));

    private final ManualClock clock = new ManualClock();
    private final FakeSoundSystem sound = new FakeSoundSystem();
    private final List<Set<LTAudioRoute>> changes = new ArrayList<>();
    private AlsaAudioBackend backend;

    private AlsaAudioBackend start(AudioDeviceInfo... present) {
        sound.devices.addAll(List.of(present));
        backend = new AlsaAudioBackend(CONFIG, sound, clock);
        backend.setRouteListener(changes::add);
        return backend;
    }

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void routesAreAvailableOnlyWhenTheirDevicesArePresent() {
        start(FakeSoundSystem.HDMI, FakeSoundSystem.BUILTIN, FakeSoundSystem.USB_CARD_1);

        assertEquals(Set.of(LTAudioRoute.BUILTIN, LTAudioRoute.HEADPHONES), backend.availableRoutes());
    }

    @Test
    void selectionMatchesStableNamesAndPrefersPlughw() {
        List<AudioDeviceInfo> devices = List.of(FakeSoundSystem.BUILTIN_RAW, FakeSoundSystem.HDMI,
                FakeSoundSystem.BUILTIN, FakeSoundSystem.usbCard(3));

        assertEquals(FakeSoundSystem.BUILTIN, DeviceSelector.capture("HIFIBERRY", devices).orElseThrow());
        assertEquals(FakeSoundSystem.usbCard(3), DeviceSelector.playback("usb audio device", devices).orElseThrow(),
                "found by name under whatever card number it got");
        assertTrue(DeviceSelector.capture("vc4-hdmi", devices).isEmpty(), "HDMI has no microphone");
        assertEquals(FakeSoundSystem.HDMI, DeviceSelector.playback("vc4-hdmi", devices).orElseThrow());
    }

    @Test
    void withNoDevicesNothingIsAvailableAndCaptureIsMissing() {
        start();

        assertEquals(Set.of(), backend.availableRoutes());
        AudioDeviceException e = assertThrows(AudioDeviceException.class, () -> backend.openCapture(LTAudioRoute.BUILTIN));
        assertEquals(AudioDeviceException.Reason.MISSING, e.reason());
        assertEquals(LTAudioRoute.BUILTIN, e.route());
    }

    @Test
    void unconfiguredRouteIsMissing() {
        start(FakeSoundSystem.BUILTIN);
        AudioDeviceException e = assertThrows(AudioDeviceException.class, () -> backend.openPlayback(LTAudioRoute.SPEAKER));
        assertEquals(AudioDeviceException.Reason.MISSING, e.reason());
    }

    @Test
    void deviceHeldByAnotherProcessIsBusy() {
        start(FakeSoundSystem.BUILTIN);
        sound.busy = true;
        AudioDeviceException e = assertThrows(AudioDeviceException.class, () -> backend.openCapture(LTAudioRoute.BUILTIN));
        assertEquals(AudioDeviceException.Reason.BUSY, e.reason());
    }

    @Test
    void usbCardUnplugAndReplugIsSeenByTheDeviceWatchAndTheRouteReopens() throws Exception {
        start(FakeSoundSystem.BUILTIN, FakeSoundSystem.USB_CARD_1);
        CaptureStream mic = backend.openCapture(LTAudioRoute.HEADPHONES);
        short[] frame = FakeSoundSystem.frame();
        assertTrue(mic.readFrame(frame));

        sound.devices.remove(FakeSoundSystem.USB_CARD_1);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of(Set.of(LTAudioRoute.BUILTIN)), changes);
        AudioDeviceException gone = assertThrows(AudioDeviceException.class, () -> mic.readFrame(frame));
        assertEquals(AudioDeviceException.Reason.GONE, gone.reason());
        mic.close();

        sound.devices.add(FakeSoundSystem.usbCard(4));   // back, under another card number
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Set.of(LTAudioRoute.BUILTIN, LTAudioRoute.HEADPHONES), changes.get(1));
        try (CaptureStream again = backend.openCapture(LTAudioRoute.HEADPHONES)) {
            assertTrue(again.readFrame(frame));
        }
        AudioStats stats = backend.stats();
        assertEquals(3, stats.routeChanges(), "found at start, unplugged, plugged back");
        assertEquals(2, stats.streamsOpened());
    }

    @Test
    void bluetoothRouteNeedsBothTheHeadsetConnectionAndItsDevice() {
        start(FakeSoundSystem.BUILTIN, FakeSoundSystem.BLUEALSA);
        assertEquals(Set.of(LTAudioRoute.BUILTIN), backend.availableRoutes());

        backend.setBluetoothConnected(true);
        assertEquals(Set.of(LTAudioRoute.BUILTIN, LTAudioRoute.BLUETOOTH), backend.availableRoutes());
        backend.setBluetoothConnected(false);

        assertEquals(List.of(Set.of(LTAudioRoute.BUILTIN, LTAudioRoute.BLUETOOTH), Set.of(LTAudioRoute.BUILTIN)), changes);
    }

    @Test
    void playbackAppliesTheRouteVolumeClamped() throws Exception {
        start(FakeSoundSystem.USB_CARD_1);
        short[] frame = FakeSoundSystem.frame();
        frame[0] = 1000;
        frame[1] = 30_000;
        try (PlaybackStream speaker = backend.openPlayback(LTAudioRoute.HEADPHONES)) {
            speaker.writeFrame(frame);                            // configured volume 0.5
            backend.setVolume(LTAudioRoute.HEADPHONES, 99);       // clamped to 4
            speaker.writeFrame(frame);
        }
        assertEquals(500, sample(sound.written.get(0), 0));
        assertEquals(4000, sample(sound.written.get(1), 0));
        assertEquals(Short.MAX_VALUE, sample(sound.written.get(1), 1), "clipped, not wrapped");
    }

    @Test
    void microphoneGainChangedMidStreamScalesTheNextCapturedFrame() throws Exception {
        start(FakeSoundSystem.USB_CARD_1);
        short[] frame = FakeSoundSystem.frame();                  // the fake line delivers sample i = 10 * i
        try (CaptureStream mic = backend.openCapture(LTAudioRoute.HEADPHONES)) {
            assertTrue(mic.readFrame(frame));
            assertEquals(1000, frame[100], "unity: the speaker volume 0.5 does not touch the microphone");
            backend.setCaptureGain(LTAudioRoute.HEADPHONES, 4.0);
            assertTrue(mic.readFrame(frame));
            assertEquals(4000, frame[100]);
            assertEquals(Short.MAX_VALUE, frame[959], "9590 x 4 clipped, not wrapped");
        }
        assertThrows(IllegalArgumentException.class, () -> backend.setCaptureGain(LTAudioRoute.HEADPHONES, 5));
        assertEquals(4.0, backend.captureGain(LTAudioRoute.HEADPHONES));
    }

    @Test
    void realJavaSoundOnAMachineWithoutSoundCardReportsNoRoutes() {
        backend = new AlsaAudioBackend(CONFIG, new JavaSoundSystem(), clock);
        assertEquals(Set.of(), backend.availableRoutes());
        AudioDeviceException e = assertThrows(AudioDeviceException.class, () -> backend.openCapture(LTAudioRoute.HEADPHONES));
        assertEquals(AudioDeviceException.Reason.MISSING, e.reason());
    }

    @Test
    void startingAndStoppingTwiceLeavesNoThreadAndClosesStreams() throws Exception {
        java.util.Set<String> before = org.ltintercom.hal.testing.Threads.allThreads();
        sound.devices.add(FakeSoundSystem.USB_CARD_1);
        for (int i = 0; i < 2; i++) {
            AlsaAudioBackend b = new AlsaAudioBackend(CONFIG, sound, org.ltintercom.hal.time.HalClock.system());
            CaptureStream mic = b.openCapture(LTAudioRoute.HEADPHONES);
            b.close();
            assertEquals(false, mic.readFrame(FakeSoundSystem.frame()), "closed with the backend");
        }
        org.ltintercom.hal.testing.Threads.awaitNoNewThreads(before);
    }

    @Test
    void badConfigurationNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RouteDevices(LTAudioRoute.SPEAKER, "x", " ", 1.0));
        assertEquals("audio.routes.speaker.playback: must not be blank", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new AudioConfig(CONFIG.routes(), 1, Duration.ofSeconds(2)));
        assertTrue(e.getMessage().startsWith("audio.bufferFrames: "), e.getMessage());
    }

    private static int sample(byte[] bytes, int index) {
        return (short) ((bytes[2 * index] & 0xff) | (bytes[2 * index + 1] << 8));
    }
}
