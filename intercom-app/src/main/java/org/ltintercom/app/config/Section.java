package org.ltintercom.app.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one map of a {@link ConfigNode} tree, checking types and ranges. Every problem is added
 * to the shared error list with the value's line and field path (reading goes on, so that one
 * run reports every mistake); {@link #finish()} rejects the fields that nobody asked for.
 */
final class Section {

    private final ConfigNode node;
    private final List<ConfigError> errors;
    private final String source;
    private final Set<String> known = new HashSet<>();
    private final Set<String> retired = new HashSet<>();

    Section(ConfigNode node, List<ConfigError> errors, String source) {
        this.node = node;
        this.errors = errors;
        this.source = source;
    }

    ConfigNode node() {
        return node;
    }

    void error(ConfigNode at, String message) {
        errors.add(new ConfigError(source, at.line(), at.path(), message));
    }

    /** A problem with the field {@code name} of this map: on its line when present, else on the map's. */
    void fieldError(String name, String message) {
        ConfigNode child = node.get(name);
        errors.add(new ConfigError(source, child != null ? child.line() : node.line(), field(name), message));
    }

    private void missing(String name) {
        errors.add(new ConfigError(source, node.line(), field(name), "is required"));
    }

    String field(String name) {
        return node.path().isEmpty() ? name : node.path() + "." + name;
    }

    /**
     * A field that older files may carry but that has no effect: present, it is an error with
     * {@code why}, so nobody believes it is in force; it is not listed among the allowed fields.
     */
    void retired(String name, String why) {
        if (node.get(name) != null) {
            retired.add(name);
            fieldError(name, why);
        }
    }

    boolean has(String name) {
        known.add(name);
        ConfigNode child = node.get(name);
        return child != null && child.kind() != ConfigNode.Kind.NULL;
    }

    private ConfigNode scalar(String name, ConfigNode.Kind kind, String what) {
        if (!has(name)) {
            return null;
        }
        ConfigNode child = node.get(name);
        if (child.kind() != kind && !(kind == ConfigNode.Kind.STRING && child.kind() == ConfigNode.Kind.NUMBER)) {
            error(child, "must be " + what);
            return null;
        }
        return child;
    }

    String string(String name) {
        String value = optString(name, null);
        if (value == null && !has(name)) {
            missing(name);
        }
        return value;
    }

    String optString(String name, String fallback) {
        ConfigNode child = scalar(name, ConfigNode.Kind.STRING, "a text");
        if (child == null) {
            return fallback;
        }
        if (child.scalar().isBlank()) {
            error(child, "must not be blank");
            return fallback;
        }
        return child.scalar().trim();
    }

    Secret optSecret(String name) {
        String value = optString(name, null);
        return value == null ? null : Secret.of(value);
    }

    boolean bool(String name, boolean fallback) {
        ConfigNode child = scalar(name, ConfigNode.Kind.BOOLEAN, "true or false");
        return child == null ? fallback : Boolean.parseBoolean(child.scalar());
    }

    int integer(String name, int fallback, int min, int max) {
        ConfigNode child = scalar(name, ConfigNode.Kind.NUMBER, "a whole number");
        if (child == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(child.scalar());
            if (value < min || value > max) {
                error(child, "must be between " + min + " and " + max + ", was " + value);
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            error(child, "must be a whole number, was " + child.scalar());
            return fallback;
        }
    }

    double number(String name, double fallback, double min, double max) {
        ConfigNode child = scalar(name, ConfigNode.Kind.NUMBER, "a number");
        if (child == null) {
            return fallback;
        }
        double value = Double.parseDouble(child.scalar());
        if (!(value >= min && value <= max)) {
            error(child, "must be between " + min + " and " + max + ", was " + child.scalar());
            return fallback;
        }
        return value;
    }

    Duration duration(String name, Duration fallback, Duration min, Duration max) {
        ConfigNode child = scalar(name, ConfigNode.Kind.STRING, "a duration like 30s");
        if (child == null) {
            if (fallback == null && !has(name)) {
                missing(name);
            }
            return fallback;
        }
        try {
            Duration value = Durations.parse(child.scalar());
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                error(child, "must be between " + Durations.format(min) + " and " + Durations.format(max)
                        + ", was " + Durations.format(value));
                return fallback;
            }
            return value;
        } catch (IllegalArgumentException e) {
            error(child, e.getMessage());
            return fallback;
        }
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type, E fallback) {
        ConfigNode child = scalar(name, ConfigNode.Kind.STRING, "one of " + names(type));
        if (child == null) {
            if (fallback == null && !has(name)) {
                missing(name);
            }
            return fallback;
        }
        String wanted = child.scalar().trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().replace("_", "").equals(wanted.replace("_", ""))) {
                return constant;
            }
        }
        error(child, "must be one of " + names(type) + ", was \"" + child.scalar() + "\"");
        return fallback;
    }

    private static String names(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", names);
    }

    /** The map {@code name}, or null when absent (then {@code required} reports it). */
    Section section(String name, boolean required) {
        if (!has(name)) {
            if (required) {
                missing(name);
            }
            return null;
        }
        ConfigNode child = node.get(name);
        if (child.kind() != ConfigNode.Kind.MAP) {
            error(child, "must be a map of fields");
            return null;
        }
        return new Section(child, errors, source);
    }

    /** The list {@code name} (empty when absent), each item read by {@code reader}. */
    <T> List<T> list(String name, Function<ConfigNode, T> reader) {
        if (!has(name)) {
            return List.of();
        }
        ConfigNode child = node.get(name);
        if (child.kind() != ConfigNode.Kind.LIST) {
            error(child, "must be a list");
            return List.of();
        }
        List<T> items = new ArrayList<>();
        for (ConfigNode item : child.list()) {
            T value = reader.apply(item);
            if (value != null) {
                items.add(value);
            }
        }
        return items;
    }

    /** A list item as a map section, or null (reported) when it is not a map. */
    Section item(ConfigNode item) {
        if (item.kind() != ConfigNode.Kind.MAP) {
            error(item, "must be a map of fields");
            return null;
        }
        return new Section(item, errors, source);
    }

    /** A list item as text, or null (reported). */
    String itemText(ConfigNode item) {
        if ((item.kind() != ConfigNode.Kind.STRING && item.kind() != ConfigNode.Kind.NUMBER) || item.scalar().isBlank()) {
            error(item, "must be a non-blank text");
            return null;
        }
        return item.scalar().trim();
    }

    /** Reports every field of this map that was never read: typos must not pass silently. */
    void finish() {
        for (ConfigNode child : node.map().values()) {
            String name = child.path().substring(child.path().lastIndexOf('.') + 1);
            if (!known.contains(name) && !retired.contains(name)) {
                error(child, "unknown field (allowed: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    /**
     * Runs a HAL record constructor; its IllegalArgumentException ("relay.pulse: must be ...") is
     * reported on the line of the deepest field of this section that its message names.
     */
    <T> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(": ");
            ConfigNode at = node;
            if (colon > 0 && !message.substring(0, colon).contains(" ")) {
                for (String segment : message.substring(0, colon).split("\\.")) {
                    at = descend(at, segment);
                }
                message = message.substring(colon + 2);
            }
            error(at, message);
            return null;
        }
    }

    private static ConfigNode descend(ConfigNode from, String segment) {
        String name = segment;
        int index = -1;
        int bracket = segment.indexOf('[');
        if (bracket > 0 && segment.endsWith("]")) {
            name = segment.substring(0, bracket);
            String inner = segment.substring(bracket + 1, segment.length() - 1);
            index = inner.chars().allMatch(Character::isDigit) && !inner.isEmpty() ? Integer.parseInt(inner) : -1;
        }
        ConfigNode child = from.kind() == ConfigNode.Kind.MAP ? from.get(name) : null;
        if (child == null) {
            return from;
        }
        if (index >= 0 && child.kind() == ConfigNode.Kind.LIST && index < child.list().size()) {
            return child.list().get(index);
        }
        return child;
    }
}
