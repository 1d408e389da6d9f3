package org.ltintercom.sdk.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out for the device: {@link #parse} reads one value with jackson-core's streaming
 * parser (its limits: nesting depth 1000, 20 M characters per string) into a {@link JsonNode}
 * tree; {@link #write} writes trees, maps, lists and scalars as compact JSON. Content after the
 * value is an error, not ignored: half a payload glued to another is not a payload.
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonFactory STRICT = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** Deeper than any document of the protocol; a guard against a map that contains itself. */
    private static final int MAX_WRITE_DEPTH = 64;

    private Json() {
    }

    /** A new, empty object. */
    public static ObjectNode object() {
        return new ObjectNode();
    }

    /** A new, empty array. */
    public static ArrayNode array() {
        return new ArrayNode();
    }

    public static JsonNode text(String value) {
        return new ValueNodes.TextNode(value);
    }

    /** A number node; NaN and the infinities are refused (JSON has none). */
    public static JsonNode number(Number value) {
        return new ValueNodes.NumberNode(value);
    }

    public static JsonNode bool(boolean value) {
        return ValueNodes.BooleanNode.of(value);
    }

    public static JsonNode nullNode() {
        return ValueNodes.NullNode.INSTANCE;
    }

    /** One JSON value. Empty text gives the "missing" node (not an object, not a value). */
    public static JsonNode parse(String text) throws JsonException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return document(p);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** One JSON value in UTF-8 (or UTF-16/32 with a byte-order mark). */
    public static JsonNode parse(byte[] bytes) throws JsonException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            return document(p);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Like {@link #parse(String)}, but an object that names a field twice is an error. */
    public static JsonNode parseStrict(String text) throws JsonException {
        try (JsonParser p = STRICT.createParser(text)) {
            return document(p);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private static JsonException failure(IOException e) {
        if (e instanceof JsonException j) {
            return j;
        }
        if (e instanceof JsonProcessingException p) {
            JsonLocation at = p.getLocation();
            String reason = String.valueOf(p.getOriginalMessage());
            int marker = reason.indexOf(" (start marker at");
            reason = (marker >= 0 ? reason.substring(0, marker) : reason).replaceAll("\\s+", " ").strip();
            return new JsonException(reason, at == null ? 0 : Math.max(at.getLineNr(), 0), at == null ? 0 : Math.max(at.getColumnNr(), 0));
        }
        return new JsonException(String.valueOf(e.getMessage()), 0, 0);
    }

    private static JsonNode document(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            return JsonNode.MissingNode.INSTANCE;
        }
        JsonNode value = value(p, first);
        if (p.nextToken() != null) {
            JsonLocation at = p.currentTokenLocation();
            throw new JsonException("unexpected content after the JSON value", at.getLineNr(), at.getColumnNr());
        }
        return value;
    }

    private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = new ObjectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    object.set(name, value(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = new ArrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(value(p, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return text(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return number(p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL ? Double.valueOf(p.getDoubleValue())
                        : p.getNumberValue());
            }
            case VALUE_TRUE -> {
                return bool(true);
            }
            case VALUE_FALSE -> {
                return bool(false);
            }
            case VALUE_NULL -> {
                return nullNode();
            }
            default -> {
                JsonLocation at = p.currentTokenLocation();
                throw new JsonException("unexpected " + token, at.getLineNr(), at.getColumnNr());
            }
        }
    }

    /**
     * Compact JSON of a tree, a {@code Map} (keys as text), an {@code Iterable} or array, text,
     * a number, a boolean, an enum (its name) or null. Anything else is refused, naming its type.
     * Through the tree: the documents the device writes are a few fields, a few times a minute.
     */
    public static String write(Object value) {
        return toTree(value).toString();
    }

    /** The tree of what {@link #write} accepts (a tree is copied). */
    public static JsonNode toTree(Object value) {
        return toTree(value, 0);
    }

    private static JsonNode toTree(Object value, int depth) {
        if (depth > MAX_WRITE_DEPTH) {
            throw new IllegalArgumentException("json: nested deeper than " + MAX_WRITE_DEPTH + " (does a map contain itself?)");
        }
        if (value == null) {
            return nullNode();
        } else if (value instanceof JsonNode node) {
            return valueOrNull(node).deepCopy();
        } else if (value instanceof CharSequence || value instanceof Character) {
            return text(value.toString());
        } else if (value instanceof Boolean b) {
            return bool(b);
        } else if (value instanceof Number n) {
            return number(n);
        } else if (value instanceof Enum<?> e) {
            return text(e.name());
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = object();
            map.forEach((k, v) -> object.set(String.valueOf(k), toTree(v, depth + 1)));
            return object;
        } else if (value instanceof Iterable<?> items) {
            ArrayNode array = array();
            items.forEach(item -> array.add(toTree(item, depth + 1)));
            return array;
        } else if (value instanceof Object[] items) {
            return toTree(List.of(items), depth);
        }
        throw new IllegalArgumentException("json: cannot write a " + value.getClass().getName());
    }

    /**
     * Plain Java values of a tree: {@code Map<String, Object>} (insertion order), {@code List},
     * {@code String}, {@code Integer}/{@code Long}/{@code BigInteger}/{@code Double}, {@code Boolean},
     * null.
     */
    public static Object toPlain(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Map<String, Object> map = new LinkedHashMap<>();
            o.fields().forEachRemaining(e -> map.put(e.getKey(), toPlain(e.getValue())));
            return map;
        }
        if (node instanceof ArrayNode a) {
            List<Object> list = new ArrayList<>(a.size());
            a.forEach(item -> list.add(toPlain(item)));
            return list;
        }
        if (node instanceof ValueNodes.NumberNode n) {
            return n.number();
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isBoolean() ? node.booleanValue() : node.textValue();
    }

    static JsonNode valueOrNull(JsonNode node) {
        if (node == null) {
            return nullNode();
        }
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("json: a missing node is no value");
        }
        return node;
    }

    /** {@code text} as a JSON string: quotes, backslash and control characters escaped. */
    static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
