package org.ltintercom.app.audio;

import org.ltintercom.sdk.LTAcousticCalibration;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonNode;
import org.ltintercom.sdk.internal.json.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One acoustic calibration as kept in the state directory's {@code calibration.json}:
 *
 * <pre>
 * {"version":1, "route":"builtin", "echoDetected":true, "delayMillis":52, "echoLevelDb":-6.5,
 *  "suggestedTailMillis":160, "measuredAt":"2026-11-27T00:10:00Z"}
 * </pre>
 *
 * {@code echoLevelDb} is null when no echo was heard.
 */
public record StoredCalibration(LTAudioRoute route, LTAcousticCalibration result, Instant measuredAt) {
    static final int VERSION = 1;

    public StoredCalibration {
        java.util.Objects.requireNonNull(route, "route");
        java.util.Objects.requireNonNull(result, "result");
        java.util.Objects.requireNonNull(measuredAt, "measuredAt");
    }

    JsonNode toJson() {
        ObjectNode node = Json.object();
        node.put("version", VERSION);
        node.put("route", route.name().toLowerCase(Locale.ROOT));
        node.put("echoDetected", result.echoDetected());
        node.put("delayMillis", result.delayMillis());
        if (Double.isFinite(result.echoLevelDb())) {
            node.put("echoLevelDb", Math.round(result.echoLevelDb() * 10) / 10.0);
        } else {
            node.putNull("echoLevelDb");
        }
        node.put("suggestedTailMillis", result.suggestedTailMillis());
        node.put("measuredAt", measuredAt.toString());
        return node;
    }

    /**
     * Reads a stored document.
     *
     * @throws IllegalArgumentException naming the first field that is missing or wrong
     */
    static StoredCalibration fromJson(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (node.path("version").asInt(-1) != VERSION || !node.path("version").isInt()) {
            throw new IllegalArgumentException("version: need " + VERSION + ", was " + node.get("version"));
        }
        LTAudioRoute route;
        try {
            route = LTAudioRoute.valueOf(text(node, "route").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("route: not an audio route: " + node.get("route"));
        }
        JsonNode detected = node.get("echoDetected");
        if (detected == null || !detected.isBoolean()) {
            throw new IllegalArgumentException("echoDetected: need true or false, was " + detected);
        }
        int delay = integer(node, "delayMillis", 0, 1_000);
        int tail = integer(node, "suggestedTailMillis", 1, 1_000);
        JsonNode level = node.get("echoLevelDb");
        double levelDb;
        if (level == null || level.isNull()) {
            levelDb = Double.NEGATIVE_INFINITY;
        } else if (level.isNumber()) {
            levelDb = level.asDouble();
        } else {
            throw new IllegalArgumentException("echoLevelDb: need a number or null, was " + level);
        }
        Instant at;
        try {
            at = Instant.parse(text(node, "measuredAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("measuredAt: not an ISO-8601 instant: " + node.get("measuredAt"));
        }
        return new StoredCalibration(route, new LTAcousticCalibration(detected.asBoolean(), delay, levelDb, tail), at);
    }

    /** One line for logs, the self-test and the device status. */
    public String describe() {
        String where = route.name().toLowerCase(Locale.ROOT) + " (" + measuredAt + ")";
        if (!result.echoDetected()) {
            return "the microphone did not hear the speaker on " + where;
        }
        return String.format(Locale.ROOT, "echo after %d ms at %.1f dB, tail %d ms on %s", result.delayMillis(),
                result.echoLevelDb(), result.suggestedTailMillis(), where);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + ": need a text, was " + v);
        }
        return v.asText();
    }

    private static int integer(JsonNode node, String field, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || !v.isInt() || v.asInt() < min || v.asInt() > max) {
            throw new IllegalArgumentException(field + ": need a whole number " + min + ".." + max + ", was " + v);
        }
        return v.asInt();
    }
}
