package org.ltintercom.sdk.internal.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonFieldsTest {

    private static JsonFields parse(String json) throws Exception {
        return JsonFields.root(org.ltintercom.sdk.internal.json.Json.parse(json));
    }

    private static void assertField(String expectedMessage, ThrowingRead read) {
        WireFormatException e = assertThrows(WireFormatException.class, read::run);
        assertEquals(expectedMessage, e.getMessage());
    }

    interface ThrowingRead {
        void run() throws Exception;
    }

    @Test
    void errorsNameTheFullPathOfTheField() throws Exception {
        JsonFields f = parse("{\"a\": {\"b\": [{\"c\": 5}]}, \"s\": \"" + "x".repeat(257) + "\", \"n\": 1.5, \"big\": 99999999999}");
        assertField("a.b[0].c: must be a string, not number", () -> f.object("a").objectList("b").get(0).text("c"));
        assertField("s: longer than 256 characters", () -> f.text("s"));
        assertField("n: must be an integer", () -> f.longValue("n"));
        assertField("big: out of range", () -> f.intValue("big"));
        assertField("missing: required object", () -> f.object("missing"));
        assertField("a: must be a list", () -> f.textList("a"));
    }

    @Test
    void absentAndNullOptionalFieldsReadAsDefaults() throws Exception {
        JsonFields f = parse("{\"x\": null}");
        assertNull(f.optionalText("x"));
        assertEquals(7, f.optionalLong("x", 7));
        assertFalse(f.optionalBoolean("y", false));
        assertEquals(List.of(), f.textList("x"));
        assertNull(f.optionalObject("x"));
    }
}
