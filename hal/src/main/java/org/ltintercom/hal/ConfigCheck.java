package org.ltintercom.hal;

import java.time.Duration;

/**
 * Validation for the HAL's configuration records: every failure names the field (as written in
 * the device configuration, e.g. {@code relay.pulse}) and the reason, so a bad provisioning
 * message can be rejected with a message a person can act on.
 */
public final class ConfigCheck {

    /** BCM GPIO numbers that exist on the 40-pin header of a Pi 4 / Pi 5. */
    public static final int MAX_BCM_PIN = 27;

    private ConfigCheck() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": is required");
        }
        return value;
    }

    public static int bcmPin(int pin, String field) {
        if (pin < 2 || pin > MAX_BCM_PIN) {
            throw new IllegalArgumentException(field + ": BCM pin must be 2.." + MAX_BCM_PIN
                    + " (0 and 1 are the HAT EEPROM bus), was " + pin);
        }
        return pin;
    }

    public static Duration between(Duration value, Duration min, Duration max, String field) {
        required(value, field);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + ": must be between " + min.toMillis() + " ms and "
                    + max.toMillis() + " ms, was " + value.toMillis() + " ms");
        }
        return value;
    }

    public static double between(double value, double min, double max, String field) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + ": must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public static int between(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public static String notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        return value;
    }
}
