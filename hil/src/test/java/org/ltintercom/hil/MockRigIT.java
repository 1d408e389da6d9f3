package org.ltintercom.hil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hil.scenarios.DeviceConfigs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mock rig itself: it drives the app's real Pi4J mock pins and leaves nothing running. */
class MockRigIT {

    @TempDir
    Path dir;

    private static String offlineConfig() {
        int dead = DeviceConfigs.deadPort();
        return DeviceConfigs.doorStation("door-1", "uuid-1", "http://127.0.0.1:" + dead, "tcp://127.0.0.1:" + dead, "flat-1");
    }

    @Test
    void twoStartStopCyclesLeaveNoThreadBehind() {
        Set<String> before = RigThreads.names();
        for (int cycle = 0; cycle < 2; cycle++) {
            try (MockRig rig = new MockRig(dir.resolve("cycle-" + cycle))) {
                rig.startApp(offlineConfig(), DeviceConfigs.secrets("demo-license", "4711"));
                assertTrue(RigThreads.names().contains(RigClock.THREAD), RigThreads.names().toString());
                long pressed = System.nanoTime();
                rig.clickCallButton();
                LedPatternReader.await(rig.statusLed(), LedPattern.ERROR, pressed, Duration.ofSeconds(20));
            }
            RigThreads.assertNoneBeyond(before, "cycle " + cycle);
        }
    }

    @Test
    void theHalSectionComesFromTheRig() {
        try (MockRig rig = new MockRig(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rig.startApp(offlineConfig() + "hal:\n  platform: simulated\n", null));
            assertTrue(e.getMessage().startsWith("configYaml: the hal section"), e.getMessage());
            assertThrows(IllegalStateException.class, rig::statusLed, "nothing recorded before the app starts");
        }
    }
}
