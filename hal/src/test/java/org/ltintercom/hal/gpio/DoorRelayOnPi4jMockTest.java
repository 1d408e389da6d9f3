package org.ltintercom.hal.gpio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.hal.time.HalScheduler;
import org.ltintercom.hal.time.ManualClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The door relay on the Pi4J mock platform (an active-low relay module on GPIO 23). */
class DoorRelayOnPi4jMockTest {

    private static final int PIN = 23;
    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock();
    private final Pi4jGpio gpio = Pi4jGpio.mock();
    private final HalScheduler outputs = new HalScheduler("lt-hal-outputs", clock);
    private final List<String> changes = new ArrayList<>();
    private final PulsedDoorRelay relay = PulsedDoorRelay.onPi4j(
            RelayConfig.of(PIN, Polarity.ACTIVE_LOW, Duration.ofSeconds(3)), gpio, outputs);

    {
        relay.addListener((on, at) -> changes.add(at / MS + (on ? ":on" : ":off")));
    }

    @AfterEach
    void stop() {
        relay.close();
        outputs.close();
        gpio.close();
    }

    @Test
    void relayIsOffAtStart() {
        assertFalse(relay.isEnergised());
        assertTrue(gpio.mockOutputHigh(PIN), "active-low module: high = released");
    }

    @Test
    void pulseEnergisesForTheConfiguredLength() {
        relay.pulse();
        clock.settle();
        assertFalse(gpio.mockOutputHigh(PIN));
        clock.advanceMillis(2999);
        assertTrue(relay.isEnergised());
        clock.advanceMillis(1);

        assertFalse(relay.isEnergised());
        assertTrue(gpio.mockOutputHigh(PIN));
        assertEquals(List.of("0:on", "3000:off"), changes);
    }

    @Test
    void secondPulseWhilePulsingExtendsInsteadOfStacking() {
        relay.pulse();
        clock.advanceMillis(1000);
        relay.pulse();
        clock.advanceMillis(10_000);

        assertEquals(List.of("0:on", "4000:off"), changes);
    }

    @Test
    void repeatedPulsesCannotHoldTheDoorOpenPastTheMaximum() {
        for (int i = 0; i < 20; i++) {
            relay.pulse();
            clock.advanceMillis(1000);
        }
        clock.advanceMillis(10_000);

        assertEquals("0:on", changes.get(0));
        assertEquals("9000:off", changes.get(1), "maxHold = 3 pulses");
    }

    @Test
    void shutdownWhilePulsingReleasesTheRelay() {
        List<Boolean> pin = new ArrayList<>();
        gpio.watchMockOutput(PIN, pin::add);
        relay.pulse();
        clock.advanceMillis(500);
        relay.close();

        assertFalse(relay.isEnergised());
        assertEquals(List.of(false, true), pin);
        assertEquals(List.of("0:on", "500:off"), changes);
    }

    @Test
    void badConfigurationNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.of(PIN, Polarity.ACTIVE_LOW, Duration.ofMillis(10)));
        assertTrue(e.getMessage().startsWith("relay.pulse: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RelayConfig.of(40, Polarity.ACTIVE_LOW, Duration.ofSeconds(3)));
        assertTrue(e.getMessage().startsWith("relay.pin: "), e.getMessage());
    }
}
