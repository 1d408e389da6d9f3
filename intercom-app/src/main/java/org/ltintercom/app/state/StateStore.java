package org.ltintercom.app.state;

import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonNode;
import org.ltintercom.sdk.internal.json.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The device's state directory ({@code /var/lib/lt-intercom} on a Pi): the provisioned config,
 * the last config that applied well, the acoustic calibration result and the pending events.
 * Every write is atomic ({@link AtomicFiles}); a file that cannot be read is reported and treated
 * as absent, so the device falls back to its local config rather than refusing to start.
 */
public final class StateStore {

    private static final Logger log = LoggerFactory.getLogger(StateStore.class);

    static final String PROVISIONED = "provisioned.json";
    static final String LAST_GOOD = "last-good.json";
    static final String CALIBRATION = "calibration.json";
    static final String PENDING_EVENTS = "pending-events.json";

    private final Path dir;

    /** Opens (creating, mode 0700) the directory and removes temp files a crash left behind. */
    public StateStore(Path dir) {
        this.dir = dir;
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            AtomicFiles.removeLeftovers(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Optional<ProvisionedConfig> provisioned() {
        return readConfig(PROVISIONED);
    }

    public void writeProvisioned(ProvisionedConfig config) {
        writeConfig(PROVISIONED, config);
    }

    public Optional<ProvisionedConfig> lastGood() {
        return readConfig(LAST_GOOD);
    }

    public void writeLastGood(ProvisionedConfig config) {
        writeConfig(LAST_GOOD, config);
    }

    /** The acoustic calibration result (a JSON document owned by the calibration step), if any. */
    public Optional<JsonNode> calibration() {
        return readJson(CALIBRATION);
    }

    public void writeCalibration(JsonNode result) {
        write(CALIBRATION, result);
    }

    /** The events waiting for MQTT (see {@code PendingEvents}). */
    public Optional<JsonNode> pendingEvents() {
        return readJson(PENDING_EVENTS);
    }

    public void writePendingEvents(JsonNode events) {
        write(PENDING_EVENTS, events);
    }

    private Optional<ProvisionedConfig> readConfig(String name) {
        return readJson(name).flatMap(node -> {
            JsonNode version = node.get("version");
            JsonNode settings = node.get("settings");
            if (version == null || !version.canConvertToLong() || !(settings instanceof ObjectNode)) {
                log.warn("{}: not a provisioned config (version or settings missing); ignored", dir.resolve(name));
                return Optional.empty();
            }
            long failed = node.path("failedVersion").asLong(0);
            return Optional.of(new ProvisionedConfig(version.asLong(), (ObjectNode) settings, failed));
        });
    }

    private void writeConfig(String name, ProvisionedConfig config) {
        ObjectNode node = Json.object();
        node.put("version", config.version());
        node.set("settings", config.settings());
        node.put("failedVersion", config.failedVersion());
        write(name, node);
    }

    private Optional<JsonNode> readJson(String name) {
        Path file = dir.resolve(name);
        try {
            return Optional.of(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("{}: unreadable ({}); ignored", file, e.getMessage().split("\n")[0]);
            return Optional.empty();
        }
    }

    private void write(String name, JsonNode node) {
        try {
            AtomicFiles.write(dir.resolve(name), node.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(name) + ": write failed: " + e.getMessage(), e);
        }
    }
}
