package org.ltintercom.app.provisioning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import org.ltintercom.app.config.ConfigNode;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Converts a {@link ConfigNode} back to JSON text, to store a provisioned section as it was received. */
final class ConfigNodes {

    private ConfigNodes() {
    }

    static String toJson(ConfigNode node) {
        // straight to text: a valueToTree round trip turned 5070 into 5070.0, which no longer binds as an integer
        return tree(node).toString();
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
            case NUMBER -> node.scalar().matches("-?\\d+") ? f.numberNode(new BigInteger(node.scalar()))
                    : f.numberNode(new BigDecimal(node.scalar()));
            case BOOLEAN -> f.booleanNode(Boolean.parseBoolean(node.scalar()));
            case NULL -> f.nullNode();
        };
    }
}
