package org.ltintercom.app.provisioning;

import org.ltintercom.app.config.ConfigError;
import org.ltintercom.app.config.ConfigException;
import org.ltintercom.app.config.ConfigLoader;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.LocalConfig;
import org.ltintercom.app.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code reload} command: the local configuration file read again and put in force under the
 * provisioned one, the way a provisioned config is (live where it can be, else an SDK re-init that
 * must register), or refused with the previous configuration kept.
 */
public final class LocalReload {

    private static final Logger log = LoggerFactory.getLogger(LocalReload.class);

    /** What a reload gives: the provisioner over the new file, or why the old one stays. */
    public record Outcome(Optional<Provisioner> provisioner, String failure) {
        static Outcome failed(String failure) {
            return new Outcome(Optional.empty(), "reload: " + failure);
        }
    }

    private LocalReload() {
    }

    /** Runs on the app's worker thread: {@code applier} may wait for a SIP registration. */
    public static Outcome run(Path file, StateStore store, Applier applier, IntercomConfig current) {
        LocalConfig local;
        try {
            local = ConfigLoader.readLocal(file);
            local.bind();
        } catch (ConfigException e) {
            return Outcome.failed(String.join("; ", e.errors().stream().map(ConfigError::toString).toList()));
        }
        Provisioner candidate = new Provisioner(local, store, applier);
        IntercomConfig next = candidate.startupConfig();
        if (!next.deviceId().equals(current.deviceId()) || !next.mqtt().equals(current.mqtt())
                || !next.hal().equals(current.hal())) {
            log.warn("reload: deviceId, mqtt and hal take effect at the next restart");
        }
        Applier.Outcome outcome = applier.apply(next);
        if (!outcome.applied()) {
            applier.apply(current);
            return Outcome.failed(outcome.failure() + "; the previous configuration stays");
        }
        return new Outcome(Optional.of(candidate), null);
    }
}
