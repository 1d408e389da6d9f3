package org.ltintercom.hal.gpio;

import org.ltintercom.hal.ConfigCheck;

import java.time.Duration;

/**
 * One button's wiring.
 *
 * @param pin      BCM GPIO number
 * @param polarity ACTIVE_LOW for a button to ground (the usual wiring)
 * @param pull     internal pull resistor
 * @param debounce how long the level must be stable before it counts (default 30 ms)
 */
public record ButtonConfig(int pin, Polarity polarity, Pull pull, Duration debounce) {

    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(30);

    public ButtonConfig {
        ConfigCheck.bcmPin(pin, "pin");
        ConfigCheck.required(polarity, "polarity");
        ConfigCheck.required(pull, "pull");
        ConfigCheck.between(debounce, Duration.ZERO, Duration.ofMillis(500), "debounce");
    }

    /** An active-low button with the internal pull-up and the default debounce. */
    public static ButtonConfig activeLow(int pin) {
        return new ButtonConfig(pin, Polarity.ACTIVE_LOW, Pull.AUTO, DEFAULT_DEBOUNCE);
    }

    public ButtonConfig withPolarity(Polarity newPolarity) {
        return new ButtonConfig(pin, newPolarity, pull, debounce);
    }

    public ButtonConfig withDebounce(Duration newDebounce) {
        return new ButtonConfig(pin, polarity, pull, newDebounce);
    }

    /** The pull resistor to ask for, resolving AUTO from the polarity. */
    public Pull effectivePull() {
        if (pull != Pull.AUTO) {
            return pull;
        }
        return polarity == Polarity.ACTIVE_LOW ? Pull.UP : Pull.DOWN;
    }
}
