package org.ltintercom.sdk.internal.json;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A JSON object; fields keep the order they were put in. Setters return this node, to chain. */
public final class ObjectNode extends JsonNode {

    private final Map<String, JsonNode> fields = new LinkedHashMap<>();

    @Override
    public boolean isObject() {
        return true;
    }

    @Override
    public JsonNode get(String field) {
        return fields.get(field);
    }

    @Override
    public int size() {
        return fields.size();
    }

    @Override
    public Iterator<String> fieldNames() {
        return Collections.unmodifiableSet(fields.keySet()).iterator();
    }

    @Override
    public Iterator<Map.Entry<String, JsonNode>> fields() {
        return Collections.unmodifiableMap(fields).entrySet().iterator();
    }

    @Override
    public Iterator<JsonNode> iterator() {
        return Collections.unmodifiableCollection(fields.values()).iterator();
    }

    /** Sets {@code field}; a null {@code value} is JSON null. */
    public ObjectNode set(String field, JsonNode value) {
        fields.put(Objects.requireNonNull(field, "field"), Json.valueOrNull(value));
        return this;
    }

    /** Sets {@code field} and returns what it held before (null: nothing). */
    public JsonNode replace(String field, JsonNode value) {
        return fields.put(Objects.requireNonNull(field, "field"), Json.valueOrNull(value));
    }

    /** Removes {@code field}; returns what it held (null: nothing). */
    public JsonNode remove(String field) {
        return fields.remove(field);
    }

    public ObjectNode put(String field, String value) {
        return set(field, value == null ? null : Json.text(value));
    }

    public ObjectNode put(String field, int value) {
        return set(field, Json.number(value));
    }

    public ObjectNode put(String field, long value) {
        return set(field, Json.number(value));
    }

    public ObjectNode put(String field, double value) {
        return set(field, Json.number(value));
    }

    public ObjectNode put(String field, boolean value) {
        return set(field, Json.bool(value));
    }

    public ObjectNode put(String field, Integer value) {
        return set(field, value == null ? null : Json.number(value));
    }

    public ObjectNode put(String field, Long value) {
        return set(field, value == null ? null : Json.number(value));
    }

    public ObjectNode put(String field, Double value) {
        return set(field, value == null ? null : Json.number(value));
    }

    public ObjectNode put(String field, Boolean value) {
        return set(field, value == null ? null : Json.bool(value));
    }

    public ObjectNode putNull(String field) {
        return set(field, null);
    }

    /** A new, empty array under {@code field}; returns the array. */
    public ArrayNode putArray(String field) {
        ArrayNode array = new ArrayNode();
        set(field, array);
        return array;
    }

    /** A new, empty object under {@code field}; returns the object. */
    public ObjectNode putObject(String field) {
        ObjectNode object = new ObjectNode();
        set(field, object);
        return object;
    }

    @Override
    public ObjectNode deepCopy() {
        ObjectNode copy = new ObjectNode();
        fields.forEach((k, v) -> copy.fields.put(k, v.deepCopy()));
        return copy;
    }

    @Override
    void write(StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            Json.quote(e.getKey(), out);
            out.append(':');
            e.getValue().write(out);
        }
        out.append('}');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectNode other && other.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }
}
