package org.ltintercom.sdk.internal.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** A JSON array. Adders return this node, to chain. */
public final class ArrayNode extends JsonNode {

    private final List<JsonNode> items = new ArrayList<>();

    @Override
    public boolean isArray() {
        return true;
    }

    @Override
    public JsonNode get(int index) {
        return index >= 0 && index < items.size() ? items.get(index) : null;
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public Iterator<JsonNode> iterator() {
        return Collections.unmodifiableList(items).iterator();
    }

    /** Appends {@code value}; null is JSON null. */
    public ArrayNode add(JsonNode value) {
        items.add(Json.valueOrNull(value));
        return this;
    }

    public ArrayNode add(String value) {
        return add(value == null ? null : Json.text(value));
    }

    public ArrayNode add(int value) {
        return add(Json.number(value));
    }

    public ArrayNode add(long value) {
        return add(Json.number(value));
    }

    public ArrayNode add(double value) {
        return add(Json.number(value));
    }

    public ArrayNode add(boolean value) {
        return add(Json.bool(value));
    }

    /** Appends a new, empty object; returns the object. */
    public ObjectNode addObject() {
        ObjectNode object = new ObjectNode();
        items.add(object);
        return object;
    }

    @Override
    public ArrayNode deepCopy() {
        ArrayNode copy = new ArrayNode();
        for (JsonNode item : items) {
            copy.items.add(item.deepCopy());
        }
        return copy;
    }

    @Override
    void write(StringBuilder out) {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            items.get(i).write(out);
        }
        out.append(']');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayNode other && other.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }
}
