package org.ltintercom.app.mqtt;

import org.ltintercom.app.config.ConfigLoader;
import org.ltintercom.app.config.LocalConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A device process for tests that kill it: runs {@link DeviceMqtt} on the given intercom.yaml
 * until its stdin closes (or it is killed). Arguments: the config file, the state directory.
 */
public final class DeviceChild {

    private DeviceChild() {
    }

    public static void main(String[] args) throws Exception {
        LocalConfig local = ConfigLoader.readLocal(Path.of(args[0]));
        try (DeviceMqtt device = new DeviceMqtt(local.bind(), new RecordingControl(local, Path.of(args[1])))) {
            device.start();
            System.out.println(device.awaitConnected(Duration.ofSeconds(30)) ? "CONNECTED" : "NOT CONNECTED");
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the test closes our stdin or kills us
            }
        }
    }
}
