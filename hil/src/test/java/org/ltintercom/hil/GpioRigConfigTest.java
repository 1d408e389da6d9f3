package org.ltintercom.hil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.hal.gpio.Polarity;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GPIO rig's wiring file: the shipped one reads, mistakes name the key and the reason. */
class GpioRigConfigTest {

    @TempDir
    Path dir;

    @Test
    void theShippedWiringFileReads() {
        GpioRigConfig config = GpioRigConfig.read(Path.of("rig-gpio.properties"));
        assertEquals(17, config.appCallPin());
        assertEquals(5, config.rigButtonPin());
        assertEquals(Polarity.ACTIVE_LOW, config.appRelayPolarity());
    }

    private String error(String text) throws Exception {
        Path file = dir.resolve("rig.properties");
        Files.writeString(file, text);
        return assertThrows(IllegalArgumentException.class, () -> GpioRigConfig.read(file)).getMessage();
    }

    @Test
    void mistakesNameTheKeyAndTheReason() throws Exception {
        String base = Files.readString(Path.of("rig-gpio.properties"));
        assertTrue(error(base.replace("rig.ledPin=6", "rig.ledPin=17")).contains("rig.ledPin: GPIO17 is already used by app.callPin"));
        assertTrue(error(base.replace("rig.relayPin=16", "rig.relayPin=sixteen")).contains("rig.relayPin: not a number: \"sixteen\""));
        assertTrue(error(base + "rig.buttonPn=5\n").contains("rig.buttonPn: unknown key"));
        assertTrue(error(base.replace("app.relayPolarity=ACTIVE_LOW", "app.relayPolarity=LOW"))
                .contains("app.relayPolarity: must be ACTIVE_LOW or ACTIVE_HIGH"));
        assertTrue(error(base.replace("rig.soundCard=Device_1", "rig.soundCard=")).contains("rig.soundCard: required"));
    }

    @Test
    void gpioRigNeedsAWiringFile() {
        String previousRig = System.getProperty(Rigs.RIG_PROPERTY);
        String previousFile = System.getProperty(Rigs.CONFIG_PROPERTY);
        try {
            System.setProperty(Rigs.RIG_PROPERTY, "gpio");
            System.clearProperty(Rigs.CONFIG_PROPERTY);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Rigs.fromSystemProperties(dir))
                    .getMessage().startsWith("rig.config: required"));
            System.setProperty(Rigs.RIG_PROPERTY, "gpoi");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Rigs.fromSystemProperties(dir))
                    .getMessage().contains("must be mock or gpio"));
        } finally {
            restore(Rigs.RIG_PROPERTY, previousRig);
            restore(Rigs.CONFIG_PROPERTY, previousFile);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
