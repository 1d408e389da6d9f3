package org.ltintercom.app.config;

import java.util.List;

/**
 * The local configuration as read from disk, before binding: the main document, the secrets
 * document (or null) and the main file's name for error messages.
 */
public record LocalConfig(ConfigNode document, ConfigNode secrets, String source) {

    /** The local configuration alone. */
    public IntercomConfig bind() {
        return ConfigBinder.bind(withSecrets(document), source);
    }

    /**
     * The local configuration with the provisioned {@code settings} sections replacing its own
     * (whole sections; secrets the provisioned sections leave out still come from the secrets file).
     * Only {@link IntercomConfig#PROVISIONABLE} fields may appear in {@code settings}.
     */
    public IntercomConfig bindWith(ConfigNode settings, String settingsSource) {
        List<ConfigError> errors = new java.util.ArrayList<>();
        if (settings.kind() != ConfigNode.Kind.MAP) {
            throw new ConfigException(List.of(new ConfigError(settingsSource, settings.line(), settings.path(),
                    "must be a map of fields")));
        }
        for (ConfigNode child : settings.map().values()) {
            String name = child.path().substring(child.path().lastIndexOf('.') + 1);
            if (!IntercomConfig.PROVISIONABLE.contains(name)) {
                errors.add(new ConfigError(settingsSource, child.line(), child.path(), "cannot be provisioned (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(IntercomConfig.PROVISIONABLE)) + ")"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        try {
            return ConfigBinder.bind(withSecrets(document.withEntriesOf(settings)), settingsSource);
        } catch (ConfigException e) {
            // errors in fields that came from the local file keep their own file name
            throw new ConfigException(e.errors().stream().map(err -> settingsPath(err.field(), settings)
                    ? err : new ConfigError(source, err.line(), err.field(), err.message())).toList());
        }
    }

    private static boolean settingsPath(String field, ConfigNode settings) {
        return !settings.path().isEmpty() && field.startsWith(settings.path() + ".");
    }

    private ConfigNode withSecrets(ConfigNode root) {
        return secrets == null ? root : ConfigLoader.mergeSecrets(root, secrets);
    }
}
