package org.ltintercom.hil.scenarios;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.hil.Rig;
import org.ltintercom.hil.Rigs;

import java.nio.file.Path;

/**
 * The base of every scenario class: a fresh rig (chosen by {@code -Drig=mock|gpio}) per scenario,
 * closed afterwards even on failure, and the run's report.
 */
@ExtendWith(ScenarioReport.class)
public abstract class RigScenario {

    @TempDir
    protected Path dir;
    protected Rig rig;

    @BeforeEach
    void createRig() {
        rig = newRig(dir.resolve("device"));
    }

    /** The rig this scenario runs on: the one {@code -Drig} names, unless a subclass brings its own. */
    protected Rig newRig(Path workDir) {
        return Rigs.fromSystemProperties(workDir);
    }

    @AfterEach
    void closeRig() {
        if (rig != null) {
            rig.close();
        }
    }
}
