package org.ltintercom.app.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import org.ltintercom.app.config.ConfigNode;

import java.math.BigDecimal;

/** Converts a {@link ConfigNode} back to JSON text, to store a provisioned section as it was received. */
final class ConfigNodes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigNodes() {
    }

    static String toJson(ConfigNode node) {
        return JSON.valueToTree(tree(node)).toString();
    }

    private static JsonNode tree(ConfigNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (node.kind()) {
            case MAP -> {
                ObjectNode o = f.objectNode();
                node.map().forEach((k, v) -> o.set(k, tree(v)));
                yield o;
            }
            case LIST -> {
                ArrayNode a = f.arrayNode();
                node.list().forEach(v -> a.add(tree(v)));
                yield a;
            }
            case STRING -> f.textNode(node.scalar());
            case NUMBER -> f.numberNode(new BigDecimal(node.scalar()));
            case BOOLEAN -> f.booleanNode(Boolean.parseBoolean(node.scalar()));
            case NULL -> f.nullNode();
        };
    }
}
