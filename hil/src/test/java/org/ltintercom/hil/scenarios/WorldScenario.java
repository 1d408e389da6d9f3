package org.ltintercom.hil.scenarios;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A rig scenario with the world around the station: call-server, mosquitto, far ends, and a broker watch. */
public abstract class WorldScenario extends RigScenario {

    protected CallWorld world;
    protected BrokerWatch watch;

    @BeforeEach
    void startWorld() throws Exception {
        world = new CallWorld(dir.resolve("world"));
        watch = new BrokerWatch(world.broker.uri(), CallWorld.DOOR);
    }

    /** Runs before the rig closes: the station's MQTT face first, then the app, then the world. */
    @AfterEach
    void stopWorld() throws Exception {
        if (watch != null) {
            watch.close();
        }
        if (world != null) {
            world.stopDoorMqtt();
            rig.stopApp();
            world.close();
        }
    }
}
