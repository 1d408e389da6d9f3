package org.ltintercom.callserver;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SIP options of {@code java -jar call-server.jar}. */
class MainOptionsTest {

    @Test
    void sipOptionsDefaultToPort5070ThirtySecondsAndDeclineEverywhere() {
        Main main = new Main();
        new CommandLine(main).parseArgs();
        assertEquals(5070, main.sipPort);
        assertEquals(30, main.ringTimeoutSeconds);
        assertTrue(main.declineEverywhere);
        assertNull(main.mqttUrl);
        assertEquals(1883, main.mqttPort, "the embedded broker on the MQTT port unless --mqtt-url is given");
        assertFalse(main.noMqtt);
    }

    @Test
    void sipOptionsAreParsed() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--sip-port", "0", "--ring-timeout", "45", "--decline-everywhere", "false",
                "--mqtt-url", "tcp://127.0.0.1:1883");
        assertEquals(0, main.sipPort);
        assertEquals(45, main.ringTimeoutSeconds);
        assertFalse(main.declineEverywhere);
        assertEquals("tcp://127.0.0.1:1883", main.mqttUrl);
    }
}
