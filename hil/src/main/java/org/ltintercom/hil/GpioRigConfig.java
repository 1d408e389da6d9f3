package org.ltintercom.hil;

import org.ltintercom.hal.gpio.Polarity;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The wiring of a {@link GpioRig} (see docs/hardware.md, "Hardware-in-loop rig"), read from a small
 * properties file: the intercom's own pins and sound card, and the rig's spare pins and second sound
 * card wired to them. Every error names the key and the reason; a pin used twice is refused.
 *
 * @param appCallPin      BCM pin of the intercom's call button input
 * @param appLedPin       BCM pin of the intercom's status LED output
 * @param appRelayPin     BCM pin of the intercom's door relay output
 * @param appRelayPolarity the relay output's polarity (a relay module is usually ACTIVE_LOW)
 * @param appSoundCard    name (substring) of the intercom's sound card, its mic and speaker
 * @param rigButtonPin    rig output wired (through 1 kOhm) to the call button input
 * @param rigLedPin       rig input wired to the status LED output
 * @param rigRelayPin     rig input wired to the relay output
 * @param rigSoundCard    name (substring) of the rig's own sound card: its line out feeds the
 *                        intercom's mic, its line in hears the intercom's speaker output
 */
public record GpioRigConfig(int appCallPin, int appLedPin, int appRelayPin, Polarity appRelayPolarity, String appSoundCard,
                            int rigButtonPin, int rigLedPin, int rigRelayPin, String rigSoundCard) {

    private static final Set<String> KEYS = Set.of("app.callPin", "app.ledPin", "app.relayPin", "app.relayPolarity",
            "app.soundCard", "rig.buttonPin", "rig.ledPin", "rig.relayPin", "rig.soundCard");

    public GpioRigConfig {
        Map<Integer, String> used = new HashMap<>();
        claim(used, appCallPin, "app.callPin");
        claim(used, appLedPin, "app.ledPin");
        claim(used, appRelayPin, "app.relayPin");
        claim(used, rigButtonPin, "rig.buttonPin");
        claim(used, rigLedPin, "rig.ledPin");
        claim(used, rigRelayPin, "rig.relayPin");
        if (appRelayPolarity == null) {
            throw new IllegalArgumentException("app.relayPolarity: required (ACTIVE_LOW or ACTIVE_HIGH)");
        }
        requireText(appSoundCard, "app.soundCard");
        requireText(rigSoundCard, "rig.soundCard");
    }

    /** Reads {@code file}; unknown keys are refused (a typo must not fall back to a default pin). */
    public static GpioRigConfig read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("rig config " + file + ": " + e.getMessage(), e);
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": " + key + ": unknown key (allowed: " + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        try {
            return new GpioRigConfig(pin(p, "app.callPin"), pin(p, "app.ledPin"), pin(p, "app.relayPin"),
                    polarity(p, "app.relayPolarity"), p.getProperty("app.soundCard"),
                    pin(p, "rig.buttonPin"), pin(p, "rig.ledPin"), pin(p, "rig.relayPin"), p.getProperty("rig.soundCard"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static int pin(Properties p, String key) {
        String text = p.getProperty(key);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(key + ": required (a BCM GPIO number 0..27)");
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: \"" + text.trim() + "\"");
        }
    }

    private static Polarity polarity(Properties p, String key) {
        String text = p.getProperty(key, "ACTIVE_LOW").trim().toUpperCase(Locale.ROOT);
        try {
            return Polarity.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": must be ACTIVE_LOW or ACTIVE_HIGH, was \"" + text + "\"");
        }
    }

    private static void claim(Map<Integer, String> used, int pin, String key) {
        if (pin < 0 || pin > 27) {
            throw new IllegalArgumentException(key + ": must be a header GPIO 0..27, was " + pin);
        }
        String previous = used.putIfAbsent(pin, key);
        if (previous != null) {
            throw new IllegalArgumentException(key + ": GPIO" + pin + " is already used by " + previous);
        }
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": required (part of the ALSA card name, e.g. \"USB Audio Device\")");
        }
    }
}
