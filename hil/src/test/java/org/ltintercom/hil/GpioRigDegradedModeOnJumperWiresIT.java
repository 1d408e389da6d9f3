package org.ltintercom.hil;

import org.ltintercom.hil.scenarios.DegradedModeIT;

import java.nio.file.Path;

/** The degraded-mode scenarios (error chime heard through the rig's line in, ERROR LED, queued press) on the GPIO rig's code. */
class GpioRigDegradedModeOnJumperWiresIT extends DegradedModeIT {

    @Override
    protected Rig newRig(Path workDir) {
        return JumperWires.rig(workDir);
    }
}
