package org.ltintercom.sdk.internal.json;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void aDocumentIsReadIntoATreeAndWrittenBackTheSame() throws Exception {
        String text = "{\"s\":\"a\\\"b\\\\c\\n\\u0001é\",\"i\":5,\"l\":5000000000,\"b\":123456789012345678901234567890,"
                + "\"d\":1.5,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"x\",{\"k\":[]}],\"o\":{}}";
        JsonNode tree = Json.parse(text);
        assertEquals(text, tree.toString());
        assertEquals(tree, Json.parse(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals("a\"b\\c\n\u0001é", tree.get("s").textValue());
        assertTrue(tree.get("i").isInt());
        assertFalse(tree.get("l").isInt());
        assertTrue(tree.get("l").isIntegralNumber() && tree.get("l").canConvertToLong());
        assertTrue(tree.get("b").isIntegralNumber());
        assertFalse(tree.get("b").canConvertToLong(), "beyond long");
        assertFalse(tree.get("d").isIntegralNumber());
        assertEquals(1.5, tree.get("d").doubleValue());
        assertTrue(tree.get("t").booleanValue());
        assertTrue(tree.get("n").isNull());
        assertEquals(3, tree.get("a").size());
        assertEquals("x", tree.get("a").get(1).asText());
        assertTrue(tree.path("a").path(2).path("k").isArray());
        assertTrue(tree.path("nope").path("deeper").isMissingNode(), "paths chain through absent fields");
        assertNull(tree.get("nope"));
        assertEquals(List.of("s", "i", "l", "b", "d", "t", "f", "n", "a", "o"), names(tree));
    }

    @Test
    void conversionsFollowTheTreeModelTheDeviceUsedBefore() throws Exception {
        JsonNode t = Json.parse("{\"text5\":\"5\",\"word\":\"x\",\"num\":7.9,\"yes\":true,\"whole\":5.0}");
        assertEquals(5, t.get("text5").asInt(-1));
        assertEquals(-1, t.get("word").asInt(-1));
        assertEquals(7, t.get("num").asInt(-1));
        assertEquals(7L, t.get("num").asLong(-1));
        assertEquals(1, t.get("yes").asInt(-1));
        assertEquals(-1, t.path("absent").asInt(-1));
        assertEquals("", t.path("absent").asText());
        assertEquals("7.9", t.get("num").asText());
        assertNull(t.get("num").textValue());
        assertTrue(t.get("whole").canConvertToExactIntegral());
        assertFalse(t.get("num").canConvertToExactIntegral());
        assertEquals("string", t.get("word").typeName());
        assertEquals("number", t.get("num").typeName());
    }

    @Test
    void malformedTextIsRefusedWithTheReasonAndThePlace() throws Exception {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"a\": [1, 2,\n}"));
        assertEquals(3, e.line());
        assertTrue(e.reason().startsWith("Unexpected character"), e.reason());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertEquals("unexpected content after the JSON value",
                assertThrows(JsonException.class, () -> Json.parse("{} {}")).reason());
        assertThrows(JsonException.class, () -> Json.parse("\u0000\u00ff binary"));
        assertThrows(JsonException.class, () -> Json.parse("{\"a\":1,\"a\":2}".substring(0, 9)));
        assertTrue(Json.parse("").isMissingNode(), "no document at all: the missing node, not an object");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertTrue(assertThrows(JsonException.class, () -> Json.parse(deep)).reason().contains("depth"));
    }

    @Test
    void theStrictParserRefusesAFieldNamedTwice() throws Exception {
        assertEquals(2, Json.parse("{\"a\":1,\"a\":2}").get("a").intValue(), "the last wins, as before");
        JsonException e = assertThrows(JsonException.class, () -> Json.parseStrict("{\"a\":1,\"a\":2}"));
        assertTrue(e.reason().contains("Duplicate field 'a'"), e.reason());
    }

    @Test
    void mapsListsAndScalarsAreWrittenAsJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("s", "tab\there");
        doc.put("n", null);
        doc.put("i", 3);
        doc.put("l", 4L);
        doc.put("d", 0.25);
        doc.put("big", new BigInteger("123456789012345678901234567890"));
        doc.put("b", false);
        doc.put("e", Thread.State.NEW);
        doc.put("list", List.of(1, "two", Map.of("three", 3)));
        doc.put("array", new Object[]{"x"});
        doc.put("tree", Json.object().put("k", "v"));
        assertEquals("{\"s\":\"tab\\there\",\"n\":null,\"i\":3,\"l\":4,\"d\":0.25,\"big\":123456789012345678901234567890,"
                + "\"b\":false,\"e\":\"NEW\",\"list\":[1,\"two\",{\"three\":3}],\"array\":[\"x\"],\"tree\":{\"k\":\"v\"}}", Json.write(doc));
    }

    @Test
    void whatJsonCannotHoldIsRefusedNamingIt() {
        assertEquals("json: cannot write a java.lang.Object",
                assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", new Object()))).getMessage());
        assertEquals("number: JSON has no NaN",
                assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.NaN))).getMessage());
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.write(loop)).getMessage().contains("contain itself"));
    }

    @Test
    void treesAndPlainValuesConvertBothWays() throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "call");
        event.put("count", 2);
        event.put("tags", List.of("a", "b"));
        event.put("none", null);
        JsonNode tree = Json.toTree(event);
        assertInstanceOf(ObjectNode.class, tree);
        assertEquals("{\"type\":\"call\",\"count\":2,\"tags\":[\"a\",\"b\"],\"none\":null}", tree.toString());
        assertEquals(event, Json.toPlain(Json.parse(tree.toString())));
        assertEquals(5000000000L, Json.toPlain(Json.parse("5000000000")));
        assertEquals(2, Json.toPlain(Json.parse("2")));
    }

    @Test
    void aDeepCopySharesNothingMutable() {
        ObjectNode original = Json.object().put("a", 1);
        original.putArray("list").add("x");
        original.putObject("inner").put("k", true);
        ObjectNode copy = original.deepCopy();
        assertEquals(original, copy);
        ((ArrayNode) copy.get("list")).add("y");
        ((ObjectNode) copy.get("inner")).put("k", false);
        copy.remove("a");
        assertEquals("{\"a\":1,\"list\":[\"x\"],\"inner\":{\"k\":true}}", original.toString());
        assertEquals(1, original.get("a").intValue());
        assertEquals("{\"list\":[\"x\",\"y\"],\"inner\":{\"k\":false}}", copy.toString());
    }

    @Test
    void aMissingNodeIsNoValueToStore() {
        ObjectNode o = Json.object();
        JsonNode missing = o.path("absent");
        assertThrows(IllegalArgumentException.class, () -> o.set("x", missing));
        assertTrue(o.isEmpty());
        o.put("s", (String) null);
        assertTrue(o.get("s").isNull(), "a null string is JSON null");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
