package org.ltintercom.sdk.internal.json;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON value as the device reads and writes it: objects ({@link ObjectNode}), arrays
 * ({@link ArrayNode}), text, numbers, booleans, null, and "missing" (what {@link #path} gives for
 * an absent field, so lookups chain without null checks). The accessors follow the names of
 * Jackson's tree model, which the device used before; the tree is the device's own because
 * Jackson's data binding loads ~430 classes (about 5 MiB of a 64 MiB budget) for this small job.
 * Parsing stays with jackson-core's streaming parser ({@link Json}).
 *
 * <p>Not thread-safe; a tree belongs to one thread at a time, like any collection.
 */
public abstract class JsonNode implements Iterable<JsonNode> {

    JsonNode() {
    }

    /** The field's value; null when absent or when this is not an object. */
    public JsonNode get(String field) {
        return null;
    }

    /** The item; null when out of range or when this is not an array. */
    public JsonNode get(int index) {
        return null;
    }

    /** Like {@link #get(String)}, but the "missing" node instead of null. */
    public JsonNode path(String field) {
        JsonNode v = get(field);
        return v == null ? MissingNode.INSTANCE : v;
    }

    /** Like {@link #get(int)}, but the "missing" node instead of null. */
    public JsonNode path(int index) {
        JsonNode v = get(index);
        return v == null ? MissingNode.INSTANCE : v;
    }

    public boolean has(String field) {
        return get(field) != null;
    }

    public boolean isObject() {
        return false;
    }

    public boolean isArray() {
        return false;
    }

    public boolean isTextual() {
        return false;
    }

    public boolean isNumber() {
        return false;
    }

    /** A number written without fraction or exponent that fits an int. */
    public boolean isInt() {
        return false;
    }

    /** A number written without fraction or exponent. */
    public boolean isIntegralNumber() {
        return false;
    }

    public boolean isBoolean() {
        return false;
    }

    public boolean isNull() {
        return false;
    }

    public boolean isMissingNode() {
        return false;
    }

    /** The text of a text node; null for every other node. */
    public String textValue() {
        return null;
    }

    /** The value as text: a text's own, a number's or boolean's digits, "null"; "" for objects, arrays and missing. */
    public String asText() {
        return "";
    }

    public int asInt() {
        return asInt(0);
    }

    /** A number (truncated), a text holding an integer, a boolean as 1/0; else {@code defaultValue}. */
    public int asInt(int defaultValue) {
        return defaultValue;
    }

    public long asLong() {
        return asLong(0);
    }

    /** A number (truncated), a text holding an integer, a boolean as 1/0; else {@code defaultValue}. */
    public long asLong(long defaultValue) {
        return defaultValue;
    }

    public double asDouble() {
        return asDouble(0);
    }

    /** A number, a text holding a number, a boolean as 1/0; else {@code defaultValue}. */
    public double asDouble(double defaultValue) {
        return defaultValue;
    }

    public boolean asBoolean() {
        return asBoolean(false);
    }

    /** A boolean, the texts "true"/"false", a number as != 0; else {@code defaultValue}. */
    public boolean asBoolean(boolean defaultValue) {
        return defaultValue;
    }

    /** A number's value as int (truncated); 0 for every other node. */
    public int intValue() {
        return 0;
    }

    /** A number's value as long (truncated); 0 for every other node. */
    public long longValue() {
        return 0;
    }

    /** A number's value; 0 for every other node. */
    public double doubleValue() {
        return 0;
    }

    /** A boolean's value; false for every other node. */
    public boolean booleanValue() {
        return false;
    }

    /** A number within the range of long (a fraction would be cut off by {@link #asLong}). */
    public boolean canConvertToLong() {
        return false;
    }

    /** A number without a fraction: integral, or a floating value such as 5.0, within long's range. */
    public boolean canConvertToExactIntegral() {
        return false;
    }

    /** Fields of an object, items of an array; 0 for every other node. */
    public int size() {
        return 0;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    public Iterator<String> fieldNames() {
        return Collections.emptyIterator();
    }

    public Iterator<Map.Entry<String, JsonNode>> fields() {
        return Collections.emptyIterator();
    }

    /** An array's items or an object's values; nothing for every other node. */
    @Override
    public Iterator<JsonNode> iterator() {
        return Collections.emptyIterator();
    }

    /** "object", "array", "string", "number", "boolean", "null" or "missing": for messages. */
    public String typeName() {
        if (isObject()) {
            return "object";
        } else if (isArray()) {
            return "array";
        } else if (isTextual()) {
            return "string";
        } else if (isNumber()) {
            return "number";
        } else if (isBoolean()) {
            return "boolean";
        }
        return isNull() ? "null" : "missing";
    }

    /** A copy that shares nothing mutable with this node. */
    public abstract JsonNode deepCopy();

    abstract void write(StringBuilder out);

    /** Compact JSON. */
    @Override
    public final String toString() {
        StringBuilder out = new StringBuilder();
        write(out);
        return out.toString();
    }

    /** The "missing" node: what {@link #path} gives for an absent field or item. It is not JSON and is never written as a value. */
    static final class MissingNode extends JsonNode {
        static final MissingNode INSTANCE = new MissingNode();

        @Override
        public boolean isMissingNode() {
            return true;
        }

        @Override
        public JsonNode deepCopy() {
            return this;
        }

        @Override
        void write(StringBuilder out) {
            out.append("null"); // only toString() reaches here: containers refuse a missing node
        }
    }
}
