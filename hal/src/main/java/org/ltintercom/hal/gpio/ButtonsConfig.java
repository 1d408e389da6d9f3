package org.ltintercom.hal.gpio;

import org.ltintercom.hal.ConfigCheck;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The station's buttons and how presses are classified.
 *
 * @param call       the call button (required)
 * @param hangUp     a dedicated hang-up button, or null
 * @param mute       a mute button, or null
 * @param longPress  held at least this long = long press (hang up); default 1.5 s
 * @param stuckLimit held at least this long = stuck; reported once, then ignored until released; default 20 s
 * @param chatterPresses more presses than this within {@code chatterWindow} = chatter (default 8)
 * @param chatterWindow  the chatter window, and how long a chattering button must be quiet to count again (default 10 s)
 */
public record ButtonsConfig(ButtonConfig call, ButtonConfig hangUp, ButtonConfig mute,
                            Duration longPress, Duration stuckLimit, int chatterPresses, Duration chatterWindow) {

    public static final Duration DEFAULT_LONG_PRESS = Duration.ofMillis(1500);
    public static final Duration DEFAULT_STUCK_LIMIT = Duration.ofSeconds(20);
    public static final int DEFAULT_CHATTER_PRESSES = 8;
    public static final Duration DEFAULT_CHATTER_WINDOW = Duration.ofSeconds(10);

    /** With the default chatter limits. */
    public ButtonsConfig(ButtonConfig call, ButtonConfig hangUp, ButtonConfig mute, Duration longPress, Duration stuckLimit) {
        this(call, hangUp, mute, longPress, stuckLimit, DEFAULT_CHATTER_PRESSES, DEFAULT_CHATTER_WINDOW);
    }

    public ButtonsConfig {
        ConfigCheck.required(call, "buttons.call");
        ConfigCheck.between(longPress, Duration.ofMillis(200), Duration.ofSeconds(10), "buttons.longPress");
        ConfigCheck.between(stuckLimit, Duration.ofSeconds(1), Duration.ofHours(1), "buttons.stuckLimit");
        if (stuckLimit.compareTo(longPress) <= 0) {
            throw new IllegalArgumentException("buttons.stuckLimit: must be longer than buttons.longPress ("
                    + longPress.toMillis() + " ms), was " + stuckLimit.toMillis() + " ms");
        }
        ConfigCheck.between(chatterPresses, 2, 1_000_000, "buttons.chatterPresses");
        ConfigCheck.between(chatterWindow, Duration.ofSeconds(1), Duration.ofMinutes(10), "buttons.chatterWindow");
        Map<Integer, String> pins = new java.util.HashMap<>();
        for (Map.Entry<ButtonRole, ButtonConfig> e : byRole(call, hangUp, mute).entrySet()) {
            String field = "buttons." + fieldName(e.getKey()) + ".pin";
            String previous = pins.put(e.getValue().pin(), field);
            if (previous != null) {
                throw new IllegalArgumentException(field + ": pin " + e.getValue().pin() + " is already used by " + previous);
            }
        }
    }

    /** Only a call button, with default thresholds. */
    public static ButtonsConfig callOnly(ButtonConfig call) {
        return new ButtonsConfig(call, null, null, DEFAULT_LONG_PRESS, DEFAULT_STUCK_LIMIT);
    }

    /** The configured buttons by role. */
    public Map<ButtonRole, ButtonConfig> byRole() {
        return byRole(call, hangUp, mute);
    }

    private static Map<ButtonRole, ButtonConfig> byRole(ButtonConfig call, ButtonConfig hangUp, ButtonConfig mute) {
        Map<ButtonRole, ButtonConfig> map = new EnumMap<>(ButtonRole.class);
        map.put(ButtonRole.CALL, call);
        if (hangUp != null) {
            map.put(ButtonRole.HANG_UP, hangUp);
        }
        if (mute != null) {
            map.put(ButtonRole.MUTE, mute);
        }
        return map;
    }

    private static String fieldName(ButtonRole role) {
        return switch (role) {
            case CALL -> "call";
            case HANG_UP -> "hangUp";
            case MUTE -> "mute";
        };
    }
}
