package org.ltintercom.app.provisioning;

import org.ltintercom.sdk.internal.json.ArrayNode;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.ObjectNode;

import java.util.List;

/**
 * What the device answers on {@code lt/v1/<deviceID>/config/result} for one config message.
 *
 * @param version       the version the message carried, or null when it could not be read
 * @param status        applied, rejected (invalid, badly signed, or rolled back) or ignored (not newer)
 * @param errors        {@code field: reason} lines; empty when applied
 * @param activeVersion the version that is in force after this message (0 = the local config only)
 */
public record ConfigResult(Long version, Status status, List<String> errors, long activeVersion) {

    /** The outcome of one config message. */
    public enum Status {
        APPLIED, REJECTED, IGNORED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ConfigResult {
        errors = List.copyOf(errors);
    }

    /** The JSON payload, e.g. {@code {"version":7,"status":"rejected","errors":["..."],"activeVersion":6}}. */
    public String toJson() {
        ObjectNode node = Json.object();
        if (version == null) {
            node.putNull("version");
        } else {
            node.put("version", version);
        }
        node.put("status", status.wire());
        ArrayNode list = node.putArray("errors");
        errors.forEach(list::add);
        node.put("activeVersion", activeVersion);
        return node.toString();
    }
}
