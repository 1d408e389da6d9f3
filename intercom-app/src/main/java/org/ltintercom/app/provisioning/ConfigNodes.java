package org.ltintercom.app.provisioning;

import org.ltintercom.app.config.ConfigNode;
import org.ltintercom.sdk.internal.json.ArrayNode;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonNode;
import org.ltintercom.sdk.internal.json.ObjectNode;

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
        return switch (node.kind()) {
            case MAP -> {
                ObjectNode o = Json.object();
                node.map().forEach((k, v) -> o.set(k, tree(v)));
                yield o;
            }
            case LIST -> {
                ArrayNode a = Json.array();
                node.list().forEach(v -> a.add(tree(v)));
                yield a;
            }
            case STRING -> Json.text(node.scalar());
            case NUMBER -> node.scalar().matches("-?\\d+") ? Json.number(new BigInteger(node.scalar()))
                    : Json.number(new BigDecimal(node.scalar()));
            case BOOLEAN -> Json.bool(Boolean.parseBoolean(node.scalar()));
            case NULL -> Json.nullNode();
        };
    }
}
