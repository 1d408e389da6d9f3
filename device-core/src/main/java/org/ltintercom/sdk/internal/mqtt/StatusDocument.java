package org.ltintercom.sdk.internal.mqtt;

import org.ltintercom.sdk.internal.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The retained JSON document on {@code lt/v1/<deviceID>/status}. The session owns {@code state},
 * {@code reason} and {@code ts}; the app adds its own fields (registration, call state, versions).
 */
final class StatusDocument {

    private StatusDocument() {
    }

    static byte[] online(Map<String, Object> appFields, long nowMillis) {
        return render("online", null, appFields, nowMillis);
    }

    /** The last will: fixed at connect time, so it carries no time stamp of its own. */
    static byte[] lastWill() {
        return render("offline", "connection-lost", Map.of(), -1);
    }

    static byte[] shutdown(Map<String, Object> appFields, long nowMillis) {
        return render("offline", "shutdown", appFields, nowMillis);
    }

    private static byte[] render(String state, String reason, Map<String, Object> appFields, long nowMillis) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("state", state);
        if (reason != null) {
            doc.put("reason", reason);
        }
        if (nowMillis >= 0) {
            doc.put("ts", nowMillis);
        }
        appFields.forEach(doc::putIfAbsent);
        try {
            return Json.write(doc).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("statusFields: not serialisable as JSON: " + e.getMessage(), e);
        }
    }
}
