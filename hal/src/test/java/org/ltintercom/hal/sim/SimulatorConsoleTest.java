package org.ltintercom.hal.sim;

import org.junit.jupiter.api.Test;
import org.ltintercom.hal.HalConfig;
import org.ltintercom.hal.HalFactory;
import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.audio.AudioConfig;
import org.ltintercom.hal.audio.RouteDevices;
import org.ltintercom.hal.bluetooth.BluetoothConfig;
import org.ltintercom.hal.gpio.ButtonConfig;
import org.ltintercom.hal.gpio.ButtonEvent;
import org.ltintercom.hal.gpio.ButtonGesture;
import org.ltintercom.hal.gpio.ButtonsConfig;
import org.ltintercom.hal.gpio.LedConfig;
import org.ltintercom.hal.gpio.Polarity;
import org.ltintercom.hal.testing.Threads;
import org.ltintercom.hal.time.HalClock;
import org.ltintercom.sdk.call.LTAudioRoute;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys typed into the console press simulated buttons and toggle routes. */
class SimulatorConsoleTest {

    @Test
    void keysPressButtonsAndToggleTheHeadset() throws Exception {
        HalConfig config = new HalConfig(HalConfig.Platform.SIMULATED, ButtonsConfig.callOnly(ButtonConfig.activeLow(17)),
                List.of(new LedConfig("status", 18, Polarity.ACTIVE_HIGH, true)), null,
                AudioConfig.of(new RouteDevices(LTAudioRoute.BUILTIN, "usb", "usb", 1.0),
                        new RouteDevices(LTAudioRoute.BLUETOOTH, "bluealsa", "bluealsa", 1.0)),
                BluetoothConfig.headset("AC:12:2F:00:5B:7E"), null);
        Set<String> before = Threads.allThreads();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PipedOutputStream keys = new PipedOutputStream();
        List<ButtonEvent> events = new CopyOnWriteArrayList<>();
        try (Hardware hw = HalFactory.create(config, HalClock.system());
             SimulatorConsole console = new SimulatorConsole(hw.simulator().orElseThrow(), hw.leds(),
                     new PipedInputStream(keys), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            hw.buttons().addListener(events::add);
            keys.write("c\nb\nx\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();

            Threads.awaitCondition(() -> events.stream().anyMatch(e -> e.gesture() == ButtonGesture.SHORT_PRESS),
                    10_000, () -> "short press from key c: " + events);
            Threads.awaitCondition(() -> hw.audio().availableRoutes().contains(LTAudioRoute.BLUETOOTH),
                    10_000, () -> "headset from key b");
            Threads.awaitCondition(() -> printed.toString(StandardCharsets.UTF_8).contains("unknown key \"x\""),
                    10_000, printed::toString);
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Bluetooth headset connected"));
        }
        Threads.awaitNoNewThreads(before);
    }
}
