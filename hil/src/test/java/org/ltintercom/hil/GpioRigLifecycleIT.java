package org.ltintercom.hil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hil.scenarios.DegradedModeIT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GPIO rig (on jumper wires) starts its sound pumps with the app and leaves nothing running when closed. */
class GpioRigLifecycleIT {

    @TempDir
    Path dir;

    /** Our threads and Pi4J's: everything a rig and its app may start. */
    private static Set<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("lt-") || n.toLowerCase().contains("pi4j"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A click through the rig's button wire: the offline app queues it and shows its ERROR pattern. */
    private static void pressReachesTheApp(GpioRig rig) {
        long pressed = System.nanoTime();
        rig.clickCallButton();
        rig.statusLed().await("the press queued as an event", rig.patience(), t -> rig.app().pendingEvents().size() == 1);
        LedPatternReader.await(rig.statusLed(), LedPattern.ERROR, pressed, rig.patience());
    }

    @Test
    void twoStartStopCyclesLeaveNoThreadBehind() {
        Set<String> before = threads();
        for (int cycle = 0; cycle < 2; cycle++) {
            try (GpioRig rig = JumperWires.rig(dir.resolve("cycle-" + cycle))) {
                DegradedModeIT.startOffline(rig);
                assertTrue(threads().containsAll(Set.of("lt-hil-mic", "lt-hil-speaker")), threads().toString());
                pressReachesTheApp(rig);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!before.containsAll(threads()) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            Set<String> left = threads();
            left.removeAll(before);
            assertEquals(Set.of(), left, "threads left behind after cycle " + cycle);
        }
    }

    @Test
    void theAppRestartsOnTheSameRigAndTheWiresFollowIt() {
        try (GpioRig rig = JumperWires.rig(dir)) {
            for (int run = 0; run < 2; run++) {
                DegradedModeIT.startOffline(rig);
                pressReachesTheApp(rig);
                rig.stopApp();
            }
        }
    }
}
