package org.ltintercom.app.config;

/**
 * One problem in a configuration document.
 *
 * @param source  the file name (or {@code config} for a provisioning payload)
 * @param line    1-based line in that document
 * @param field   the field path, e.g. {@code ringPlan.groups[1].timeout}; empty for the whole document
 * @param message the reason, e.g. {@code must be between 5s and 300s}
 */
public record ConfigError(String source, int line, String field, String message) {

    /** {@code intercom.yaml:12: ringPlan.groups[1].timeout: must be between 5s and 300s}. */
    @Override
    public String toString() {
        return source + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }

    /** {@code field: message}, without the source position (as sent in a provisioning result). */
    public String fieldMessage() {
        return (field.isEmpty() ? "" : field + ": ") + message;
    }
}
