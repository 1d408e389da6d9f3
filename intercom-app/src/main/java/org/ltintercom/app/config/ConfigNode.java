package org.ltintercom.app.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML or JSON document that remembers, for every value, the line it was written on,
 * so that a validation error can say {@code intercom.yaml:12: ringPlan.groups[1].timeout: ...}.
 * Jackson's own tree drops locations, hence this small tree of our own.
 *
 * @param path     the field path from the root, e.g. {@code ringPlan.groups[1]} ("" for the root)
 * @param line     1-based line of the value's key (or of the value for list items)
 * @param scalar   the text of a scalar, null for maps, lists and YAML null
 * @param map      the children of a map, in document order (empty otherwise)
 * @param list     the items of a list (empty otherwise)
 * @param kind     what the node is
 */
public record ConfigNode(String path, int line, String scalar, Map<String, ConfigNode> map, List<ConfigNode> list,
                         Kind kind) {

    /** What a node holds. */
    public enum Kind { MAP, LIST, STRING, NUMBER, BOOLEAN, NULL }

    private static final JsonFactory YAML = YAMLFactory.builder().build();
    private static final JsonFactory JSON = new JsonFactory();

    /** Parses a YAML document (JSON is accepted as well); {@code source} names it in errors. */
    public static ConfigNode parseYaml(String text, String source) {
        return parse(YAML, text, source);
    }

    /** Parses a JSON document. */
    public static ConfigNode parseJson(String text, String source) {
        return parse(JSON, text, source);
    }

    private static ConfigNode parse(JsonFactory factory, String text, String source) {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(List.of(new ConfigError(source, 1, "", "the document is empty")));
            }
            ConfigNode root = read(parser, "", parser.currentTokenLocation().getLineNr(), source);
            if (parser.nextToken() != null) {
                throw new ConfigException(List.of(new ConfigError(source, parser.currentTokenLocation().getLineNr(),
                        "", "unexpected content after the document")));
            }
            return root;
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation().getLineNr() : 1;
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException p
                    ? p.getOriginalMessage() : e.getMessage();
            throw new ConfigException(List.of(new ConfigError(source, Math.max(line, 1), "",
                    "not valid " + (factory == JSON ? "JSON" : "YAML") + ": " + firstLine(reason))));
        }
    }

    private static ConfigNode read(JsonParser p, String path, int line, String source) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, ConfigNode> children = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int nameLine = p.currentTokenLocation().getLineNr();
                    String childPath = path.isEmpty() ? name : path + "." + name;
                    p.nextToken();
                    ConfigNode child = read(p, childPath, nameLine, source);
                    if (children.put(name, child) != null) {
                        throw new ConfigException(List.of(new ConfigError(source, nameLine, childPath,
                                "is given twice")));
                    }
                }
                return new ConfigNode(path, line, null, Collections.unmodifiableMap(children), List.of(), Kind.MAP);
            }
            case START_ARRAY: {
                List<ConfigNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, path + "[" + items.size() + "]", p.currentTokenLocation().getLineNr(), source));
                }
                return new ConfigNode(path, line, null, Map.of(), List.copyOf(items), Kind.LIST);
            }
            case VALUE_NULL:
                return new ConfigNode(path, line, null, Map.of(), List.of(), Kind.NULL);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new ConfigNode(path, line, p.getText(), Map.of(), List.of(), Kind.BOOLEAN);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new ConfigNode(path, line, p.getText(), Map.of(), List.of(), Kind.NUMBER);
            default:
                return new ConfigNode(path, line, p.getText(), Map.of(), List.of(), Kind.STRING);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The child {@code name} of a map, or null. */
    public ConfigNode get(String name) {
        return map.get(name);
    }

    /** A copy of this map where the top-level entries of {@code overrides} replace this one's. */
    public ConfigNode withEntriesOf(ConfigNode overrides) {
        Map<String, ConfigNode> merged = new LinkedHashMap<>(map);
        merged.putAll(overrides.map);
        return new ConfigNode(path, line, null, Collections.unmodifiableMap(merged), List.of(), Kind.MAP);
    }

    /** A copy of this map without the entries {@code names}. */
    public ConfigNode without(java.util.Set<String> names) {
        Map<String, ConfigNode> kept = new LinkedHashMap<>(map);
        kept.keySet().removeAll(names);
        return new ConfigNode(path, line, null, Collections.unmodifiableMap(kept), List.of(), Kind.MAP);
    }

    @Override
    public String toString() {
        // never the scalar itself: this tree may hold secrets
        return "ConfigNode[" + path + " @" + line + " " + kind + "]";
    }
}
