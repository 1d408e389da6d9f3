package org.ltintercom.app.mqtt;

import org.ltintercom.app.mqtt.CommandRequest.Kind;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonException;
import org.ltintercom.sdk.internal.json.JsonNode;

import java.util.Iterator;
import java.util.Set;

/**
 * Reads a {@code cmd} payload, {@code {"id": "...", "cmd": "...", "args": {...}}}, into a
 * {@link CommandRequest}, or an {@link InvalidCommand} whose message names the field at fault and
 * why. Unknown fields and unknown arguments are refused (a typo in {@code args.target} must not
 * silently ring the whole ring plan instead).
 */
public final class CommandParser {

    /** Largest command payload accepted, in bytes (a command is a few dozen bytes). */
    public static final int MAX_PAYLOAD_BYTES = 4096;
    /** Longest command id. */
    public static final int MAX_ID_LENGTH = 128;

    private static final Set<String> FIELDS = Set.of("id", "cmd", "args", "expiresAt");
    private static final String USER_ID = "[A-Za-z0-9_.@+-]{1,128}";
    private static final String DTMF_KEYS = "[0-9*#A-D]{1,32}";

    /** A command that is refused; {@code id} and {@code cmd} are what could be read of it (or null). */
    public static final class InvalidCommand extends Exception {
        private final String id;
        private final String cmd;

        InvalidCommand(String id, String cmd, String error) {
            super(error, null, false, false);
            this.id = id;
            this.cmd = cmd;
        }

        public String id() {
            return id;
        }

        public String cmd() {
            return cmd;
        }
    }

    private CommandParser() {
    }

    /**
     * Parses one {@code cmd} message ({@code retained}: the broker replayed it as a retained message;
     * {@code nowMillis}: the device's clock, for {@code expiresAt}).
     */
    public static CommandRequest parse(byte[] payload, boolean retained, long nowMillis) throws InvalidCommand {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new InvalidCommand(null, null, "payload: " + payload.length + " bytes, more than " + MAX_PAYLOAD_BYTES);
        }
        String text = Payloads.utf8(payload)
                .orElseThrow(() -> new InvalidCommand(null, null, "payload: not valid UTF-8"));
        JsonNode root;
        try {
            root = Json.parseStrict(text);
        } catch (JsonException e) {
            throw new InvalidCommand(null, null, "payload: not valid JSON (" + e.reason() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidCommand(null, null, "payload: must be a JSON object {\"id\", \"cmd\", \"args\"}");
        }
        String id = textOrNull(root.get("id"));
        String cmd = textOrNull(root.get("cmd"));
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new InvalidCommand(null, cmd, "id: is required, a string of 1-" + MAX_ID_LENGTH + " characters");
        }
        if (retained) {
            throw new InvalidCommand(id, cmd, "retained: a command must be published with RETAIN 0 "
                    + "(a retained one would run again on every reconnect); clear it with an empty retained message");
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidCommand(id, cmd, name + ": unknown field (allowed: args, cmd, expiresAt, id)");
            }
        }
        JsonNode expiresAt = root.get("expiresAt");
        if (expiresAt != null && !expiresAt.isNull()) {
            if (!expiresAt.canConvertToExactIntegral() || !expiresAt.canConvertToLong() || expiresAt.asLong() <= 0) {
                throw new InvalidCommand(id, cmd, "expiresAt: must be a time in ms since the epoch, was " + expiresAt);
            }
            if (expiresAt.asLong() < nowMillis) {
                // the broker queued it while the device was offline: opening a door now would surprise everyone
                throw new InvalidCommand(id, cmd, "expiresAt: the command expired " + (nowMillis - expiresAt.asLong())
                        + " ms ago (queued while the device was offline?); not run");
            }
        }
        if (cmd == null) {
            throw new InvalidCommand(id, null, "cmd: is required, one of " + Kind.names());
        }
        Kind kind = Kind.ofWire(cmd).orElseThrow(() -> new InvalidCommand(id, cmd,
                "cmd: unknown command \"" + cmd + "\" (known: " + Kind.names() + ")"));
        String argument = argument(id, kind, root.get("args"));
        return new CommandRequest(id, kind, argument);
    }

    private static String argument(String id, Kind kind, JsonNode args) throws InvalidCommand {
        String cmd = kind.wire();
        if (args != null && !args.isNull() && !args.isObject()) {
            throw new InvalidCommand(id, cmd, "args: must be a JSON object");
        }
        if (args != null && args.isObject()) {
            Iterator<String> names = args.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals(kind.argumentName())) {
                    throw new InvalidCommand(id, cmd, "args." + name + ": unknown argument of " + cmd
                            + (kind.argumentName() == null ? " (it takes none)" : " (allowed: " + kind.argumentName() + ")"));
                }
            }
        }
        if (kind.argumentName() == null) {
            return null;
        }
        String field = "args." + kind.argumentName();
        JsonNode node = args == null ? null : args.get(kind.argumentName());
        if (node == null || node.isNull()) {
            if (kind.argumentRequired()) {
                throw new InvalidCommand(id, cmd, field + ": is required: " + rule(kind));
            }
            return null;
        }
        if (!node.isTextual() || !valid(kind, node.asText())) {
            throw new InvalidCommand(id, cmd, field + ": must be " + rule(kind)
                    + echo(kind, node));
        }
        return node.asText();
    }

    private static boolean valid(Kind kind, String value) {
        return switch (kind) {
            case CALL -> value.matches(USER_ID);
            case DTMF -> value.matches(DTMF_KEYS);
            case PRESS -> value.equals("short") || value.equals("long");
            default -> false;
        };
    }

    private static String rule(Kind kind) {
        return switch (kind) {
            case CALL -> "a userID of 1-128 characters A-Z a-z 0-9 _ . @ + - (leave it out to run the ring plan)";
            case DTMF -> "1-32 DTMF keys (0-9 * # A-D)";
            case PRESS -> "short or long";
            default -> "absent";
        };
    }

    /** The bad value, for the caller to see what arrived; never DTMF keys (they may be a door code). */
    private static String echo(Kind kind, JsonNode node) {
        if (kind == Kind.DTMF) {
            return "";
        }
        String shown = node.isTextual() ? "\"" + node.asText() + "\"" : node.toString();
        return ", was " + (shown.length() > 64 ? shown.substring(0, 64) + "..." : shown);
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
