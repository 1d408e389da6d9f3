package org.ltintercom.hal;

import org.junit.jupiter.api.Test;
import org.ltintercom.hal.gpio.ButtonConfig;
import org.ltintercom.hal.gpio.ButtonEvent;
import org.ltintercom.hal.gpio.ButtonRole;
import org.ltintercom.hal.gpio.ButtonsConfig;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hal.gpio.Polarity;
import org.ltintercom.hal.gpio.Pull;
import org.ltintercom.hal.gpio.RelayConfig;
import org.ltintercom.hal.presenter.ButtonCommand;
import org.ltintercom.hal.presenter.RegistrationState;
import org.ltintercom.hal.sim.SimulatedStation;
import org.ltintercom.hal.sim.Simulator;
import org.ltintercom.hal.testing.Threads;
import org.ltintercom.hal.time.ManualClock;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCallPresenterState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The factory builds the same station on the simulated twin and on the Pi4J mock platform. */
class HalFactoryTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void simulatedStationRingsTheBellAndOpensTheDoor() {
        try (Hardware hw = HalFactory.create(SimulatedStation.referenceDoorStation(HalConfig.Platform.SIMULATED), clock)) {
            scenario(hw);
        }
    }

    @Test
    void pi4jMockStationBehavesTheSameThroughRealPi4jPins() {
        try (Hardware hw = HalFactory.create(SimulatedStation.referenceDoorStation(HalConfig.Platform.PI4J_MOCK), clock)) {
            // the mock's pins start low, which an active-low button reads as pressed: let go first
            Simulator sim = hw.simulator().orElseThrow();
            sim.release(ButtonRole.CALL);
            sim.release(ButtonRole.HANG_UP);
            sim.release(ButtonRole.MUTE);
            clock.advanceMillis(100);
            scenario(hw);
            assertTrue(hw.pi4j().orElseThrow().mockOutputHigh(23), "relay released after its pulse");
        }
    }

    private void scenario(Hardware hw) {
        Simulator sim = hw.simulator().orElseThrow();
        List<ButtonCommand> commands = new ArrayList<>();
        hw.buttons().addListener((ButtonEvent e) -> {
            ButtonCommand command = hw.presenter().commandFor(e);
            if (command.action() != ButtonCommand.Action.NONE) {
                synchronized (commands) {
                    commands.add(command);
                }
            }
        });
        hw.presenter().onRegistrationChanged(RegistrationState.REGISTERED);
        clock.settle();
        assertEquals(LedPattern.ON, hw.statusLed().pattern());

        sim.click(ButtonRole.CALL);
        clock.advanceMillis(500);
        assertEquals(List.of(new ButtonCommand(ButtonCommand.Action.CALL, null)), commands);

        hw.presenter().onCallChanged("door-1", LTCallPresenterState.OUTGOING);
        clock.advanceMillis(1000);
        assertEquals(LedPattern.DOUBLE_BLINK, hw.statusLed().pattern());
        assertTrue(sim.audio().playedFrames(LTAudioRoute.SPEAKER).size() >= 50, "ringback on the loud speaker");

        hw.presenter().onCallConnected("door-1");
        hw.relay().orElseThrow().pulse();
        clock.advanceMillis(3000);
        assertFalse(hw.relay().orElseThrow().isEnergised());
        assertEquals(2, sim.relayChanges().size());

        sim.click(ButtonRole.HANG_UP);
        clock.advanceMillis(500);
        assertEquals(new ButtonCommand(ButtonCommand.Action.HANG_UP, "door-1"), commands.get(commands.size() - 1));
        hw.presenter().onCallChanged("door-1", LTCallPresenterState.END);
        clock.settle();
        assertEquals(LedPattern.ON, hw.statusLed().pattern());
    }

    @Test
    void simulatedHeadsetAndUsbCardToggleTheRoutes() {
        try (Hardware hw = HalFactory.create(SimulatedStation.referenceDoorStation(HalConfig.Platform.SIMULATED), clock)) {
            List<Set<LTAudioRoute>> changes = new ArrayList<>();
            hw.audio().setRouteListener(changes::add);
            Simulator sim = hw.simulator().orElseThrow();
            assertEquals(EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER, LTAudioRoute.HEADPHONES),
                    hw.audio().availableRoutes());

            sim.plugUsbHeadset(false);
            sim.setHeadsetConnected(true);
            assertTrue(hw.audio().availableRoutes().contains(LTAudioRoute.BLUETOOTH));
            sim.setHeadsetConnected(false);
            sim.plugUsbHeadset(true);

            assertEquals(List.of(EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER),
                    EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER, LTAudioRoute.BLUETOOTH),
                    EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER),
                    EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER, LTAudioRoute.HEADPHONES)), changes);
        }
    }

    @Test
    void closingTurnsLedsAndRelayOff() {
        Hardware hw = HalFactory.create(SimulatedStation.referenceDoorStation(HalConfig.Platform.PI4J_MOCK), clock);
        hw.statusLed().show(LedPattern.ON);
        hw.relay().orElseThrow().pulse();
        clock.settle();
        var pi4j = hw.pi4j().orElseThrow();
        assertFalse(pi4j.mockOutputHigh(23), "relay on (active low)");
        List<Boolean> relayPin = new ArrayList<>();
        pi4j.watchMockOutput(23, relayPin::add);
        hw.close();

        assertEquals(List.of(true), relayPin, "relay released at shutdown");
        assertEquals(LedPattern.OFF, hw.statusLed().pattern());
        assertFalse(hw.relay().orElseThrow().isEnergised());
    }

    @Test
    void startingAndStoppingTwiceLeavesNoThreadBehind() {
        Set<String> before = Threads.allThreads();
        for (HalConfig.Platform platform : List.of(HalConfig.Platform.SIMULATED, HalConfig.Platform.PI4J_MOCK)) {
            for (int i = 0; i < 2; i++) {
                Hardware hw = HalFactory.create(SimulatedStation.referenceDoorStation(platform), clock);
                hw.presenter().onCallChanged("c", LTCallPresenterState.INCOMING);
                clock.advanceMillis(200);
                hw.close();
            }
        }
        Threads.awaitNoNewThreads(before);
    }

    @Test
    void aPinUsedTwiceIsRejectedNamingBothUses() {
        HalConfig good = SimulatedStation.referenceDoorStation(HalConfig.Platform.SIMULATED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HalConfig(
                good.platform(), good.buttons(), good.leds(), RelayConfig.of(17, Polarity.ACTIVE_LOW, Duration.ofSeconds(3)),
                good.audio(), good.bluetooth(), null));
        assertEquals("relay.pin: GPIO17 is already used by buttons.call.pin", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ButtonsConfig(ButtonConfig.activeLow(17),
                new ButtonConfig(17, Polarity.ACTIVE_LOW, Pull.AUTO, Duration.ofMillis(30)), null,
                Duration.ofSeconds(1), Duration.ofSeconds(20)));
        assertTrue(e.getMessage().startsWith("buttons.hangUp.pin: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ButtonsConfig(ButtonConfig.activeLow(17), null, null,
                Duration.ofSeconds(5), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().startsWith("buttons.stuckLimit: "), e.getMessage());
    }
}
