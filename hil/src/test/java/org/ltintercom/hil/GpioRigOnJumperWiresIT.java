package org.ltintercom.hil;

import org.ltintercom.hil.scenarios.CallScenariosIT;

import java.nio.file.Path;

/**
 * The call scenarios, unchanged, on the GPIO rig's own code: its button output, LED and relay inputs
 * and sound card pumps, wired by {@link JumperWires} to an app on the Pi4J mock platform. What a
 * wired Pi adds on top is only the gpiod provider and the ALSA card.
 */
class GpioRigOnJumperWiresIT extends CallScenariosIT {

    @Override
    protected Rig newRig(Path workDir) {
        return JumperWires.rig(workDir);
    }
}
