package org.ltintercom.hil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hil.scenarios.DegradedModeIT;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GPIO rig (on jumper wires) starts its sound pumps with the app and leaves nothing running when closed. */
class GpioRigLifecycleIT {

    @TempDir
    Path dir;

    /** A click through the rig's button wire: the offline app queues it and shows its ERROR pattern. */
    private static void pressReachesTheApp(GpioRig rig) {
        long pressed = System.nanoTime();
        rig.clickCallButton();
        rig.statusLed().await("the press queued as an event", rig.patience(), t -> rig.app().pendingEvents().size() == 1);
        LedPatternReader.await(rig.statusLed(), LedPattern.ERROR, pressed, rig.patience());
    }

    @Test
    void twoStartStopCyclesLeaveNoThreadBehind() {
        Set<String> before = RigThreads.names();
        for (int cycle = 0; cycle < 2; cycle++) {
            try (GpioRig rig = JumperWires.rig(dir.resolve("cycle-" + cycle))) {
                DegradedModeIT.startOffline(rig);
                assertTrue(RigThreads.names().containsAll(Set.of("lt-hil-mic", "lt-hil-speaker")), RigThreads.names().toString());
                pressReachesTheApp(rig);
            }
            RigThreads.assertNoneBeyond(before, "cycle " + cycle);
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
