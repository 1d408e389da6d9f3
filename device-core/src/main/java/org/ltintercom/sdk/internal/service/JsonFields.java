package org.ltintercom.sdk.internal.service;

import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of one JSON object, failing with the field's full path and the reason
 * ({@code callOptions.callID: required string}) instead of a parser stack trace. Unknown fields are
 * ignored: documents received from the service may gain fields that an old device does not know.
 */
public final class JsonFields {
    /** Longest string the protocol allows in a field. */
    public static final int MAX_STRING = 256;

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The top-level object of a document. */
    public static JsonFields root(JsonNode node) throws WireFormatException {
        if (node == null || !node.isObject()) {
            throw new WireFormatException("(document)", "not a JSON object");
        }
        return new JsonFields(node, "");
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** A required, non-blank string of at most 256 characters. */
    public String text(String field) throws WireFormatException {
        String value = optionalText(field);
        if (value == null || value.isBlank()) {
            throw new WireFormatException(name(field), "required non-blank string");
        }
        return value;
    }

    /** A string of at most 256 characters, or null when absent. */
    public String optionalText(String field) throws WireFormatException {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new WireFormatException(name(field), "must be a string, not " + value.typeName());
        }
        if (value.textValue().length() > MAX_STRING) {
            throw new WireFormatException(name(field), "longer than " + MAX_STRING + " characters");
        }
        return value.textValue();
    }

    /** A required integer that fits a long. */
    public long longValue(String field) throws WireFormatException {
        JsonNode value = present(field);
        if (value == null) {
            throw new WireFormatException(name(field), "required integer");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new WireFormatException(name(field), "must be an integer");
        }
        return value.longValue();
    }

    /** An integer, or {@code absent} when the field is missing. */
    public long optionalLong(String field, long absent) throws WireFormatException {
        return present(field) == null ? absent : longValue(field);
    }

    /** A required integer that fits an int. */
    public int intValue(String field) throws WireFormatException {
        long value = longValue(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new WireFormatException(name(field), "out of range");
        }
        return (int) value;
    }

    /** An integer, or {@code absent} when the field is missing. */
    public int optionalInt(String field, int absent) throws WireFormatException {
        return present(field) == null ? absent : intValue(field);
    }

    /** A boolean, or {@code absent} when the field is missing. */
    public boolean optionalBoolean(String field, boolean absent) throws WireFormatException {
        JsonNode value = present(field);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new WireFormatException(name(field), "must be true or false");
        }
        return value.booleanValue();
    }

    /** A required nested object. */
    public JsonFields object(String field) throws WireFormatException {
        JsonFields value = optionalObject(field);
        if (value == null) {
            throw new WireFormatException(name(field), "required object");
        }
        return value;
    }

    /** A nested object, or null when absent. */
    public JsonFields optionalObject(String field) throws WireFormatException {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw new WireFormatException(name(field), "must be an object");
        }
        return new JsonFields(value, name(field));
    }

    /** A nested object as a plain map (for extInfo), empty when absent. */
    public Map<String, Object> optionalMap(String field) throws WireFormatException {
        JsonFields value = optionalObject(field);
        if (value == null) {
            return Map.of();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = value.node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            map.put(entry.getKey(), Json.toPlain(entry.getValue()));
        }
        return map;
    }

    /** A list of strings (each at most 256 characters), empty when absent. */
    public List<String> textList(String field) throws WireFormatException {
        List<String> result = new ArrayList<>();
        JsonNode value = arrayOrNull(field);
        if (value != null) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (!item.isTextual() || item.textValue().length() > MAX_STRING) {
                    throw new WireFormatException(name(field) + "[" + i + "]", "must be a string of at most " + MAX_STRING + " characters");
                }
                result.add(item.textValue());
            }
        }
        return result;
    }

    /** A list of objects, empty when absent. */
    public List<JsonFields> objectList(String field) throws WireFormatException {
        List<JsonFields> result = new ArrayList<>();
        JsonNode value = arrayOrNull(field);
        if (value != null) {
            for (int i = 0; i < value.size(); i++) {
                String itemName = name(field) + "[" + i + "]";
                if (!value.get(i).isObject()) {
                    throw new WireFormatException(itemName, "must be an object");
                }
                result.add(new JsonFields(value.get(i), itemName));
            }
        }
        return result;
    }

    private JsonNode arrayOrNull(String field) throws WireFormatException {
        JsonNode value = present(field);
        if (value != null && !value.isArray()) {
            throw new WireFormatException(name(field), "must be a list");
        }
        return value;
    }
}
