package org.ltintercom.hal;

import org.ltintercom.hal.audio.AudioConfig;
import org.ltintercom.hal.bluetooth.BluetoothConfig;
import org.ltintercom.hal.gpio.ButtonConfig;
import org.ltintercom.hal.gpio.ButtonRole;
import org.ltintercom.hal.gpio.ButtonsConfig;
import org.ltintercom.hal.gpio.LedConfig;
import org.ltintercom.hal.gpio.RelayConfig;
import org.ltintercom.hal.presenter.PresenterConfig;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the HAL needs to know about the station's hardware; one record, validated as a
 * whole (a pin used twice is named with both of its uses). See {@code docs/hardware.md}.
 *
 * @param platform  which implementation: the simulated twin, Pi4J's mock platform, or a real Pi
 * @param buttons   call button (+ hang-up, mute)
 * @param leds      status LEDs; the first one shows the call presenter's state
 * @param relay     the door opener, or null (an indoor unit has none)
 * @param audio     sound devices per route
 * @param bluetooth the paired headset, or null
 * @param presenter how calls are shown; null for the defaults
 */
public record HalConfig(Platform platform, ButtonsConfig buttons, List<LedConfig> leds, RelayConfig relay,
                        AudioConfig audio, BluetoothConfig bluetooth, PresenterConfig presenter) {

    /** Where the HAL's parts come from. */
    public enum Platform {
        /** No hardware: buttons pressed from code, LEDs as events, audio in memory. */
        SIMULATED,
        /** Pi4J's mock platform for GPIO (the real Pi4J code path), simulated audio and Bluetooth. */
        PI4J_MOCK,
        /** A Raspberry Pi 4/5: gpiod + linuxfs PWM, ALSA, BlueZ. */
        RASPBERRY_PI
    }

    public HalConfig {
        ConfigCheck.required(platform, "platform");
        ConfigCheck.required(buttons, "buttons");
        ConfigCheck.required(leds, "leds");
        leds = List.copyOf(leds);
        if (leds.isEmpty()) {
            throw new IllegalArgumentException("leds: at least the status LED is required");
        }
        ConfigCheck.required(audio, "audio");
        presenter = presenter == null ? PresenterConfig.defaults() : presenter;

        Map<Integer, String> pins = new HashMap<>();
        for (Map.Entry<ButtonRole, ButtonConfig> b : buttons.byRole().entrySet()) {
            pins.put(b.getValue().pin(), "buttons." + b.getKey().name().toLowerCase(java.util.Locale.ROOT) + ".pin");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < leds.size(); i++) {
            LedConfig led = leds.get(i);
            claim(pins, led.pin(), "leds[" + i + "].pin");
            if (!names.add(led.name())) {
                throw new IllegalArgumentException("leds[" + i + "].name: \"" + led.name() + "\" is used twice");
            }
        }
        if (relay != null) {
            claim(pins, relay.pin(), "relay.pin");
        }
    }

    private static void claim(Map<Integer, String> pins, int pin, String field) {
        String previous = pins.putIfAbsent(pin, field);
        if (previous != null) {
            throw new IllegalArgumentException(field + ": GPIO" + pin + " is already used by " + previous);
        }
    }

    /** The same configuration on another platform (e.g. a Pi's config run in the simulator). */
    public HalConfig on(Platform other) {
        return new HalConfig(other, buttons, leds, relay, audio, bluetooth, presenter);
    }
}
