package org.ltintercom.app.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration document was rejected; {@link #errors()} names every line and field at fault. */
public final class ConfigException extends RuntimeException {

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
