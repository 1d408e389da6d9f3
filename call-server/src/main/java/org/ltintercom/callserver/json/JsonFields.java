package org.ltintercom.callserver.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Strict reader of one JSON (or YAML) object: unknown fields, missing fields, nulls and wrong
 * types are refused with a {@link FieldException} naming the field by its full path
 * ({@code users[3].phoneNumber}, {@code callerInfo.userID}), so a client typo is found at once.
 * The allowed field names are given up front and checked before anything else.
 */
public final class JsonFields {
    /** Longest string the protocol accepts unless a field says otherwise. */
    public static final int MAX_STRING = 256;
    /** Longest list the protocol accepts. */
    public static final int MAX_LIST = 200;

    private final ObjectNode node;
    private final String prefix;

    private JsonFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /**
     * @param value   the parsed value that must be an object
     * @param path    its name in messages ({@code users[3]}, {@code callerInfo}); {@code body} or empty for a top level
     * @param allowed every field name the object may carry
     */
    public static JsonFields of(JsonNode value, String path, Set<String> allowed) {
        if (value == null || !value.isObject()) {
            throw new FieldException(path.isEmpty() ? "document" : path, "must be a JSON object");
        }
        String prefix = path.equals("body") || path.isEmpty() ? "" : path + ".";
        Iterator<String> names = value.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new FieldException(prefix + name, "unknown field");
            }
        }
        return new JsonFields((ObjectNode) value, prefix);
    }

    /** The full path of a field of this object, as used in messages. */
    public String path(String name) {
        return prefix + name;
    }

    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** A required string that is not blank and at most {@link #MAX_STRING} characters. */
    public String text(String name) {
        return optionalText(name).map(s -> {
            if (s.isBlank()) {
                throw new FieldException(path(name), "must not be blank");
            }
            return s;
        }).orElseThrow(() -> new FieldException(path(name), "required"));
    }

    /** An optional string (possibly empty) of at most {@link #MAX_STRING} characters. */
    public Optional<String> optionalText(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        return Optional.of(checkedText(node.get(name), path(name)));
    }

    public String text(String name, String defaultValue) {
        return optionalText(name).orElse(defaultValue);
    }

    /** A required integer that fits in a long (no fraction, no string). */
    public long longValue(String name) {
        return optionalLong(name).orElseThrow(() -> new FieldException(path(name), "required"));
    }

    public Optional<Long> optionalLong(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode v = node.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new FieldException(path(name), "must be an integer");
        }
        return Optional.of(v.longValue());
    }

    /** A required integer in [min, max]. */
    public int intValue(String name, int min, int max) {
        long v = longValue(name);
        if (v < min || v > max) {
            throw new FieldException(path(name), "must be between " + min + " and " + max);
        }
        return (int) v;
    }

    public boolean bool(String name) {
        return optionalBool(name).orElseThrow(() -> new FieldException(path(name), "required"));
    }

    public boolean bool(String name, boolean defaultValue) {
        return optionalBool(name).orElse(defaultValue);
    }

    private Optional<Boolean> optionalBool(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            throw new FieldException(path(name), "must be true or false");
        }
        return Optional.of(v.booleanValue());
    }

    /** A required list of 1..{@link #MAX_LIST} non-blank strings. */
    public List<String> textList(String name) {
        if (!has(name)) {
            throw new FieldException(path(name), "required");
        }
        JsonNode v = node.get(name);
        if (!v.isArray()) {
            throw new FieldException(path(name), "must be a list of strings");
        }
        if (v.isEmpty() || v.size() > MAX_LIST) {
            throw new FieldException(path(name), "must have 1 to " + MAX_LIST + " entries");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            String entry = checkedText(v.get(i), path(name) + "[" + i + "]");
            if (entry.isBlank()) {
                throw new FieldException(path(name) + "[" + i + "]", "must not be blank");
            }
            out.add(entry);
        }
        return out;
    }

    /** A nested object, or empty when absent; its fields are checked against {@code allowed}. */
    public Optional<JsonFields> object(String name, Set<String> allowed) {
        if (!has(name)) {
            return Optional.empty();
        }
        return Optional.of(of(node.get(name), path(name), allowed));
    }

    /** A nested object kept as JSON (free-form data such as extInfo). */
    public Optional<ObjectNode> rawObject(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode v = node.get(name);
        if (!v.isObject()) {
            throw new FieldException(path(name), "must be a JSON object");
        }
        return Optional.of((ObjectNode) v);
    }

    /** The raw value of a field, for lists of objects. */
    public Optional<JsonNode> raw(String name) {
        return has(name) ? Optional.of(node.get(name)) : Optional.empty();
    }

    private static String checkedText(JsonNode v, String path) {
        if (!v.isTextual()) {
            throw new FieldException(path, "must be a string");
        }
        String s = v.textValue();
        if (s.length() > MAX_STRING) {
            throw new FieldException(path, "longer than " + MAX_STRING + " characters");
        }
        return s;
    }
}
