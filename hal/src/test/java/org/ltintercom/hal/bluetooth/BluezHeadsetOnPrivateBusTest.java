package org.ltintercom.hal.bluetooth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.hal.audio.AlsaAudioBackend;
import org.ltintercom.hal.audio.AudioConfig;
import org.ltintercom.hal.audio.AudioDeviceInfo;
import org.ltintercom.hal.audio.RouteDevices;
import org.ltintercom.hal.audio.SoundSystem;
import org.ltintercom.hal.testing.Threads;
import org.ltintercom.hal.time.HalClock;
import org.ltintercom.sdk.call.LTAudioRoute;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The BlueZ headset against a fake org.bluez on a private dbus-daemon started by the test. */
class BluezHeadsetOnPrivateBusTest {

    private static final String HEADSET = "AC:12:2F:00:5B:7E";

    @TempDir
    Path dir;
    private DbusDaemon daemon;
    private FakeBluez bluez;
    private BluezHeadset headset;
    private final BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();

    @BeforeEach
    void startBus() throws Exception {
        daemon = new DbusDaemon(dir);
        bluez = new FakeBluez(daemon.address());
    }

    @AfterEach
    void stopBus() throws Exception {
        try {
            if (headset != null) {
                headset.close();
            }
            bluez.close();
        } finally {
            daemon.close();
        }
    }

    private BluetoothConfig config(boolean autoConnect) {
        return new BluetoothConfig(HEADSET, daemon.address(), autoConnect, Duration.ofMillis(200));
    }

    private BluezHeadset start(boolean autoConnect) {
        headset = new BluezHeadset(config(autoConnect), HalClock.system());
        headset.addListener(changes::add);
        return headset;
    }

    private boolean nextChange() throws InterruptedException {
        Boolean change = changes.poll(10, TimeUnit.SECONDS);
        if (change == null) {
            throw new AssertionError("no headset change within 10 s");
        }
        return change;
    }

    @Test
    void findsThePairedHeadsetByAddressAndConnectsIt() throws Exception {
        bluez.addDevice("11:22:33:44:55:66", "Someone's phone", true);
        FakeBluez.Device device = bluez.addDevice(HEADSET.toLowerCase(), "Jabra Evolve 65", true);
        start(true);

        assertTrue(nextChange());
        assertTrue(headset.isConnected());
        assertEquals(device.path, headset.devicePath().orElseThrow());
        assertEquals(1, device.connectCalls.get());
    }

    @Test
    void withoutAutoConnectItOnlyWatches() throws Exception {
        FakeBluez.Device device = bluez.addDevice(HEADSET, "Jabra Evolve 65", true);
        start(false);
        Threads.awaitCondition(() -> headset.devicePath().isPresent(), 10_000, () -> "device path");
        assertFalse(headset.isConnected());
        assertEquals(0, device.connectCalls.get());

        device.setConnected(true);                       // the user switched the headset on
        assertTrue(nextChange());
    }

    @Test
    void disconnectSignalDropsTheBluetoothRoute() throws Exception {
        FakeBluez.Device device = bluez.addDevice(HEADSET, "Jabra Evolve 65", true);
        AlsaAudioBackend audio = new AlsaAudioBackend(new AudioConfig(List.of(
                new RouteDevices(LTAudioRoute.BUILTIN, "hifiberry", "hifiberry", 1.0),
                new RouteDevices(LTAudioRoute.BLUETOOTH, "bluealsa", "bluealsa", 1.0)), 4, Duration.ofSeconds(2)),
                new ListedDevices(), HalClock.system());
        BlockingQueue<Set<LTAudioRoute>> routes = new LinkedBlockingQueue<>();
        audio.setRouteListener(routes::add);
        try {
            start(true);
            headset.addListener(audio::setBluetoothConnected);
            assertTrue(nextChange());
            assertEquals(Set.of(LTAudioRoute.BUILTIN, LTAudioRoute.BLUETOOTH), routes.poll(10, TimeUnit.SECONDS));

            device.dropLink();

            assertFalse(nextChange());
            assertEquals(Set.of(LTAudioRoute.BUILTIN), routes.poll(10, TimeUnit.SECONDS));
            assertEquals(Set.of(LTAudioRoute.BUILTIN), audio.availableRoutes());
        } finally {
            audio.close();
        }
    }

    @Test
    void bluezGoingAwayCountsAsDisconnectedAndItsReturnReconnects() throws Exception {
        bluez.addDevice(HEADSET, "Jabra Evolve 65", true);
        start(true);
        assertTrue(nextChange());

        bluez.close();                                   // bluetoothd crashed
        assertFalse(nextChange());

        bluez = new FakeBluez(daemon.address());         // and systemd restarted it
        bluez.addDevice(HEADSET, "Jabra Evolve 65", true);
        assertTrue(nextChange());
    }

    @Test
    void headsetNotYetPairedIsFoundOnceItAppears() throws Exception {
        start(true);
        Threads.awaitCondition(() -> changes.isEmpty() && headset.devicePath().isEmpty(), 10_000, () -> "not found");
        bluez.addDevice(HEADSET, "Jabra Evolve 65", true);

        assertTrue(nextChange(), "found on a later look and connected");
    }

    @Test
    void refusedConnectIsRetried() throws Exception {
        FakeBluez.Device device = bluez.addDevice(HEADSET, "Jabra Evolve 65", true);
        device.refuseConnect = true;
        start(true);
        Threads.awaitCondition(() -> device.connectCalls.get() >= 2, 10_000, () -> "second Connect()");
        device.refuseConnect = false;

        assertTrue(nextChange());
    }

    @Test
    void badAddressIsRejectedWithTheFieldName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BluetoothConfig.headset("AC:12:2F:00:5B"));
        assertTrue(e.getMessage().startsWith("bluetooth.address: "), e.getMessage());
    }

    @Test
    void startingAndStoppingTwiceLeavesNoThread() throws Exception {
        bluez.addDevice(HEADSET, "Jabra Evolve 65", true);
        Set<String> before = null;
        for (int i = 0; i < 3; i++) {
            if (i == 1) {
                // after a warm-up round: the fake BlueZ's own connection starts its method-call
                // threads on the first calls it serves, and those belong to the test's peer
                before = Threads.allThreads();
            }
            BluezHeadset h = new BluezHeadset(config(true), HalClock.system());
            Threads.awaitCondition(h::isConnected, 10_000, () -> "connected");
            h.close();
        }
        Threads.awaitNoNewThreads(before);
    }

    /** bluealsa and the on-board card, always present. */
    private static final class ListedDevices implements SoundSystem {
        @Override
        public List<AudioDeviceInfo> devices() {
            return List.of(
                    new AudioDeviceInfo("Device [plughw:0,0]", "Direct Audio Device: snd_rpi_hifiberry_dacplusadc", true, true),
                    new AudioDeviceInfo("bluealsa [bluealsa]", "Direct Audio Device: Bluetooth Audio, BlueALSA", true, true));
        }

        @Override
        public TargetDataLine openCapture(AudioDeviceInfo device, AudioFormat format, int bufferBytes)
                throws LineUnavailableException {
            throw new LineUnavailableException("not used here");
        }

        @Override
        public SourceDataLine openPlayback(AudioDeviceInfo device, AudioFormat format, int bufferBytes)
                throws LineUnavailableException {
            throw new LineUnavailableException("not used here");
        }
    }
}
