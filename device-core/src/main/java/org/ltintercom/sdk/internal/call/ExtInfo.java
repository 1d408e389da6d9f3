package org.ltintercom.sdk.internal.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.ltintercom.sdk.internal.service.WireFormat;

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
            return WireFormat.JSON.writeValueAsString(extInfo);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("extInfo: a value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The extInfo an incoming INVITE carried ({@code X-LT-Ext-Info}); empty when absent or not a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Object value = WireFormat.JSON.readValue(json, Object.class);
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    public static int utf8Length(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }
}
