package org.ltintercom.hal.gpio;

import org.ltintercom.hal.ConfigCheck;

/**
 * One status LED.
 *
 * @param name      shown in logs and LED events (e.g. "status", "call")
 * @param pin       BCM GPIO number
 * @param polarity  ACTIVE_HIGH for an LED from the pin through a resistor to ground
 * @param dimmable  use hardware PWM for BREATHING when the pin has it (BCM 12, 13, 18, 19)
 */
public record LedConfig(String name, int pin, Polarity polarity, boolean dimmable) {

    public LedConfig {
        ConfigCheck.notBlank(name, "led.name");
        ConfigCheck.bcmPin(pin, "led.pin");
        ConfigCheck.required(polarity, "led.polarity");
    }
}
