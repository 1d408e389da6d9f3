package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The extInfo of a call as the JSON that travels (in {@code X-LT-Ext-Info} and in wakeups), at most 256 bytes. */
public final class ExtInfo {
    private ExtInfo() {
    }

    /**
     * The compact UTF-8 JSON of {@code extInfo}.
     *
     * @throws IllegalArgumentException when a value cannot be written as JSON
     */
    public static String json(Map<String, Object> extInfo) {
        try {
            return Json.write(extInfo);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("extInfo: a value cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** The extInfo an incoming INVITE carried ({@code X-LT-Ext-Info}); empty when absent or not a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Object value = Json.toPlain(Json.parse(json));
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (JsonException e) {
            return Map.of();
        }
    }

    public static int utf8Length(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }
}
