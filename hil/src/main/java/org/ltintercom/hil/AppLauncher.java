package org.ltintercom.hil;

import org.ltintercom.app.IntercomApp;
import org.ltintercom.app.config.ConfigLoader;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.app.systemd.SdNotify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Starts the device under test the way systemd would, minus the process: the scenario's
 * {@code intercom.yaml} plus the rig's {@code hal} section, a 0600 secrets file, a fresh state
 * directory, no notify socket.
 */
final class AppLauncher {

    private final Path dir;
    private IntercomApp app;
    private SdNotify notify;

    AppLauncher(Path dir) {
        this.dir = dir;
    }

    IntercomApp start(String configYaml, String halYaml, String secretsYaml) {
        if (app != null) {
            throw new IllegalStateException("the app is already running on this rig; stopApp() first");
        }
        if (configYaml.lines().anyMatch(l -> l.startsWith("hal:"))) {
            throw new IllegalArgumentException("configYaml: the hal section comes from the rig; leave it out");
        }
        Path config = dir.resolve("intercom.yaml");
        try {
            Files.createDirectories(dir);
            String body = configYaml.endsWith("\n") ? configYaml : configYaml + "\n";
            if (secretsYaml != null) {
                Path secrets = dir.resolve("secrets.yaml");
                Files.writeString(secrets, secretsYaml);
                Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
                if (body.lines().noneMatch(l -> l.startsWith("secretsFile:"))) {
                    body = "secretsFile: secrets.yaml\n" + body;
                }
            }
            Files.writeString(config, body + halYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        notify = SdNotify.fromEnvironment(Map.of());
        IntercomApp started = new IntercomApp(ConfigLoader.readLocal(config), new StateStore(dir.resolve("state")),
                notify, Map.of());
        try {
            started.start();
        } catch (RuntimeException e) {
            started.close();
            notify.close();
            throw e;
        }
        app = started;
        return app;
    }

    IntercomApp app() {
        if (app == null) {
            throw new IllegalStateException("the app is not running on this rig; startApp(...) first");
        }
        return app;
    }

    boolean running() {
        return app != null;
    }

    void stop() {
        if (app != null) {
            app.close();
            notify.close();
            app = null;
        }
    }
}
