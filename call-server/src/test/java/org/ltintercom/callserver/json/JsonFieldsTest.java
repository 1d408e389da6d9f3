package org.ltintercom.callserver.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFieldsTest {
    private static final Set<String> FIELDS = Set.of("name", "count", "flag", "list", "party");

    private static JsonFields body(String json) {
        return JsonFields.of(Json.parse(json.getBytes(StandardCharsets.UTF_8)), "body", FIELDS);
    }

    private static String refusal(Runnable r) {
        return assertThrows(FieldException.class, r::run).getMessage();
    }

    @Test
    void anUnknownFieldIsNamedBeforeAnythingElse() {
        assertEquals("nmae: unknown field", refusal(() -> body("{\"nmae\":\"x\"}")));
    }

    @Test
    void missingNullAndBlankStringsAreRefused() {
        assertEquals("name: required", refusal(() -> body("{}").text("name")));
        assertEquals("name: required", refusal(() -> body("{\"name\":null}").text("name")));
        assertEquals("name: must not be blank", refusal(() -> body("{\"name\":\"  \"}").text("name")));
        assertEquals("", body("{\"name\":\"\"}").text("name", "default"), "optional strings may be empty");
        assertEquals("default", body("{}").text("name", "default"));
    }

    @Test
    void wrongTypesAreNeverCoerced() {
        assertEquals("name: must be a string", refusal(() -> body("{\"name\":12}").text("name")));
        assertEquals("count: must be an integer", refusal(() -> body("{\"count\":\"12\"}").longValue("count")));
        assertEquals("count: must be an integer", refusal(() -> body("{\"count\":1.0}").longValue("count")));
        assertEquals("count: must be an integer", refusal(() -> body("{\"count\":true}").longValue("count")));
        assertEquals("flag: must be true or false", refusal(() -> body("{\"flag\":1}").bool("flag")));
        assertEquals("flag: must be true or false", refusal(() -> body("{\"flag\":\"true\"}").bool("flag")));
    }

    @Test
    void integersOutsideTheRangeNameTheBounds() {
        assertEquals("count: must be between 1 and 5", refusal(() -> body("{\"count\":6}").intValue("count", 1, 5)));
        assertEquals(5, body("{\"count\":5}").intValue("count", 1, 5));
        assertEquals(Long.MAX_VALUE, body("{\"count\":9223372036854775807}").longValue("count"));
        assertEquals("count: must be an integer",
                refusal(() -> body("{\"count\":9223372036854775808}").longValue("count")));
    }

    @Test
    void listEntriesAreNamedByIndex() {
        assertEquals(List.of("a", "b"), body("{\"list\":[\"a\",\"b\"]}").textList("list"));
        assertEquals("list[1]: must be a string", refusal(() -> body("{\"list\":[\"a\",2]}").textList("list")));
        assertEquals("list[0]: must not be blank", refusal(() -> body("{\"list\":[\"\"]}").textList("list")));
        assertEquals("list: must have 1 to 200 entries", refusal(() -> body("{\"list\":[]}").textList("list")));
        String many = "[" + "\"x\",".repeat(200) + "\"x\"]";
        assertEquals("list: must have 1 to 200 entries", refusal(() -> body("{\"list\":" + many + "}").textList("list")));
        assertEquals("list: must be a list of strings", refusal(() -> body("{\"list\":\"a\"}").textList("list")));
    }

    @Test
    void stringsLongerThan256CharactersAreRefused() {
        String ok = "é".repeat(256);
        assertEquals(ok, body("{\"name\":\"" + ok + "\"}").text("name"));
        assertEquals("name: longer than 256 characters",
                refusal(() -> body("{\"name\":\"" + ok + "x\"}").text("name")));
    }

    @Test
    void nestedObjectsAreNamedByPath() {
        JsonFields f = body("{\"party\":{\"userID\":\"u-1\",\"extInfo\":{\"a\":1}}}");
        JsonFields party = f.object("party", Set.of("userID", "extInfo")).orElseThrow();
        assertEquals("u-1", party.text("userID"));
        assertEquals(1, party.rawObject("extInfo").orElseThrow().get("a").asInt());
        assertEquals("party.nick: unknown field", refusal(() -> body("{\"party\":{\"nick\":\"x\"}}")
                .object("party", Set.of("userID"))));
        assertEquals("party: must be a JSON object", refusal(() -> body("{\"party\":[]}")
                .object("party", Set.of("userID"))));
        assertFalse(f.has("name"));
        assertTrue(f.has("party"));
    }

    @Test
    void malformedDuplicateAndTrailingJsonIsRefusedAsBody() {
        for (String bad : List.of("{", "{\"a\":1,\"a\":2}", "{} {}", "{'a':1}", "{\"a\":NaN}")) {
            String message = refusal(() -> Json.parse(bad.getBytes(StandardCharsets.UTF_8)));
            assertTrue(message.startsWith("body: malformed JSON"), bad + " -> " + message);
        }
        assertEquals("body: must be a JSON object", refusal(() -> body("[]")));
        assertTrue(refusal(() -> Json.parse(new byte[0])).startsWith("body: empty"));
        JsonNode ok = Json.parse("  {\"a\": [1, 2]}  ".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, ok.get("a").size());
    }
}
