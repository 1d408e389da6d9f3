package org.ltintercom.app.provisioning;

import org.ltintercom.app.config.ConfigError;
import org.ltintercom.app.config.ConfigException;
import org.ltintercom.app.config.ConfigNode;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.LocalConfig;
import org.ltintercom.app.state.ProvisionedConfig;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Remote provisioning, without the transport: fed the payloads of the retained
 * {@code lt/v1/<deviceID>/config} topic, it answers the {@code config/result} document.
 *
 * <pre>
 *  payload -> parse + signature -> version newer? -> validate (merged onto the local config)
 *          -> persist (atomic) -> Applier.apply -> last good := this
 *                                              \-> registration failed: re-apply last good, persist it, reject
 * </pre>
 * Every step that fails keeps the configuration in force. Not thread-safe: the wiring calls it
 * from one thread (the MQTT session's delivery thread or the app's event loop).
 */
public final class Provisioner {

    private static final Logger log = LoggerFactory.getLogger(Provisioner.class);

    private final LocalConfig local;
    private final IntercomConfig localConfig;
    private final StateStore store;
    private final Applier applier;

    public Provisioner(LocalConfig local, StateStore store, Applier applier) {
        this.local = local;
        this.localConfig = local.bind();
        this.store = store;
        this.applier = applier;
    }

    /**
     * The configuration to start with: the provisioned one when it still validates against the
     * local file, else the last good one, else the local file alone.
     */
    public IntercomConfig startupConfig() {
        for (Optional<ProvisionedConfig> candidate : List.of(store.provisioned(), store.lastGood())) {
            if (candidate.isPresent()) {
                try {
                    return bind(candidate.get());
                } catch (ConfigException e) {
                    log.warn("stored config version {} no longer validates ({} errors, first: {}); trying the next one",
                            candidate.get().version(), e.errors().size(), e.errors().get(0).fieldMessage());
                }
            }
        }
        return localConfig;
    }

    /** The version in force (0 = local config only). */
    public long activeVersion() {
        return store.provisioned().map(ProvisionedConfig::version).orElse(0L);
    }

    /** Handles one config message and returns the result to publish. */
    public ConfigResult onConfigMessage(String payload) {
        ProvisioningMessage message;
        try {
            message = ProvisioningMessage.parse(payload, localConfig.provisioningKey(), localConfig.deviceId());
        } catch (ProvisioningMessage.Invalid e) {
            return reject(e.version, e.errors);
        }
        Optional<ProvisionedConfig> current = store.provisioned();
        long active = current.map(ProvisionedConfig::version).orElse(0L);
        long failed = current.map(ProvisionedConfig::failedVersion).orElse(0L);
        if (message.version() <= active) {
            return result(message.version(), ConfigResult.Status.IGNORED, List.of("version: " + message.version()
                    + (message.version() == active ? " is already applied" : " is older than the applied version " + active)));
        }
        if (message.version() <= failed) {
            return result(message.version(), ConfigResult.Status.IGNORED, List.of("version: " + message.version()
                    + " was applied before and rolled back; send a newer version"));
        }
        IntercomConfig config;
        try {
            config = local.bindWith(message.settings(), ProvisioningMessage.SOURCE);
        } catch (ConfigException e) {
            return reject(message.version(), e.errors().stream().map(ConfigError::fieldMessage).toList());
        }
        ProvisionedConfig next = new ProvisionedConfig(message.version(), toJson(message.settings()), failed);
        store.writeProvisioned(next);
        Applier.Outcome outcome = applySafely(config);
        if (outcome.applied()) {
            store.writeLastGood(next);
            log.info("config version {} applied", message.version());
            return result(message.version(), ConfigResult.Status.APPLIED, List.of());
        }
        return rollBack(message.version(), outcome.failure(), failed);
    }

    private ConfigResult rollBack(long version, String failure, long failedBefore) {
        Optional<ProvisionedConfig> lastGood = store.lastGood();
        IntercomConfig previous = localConfig;
        long previousVersion = 0;
        if (lastGood.isPresent()) {
            try {
                previous = bind(lastGood.get());
                previousVersion = lastGood.get().version();
            } catch (ConfigException e) {
                log.warn("last good config version {} no longer validates; rolling back to the local config",
                        lastGood.get().version());
            }
        }
        ProvisionedConfig restored = previousVersion > 0 ? lastGood.get().withFailedVersion(version)
                : new ProvisionedConfig(0, Json.object(), Math.max(version, failedBefore));
        store.writeProvisioned(restored);
        Applier.Outcome again = applySafely(previous);
        if (!again.applied()) {
            log.error("re-applying version {} after the rollback failed too: {}", previousVersion, again.failure());
        }
        log.warn("config version {} rolled back to version {}: {}", version, previousVersion, failure);
        return result(version, ConfigResult.Status.REJECTED, List.of("sip: " + failure
                + "; rolled back to version " + previousVersion));
    }

    private Applier.Outcome applySafely(IntercomConfig config) {
        try {
            return applier.apply(config);
        } catch (RuntimeException e) {
            log.error("applying the config failed", e);
            return Applier.Outcome.registrationFailed("applying failed: " + e.getMessage());
        }
    }

    private IntercomConfig bind(ProvisionedConfig stored) {
        if (stored.version() == 0) {
            return localConfig;
        }
        return local.bindWith(ConfigNode.parseJson(stored.settings().toString(), "stored"), "stored");
    }

    private ConfigResult reject(Long version, List<String> errors) {
        log.warn("config version {} rejected: {}", version, errors);
        return result(version, ConfigResult.Status.REJECTED, errors);
    }

    private ConfigResult result(Long version, ConfigResult.Status status, List<String> errors) {
        return new ConfigResult(version, status, errors, activeVersion());
    }

    private static ObjectNode toJson(ConfigNode settings) {
        try {
            // re-read the sub-tree from its own text form: ConfigNode keeps scalars as text with their kind
            return (ObjectNode) Json.parse(ConfigNodes.toJson(settings));
        } catch (IOException e) {
            throw new IllegalStateException("settings could not be re-encoded", e);
        }
    }
}
