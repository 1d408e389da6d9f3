package org.ltintercom.hal.gpio;

import org.ltintercom.hal.ConfigCheck;

import java.time.Duration;

/**
 * The door-opener relay.
 *
 * @param pin      BCM GPIO number driving the relay module / transistor
 * @param polarity most opto-isolated relay modules are ACTIVE_LOW; a bare NPN transistor is ACTIVE_HIGH
 * @param pulse    how long one "open door" energises the strike (default 3 s)
 * @param maxHold  a pulse requested while pulsing extends the pulse, but never past this much
 *                 after the pulse began, so a command loop cannot keep the door unlocked
 */
public record RelayConfig(int pin, Polarity polarity, Duration pulse, Duration maxHold) {

    public static final Duration DEFAULT_PULSE = Duration.ofSeconds(3);

    public RelayConfig {
        ConfigCheck.bcmPin(pin, "relay.pin");
        ConfigCheck.required(polarity, "relay.polarity");
        ConfigCheck.between(pulse, Duration.ofMillis(100), Duration.ofSeconds(30), "relay.pulse");
        ConfigCheck.between(maxHold, Duration.ofMillis(100), Duration.ofSeconds(120), "relay.maxHold");
        if (maxHold.compareTo(pulse) < 0) {
            throw new IllegalArgumentException("relay.maxHold: must be at least relay.pulse ("
                    + pulse.toMillis() + " ms), was " + maxHold.toMillis() + " ms");
        }
    }

    /** Pulse of {@code pulse}, extension capped at three pulses. */
    public static RelayConfig of(int pin, Polarity polarity, Duration pulse) {
        return new RelayConfig(pin, polarity, pulse, pulse.multipliedBy(3));
    }
}
