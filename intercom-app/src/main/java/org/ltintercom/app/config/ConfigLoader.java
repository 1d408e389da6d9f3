package org.ltintercom.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads {@code intercom.yaml} (and the secrets file it names) into an {@link IntercomConfig}.
 *
 * <p>The secrets file ({@code secretsFile:}) may hold {@code sdk.licenseKey},
 * {@code mqtt.password} and {@code doorCode.code}; they fill the fields the main file leaves out,
 * so the main file can be world-readable and kept in version control. The secrets file must not
 * be readable by group or others (mode 0600): a readable one is refused, not just warned about.
 */
public final class ConfigLoader {

    /** The secret fields a secrets file may set, by section. */
    static final Map<String, String> SECRET_FIELDS = Map.of("sdk", "licenseKey", "mqtt", "password", "doorCode", "code");

    private ConfigLoader() {
    }

    /** Loads and validates the local configuration. */
    public static IntercomConfig load(Path file) {
        return readLocal(file).bind();
    }

    /** The local document and its secrets, not yet bound (provisioning merges its sections onto it). */
    public static LocalConfig readLocal(Path file) {
        String source = file.getFileName().toString();
        ConfigNode root = ConfigNode.parseYaml(read(file, source), source);
        if (root.kind() != ConfigNode.Kind.MAP) {
            throw new ConfigException(List.of(new ConfigError(source, root.line(), "", "must be a map of fields")));
        }
        ConfigNode secretsPath = root.get("secretsFile");
        if (secretsPath == null || secretsPath.kind() == ConfigNode.Kind.NULL) {
            return new LocalConfig(root, null, source);
        }
        if (secretsPath.kind() != ConfigNode.Kind.STRING || secretsPath.scalar().isBlank()) {
            throw new ConfigException(List.of(new ConfigError(source, secretsPath.line(), "secretsFile",
                    "must be a file path")));
        }
        Path secretsFile = file.toAbsolutePath().getParent().resolve(secretsPath.scalar().trim());
        return new LocalConfig(root, readSecrets(secretsFile), source);
    }

    /** Reads a secrets file after checking that only its owner can read it. */
    static ConfigNode readSecrets(Path file) {
        String source = file.getFileName().toString();
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            for (PosixFilePermission p : mode) {
                if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
                    throw new ConfigException(List.of(new ConfigError(source, 1, "",
                            "holds secrets but is accessible to group or others (mode "
                                    + PosixFilePermissions.toString(mode) + "); run: chmod 600 " + file)));
                }
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigError(source, 1, "", "secrets file not found: " + file)));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(source, 1, "", "cannot read: " + e.getMessage())));
        }
        String text = read(file, source);
        if (text.isBlank()) {
            // the packages install an empty one: then the binder names each missing secret
            return new ConfigNode("", 1, null, Map.of(), List.of(), ConfigNode.Kind.MAP);
        }
        ConfigNode secrets = ConfigNode.parseYaml(text, source);
        List<ConfigError> errors = new java.util.ArrayList<>();
        if (secrets.kind() != ConfigNode.Kind.MAP) {
            errors.add(new ConfigError(source, secrets.line(), "", "must be a map of fields"));
        } else {
            for (ConfigNode section : secrets.map().values()) {
                String field = SECRET_FIELDS.get(section.path());
                ConfigNode sipPassword = section.kind() == ConfigNode.Kind.MAP && section.path().equals("sip")
                        ? section.get("password") : null;
                if (sipPassword != null) {
                    errors.add(new ConfigError(source, sipPassword.line(), sipPassword.path(), ConfigBinder.SIP_PASSWORD_UNUSED));
                } else if (field == null) {
                    errors.add(new ConfigError(source, section.line(), section.path(),
                            "unknown field (allowed: " + String.join(", ", new java.util.TreeSet<>(SECRET_FIELDS.keySet())) + ")"));
                } else if (section.kind() != ConfigNode.Kind.MAP) {
                    errors.add(new ConfigError(source, section.line(), section.path(), "must be a map of fields"));
                } else {
                    for (ConfigNode child : section.map().values()) {
                        if (!child.path().equals(section.path() + "." + field)) {
                            errors.add(new ConfigError(source, child.line(), child.path(),
                                    "unknown field (allowed: " + field + ")"));
                        }
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return secrets;
    }

    /** Fills each secret the config does not set from {@code secrets}. */
    static ConfigNode mergeSecrets(ConfigNode root, ConfigNode secrets) {
        Map<String, ConfigNode> top = new LinkedHashMap<>(root.map());
        for (Map.Entry<String, ConfigNode> section : secrets.map().entrySet()) {
            ConfigNode target = top.get(section.getKey());
            if (target == null || target.kind() != ConfigNode.Kind.MAP) {
                continue; // the section is missing or malformed: the binder reports that on the main file
            }
            Map<String, ConfigNode> fields = new LinkedHashMap<>(target.map());
            section.getValue().map().forEach(fields::putIfAbsent);
            top.put(section.getKey(), new ConfigNode(target.path(), target.line(), null,
                    Collections.unmodifiableMap(fields), List.of(), ConfigNode.Kind.MAP));
        }
        return new ConfigNode(root.path(), root.line(), null, Collections.unmodifiableMap(top), List.of(),
                ConfigNode.Kind.MAP);
    }

    private static String read(Path file, String source) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigError(source, 1, "", "file not found: " + file)));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(source, 1, "", "cannot read: " + e.getMessage())));
        }
    }
}
