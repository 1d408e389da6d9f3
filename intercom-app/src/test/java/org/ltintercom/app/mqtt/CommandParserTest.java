package org.ltintercom.app.mqtt;

import org.junit.jupiter.api.Test;
import org.ltintercom.app.mqtt.CommandRequest.Kind;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandParserTest {

    private static final long NOW = 1_764_160_000_000L;

    private static CommandRequest parse(String json) throws CommandParser.InvalidCommand {
        return CommandParser.parse(json.getBytes(StandardCharsets.UTF_8), false, NOW);
    }

    private static CommandParser.InvalidCommand refused(String json) {
        return assertThrows(CommandParser.InvalidCommand.class, () -> parse(json));
    }

    @Test
    void everyCommandIsReadWithItsArgument() throws Exception {
        assertEquals(new CommandRequest("1", Kind.CALL, "flat-9"), parse("{\"id\":\"1\",\"cmd\":\"call\",\"args\":{\"target\":\"flat-9\"}}"));
        assertEquals(new CommandRequest("2", Kind.CALL, null), parse("{\"id\":\"2\",\"cmd\":\"call\"}"));
        assertEquals(new CommandRequest("3", Kind.HANGUP, null), parse("{\"id\":\"3\",\"cmd\":\"hangup\",\"args\":{}}"));
        assertEquals(new CommandRequest("4", Kind.ANSWER, null), parse("{\"id\":\"4\",\"cmd\":\"answer\",\"args\":null}"));
        assertEquals(new CommandRequest("5", Kind.OPEN_DOOR, null), parse("{\"id\":\"5\",\"cmd\":\"open-door\"}"));
        assertEquals(new CommandRequest("6", Kind.DTMF, "*0#A"), parse("{\"id\":\"6\",\"cmd\":\"dtmf\",\"args\":{\"keys\":\"*0#A\"}}"));
        assertEquals(new CommandRequest("7", Kind.SELFTEST, null), parse("{\"id\":\"7\",\"cmd\":\"selftest\"}"));
        assertEquals(new CommandRequest("8", Kind.RELOAD, null), parse("{\"id\":\"8\",\"cmd\":\"reload\"}"));
        assertEquals(new CommandRequest("9", Kind.PRESS, "short"), parse("{\"id\":\"9\",\"cmd\":\"press\",\"args\":{\"gesture\":\"short\"}}"));
        assertEquals(new CommandRequest("10", Kind.OPEN_DOOR, null),
                parse("{\"id\":\"10\",\"cmd\":\"open-door\",\"expiresAt\":" + (NOW + 1) + "}"));
    }

    @Test
    void unreadablePayloadsNameThePayload() {
        assertTrue(refused("{\"id\": ").getMessage().startsWith("payload: not valid JSON ("));
        assertEquals("payload: must be a JSON object {\"id\", \"cmd\", \"args\"}", refused("\"call\"").getMessage());
        assertEquals("payload: must be a JSON object {\"id\", \"cmd\", \"args\"}", refused("").getMessage());
        assertTrue(refused("{\"id\":\"1\",\"id\":\"2\",\"cmd\":\"call\"}").getMessage().contains("Duplicate field 'id'"));
        CommandParser.InvalidCommand big = assertThrows(CommandParser.InvalidCommand.class,
                () -> CommandParser.parse(new byte[5000], false, NOW));
        assertEquals("payload: 5000 bytes, more than 4096", big.getMessage());
        assertEquals("payload: not valid UTF-8", assertThrows(CommandParser.InvalidCommand.class,
                () -> CommandParser.parse(new byte[] {'{', (byte) 0xFF, '}'}, false, NOW)).getMessage());
    }

    @Test
    void missingOrWrongFieldsAreNamedAndWhatCouldBeReadIsKept() {
        CommandParser.InvalidCommand noId = refused("{\"cmd\":\"call\"}");
        assertEquals("id: is required, a string of 1-128 characters", noId.getMessage());
        assertNull(noId.id());
        assertEquals("call", noId.cmd());
        assertEquals("id: is required, a string of 1-128 characters", refused("{\"id\":7,\"cmd\":\"call\"}").getMessage());
        assertEquals("id: is required, a string of 1-128 characters",
                refused("{\"id\":\"" + "x".repeat(129) + "\",\"cmd\":\"call\"}").getMessage());

        CommandParser.InvalidCommand unknown = refused("{\"id\":\"u\",\"cmd\":\"reboot-app\"}");
        assertEquals("cmd: unknown command \"reboot-app\" (known: answer, call, dtmf, hangup, open-door, press, reload, selftest)",
                unknown.getMessage());
        assertEquals("u", unknown.id());
        assertEquals("reboot-app", unknown.cmd());
        assertEquals("cmd: is required, one of answer, call, dtmf, hangup, open-door, press, reload, selftest",
                refused("{\"id\":\"u\",\"cmd\":5}").getMessage());
        assertEquals("extra: unknown field (allowed: args, cmd, expiresAt, id)",
                refused("{\"id\":\"u\",\"cmd\":\"call\",\"extra\":1}").getMessage());
    }

    @Test
    void argumentsAreCheckedPerCommand() {
        assertEquals("args: must be a JSON object", refused("{\"id\":\"a\",\"cmd\":\"call\",\"args\":[]}").getMessage());
        assertEquals("args.target: must be a userID of 1-128 characters A-Z a-z 0-9 _ . @ + - (leave it out to run "
                + "the ring plan), was \"../x\"", refused("{\"id\":\"a\",\"cmd\":\"call\",\"args\":{\"target\":\"../x\"}}").getMessage());
        assertTrue(refused("{\"id\":\"a\",\"cmd\":\"call\",\"args\":{\"target\":42}}").getMessage().endsWith(", was 42"));
        assertEquals("args.keys: is required: 1-32 DTMF keys (0-9 * # A-D)",
                refused("{\"id\":\"a\",\"cmd\":\"dtmf\"}").getMessage());
        assertEquals("args.keys: must be 1-32 DTMF keys (0-9 * # A-D)",
                refused("{\"id\":\"a\",\"cmd\":\"dtmf\",\"args\":{\"keys\":\"4711E\"}}").getMessage(),
                "DTMF keys are not echoed: they may be a door code");
        assertEquals("args.keys: must be 1-32 DTMF keys (0-9 * # A-D)",
                refused("{\"id\":\"a\",\"cmd\":\"dtmf\",\"args\":{\"keys\":\"\"}}").getMessage());
        assertEquals("args.gesture: is required: short or long", refused("{\"id\":\"a\",\"cmd\":\"press\"}").getMessage());
        assertEquals("args.gesture: must be short or long, was \"tap\"",
                refused("{\"id\":\"a\",\"cmd\":\"press\",\"args\":{\"gesture\":\"tap\"}}").getMessage());
        assertEquals("args.target: unknown argument of hangup (it takes none)",
                refused("{\"id\":\"a\",\"cmd\":\"hangup\",\"args\":{\"target\":\"x\"}}").getMessage());
        assertEquals("args.gesture: unknown argument of dtmf (allowed: keys)",
                refused("{\"id\":\"a\",\"cmd\":\"dtmf\",\"args\":{\"keys\":\"1\",\"gesture\":\"short\"}}").getMessage());
    }

    @Test
    void expiredAndRetainedCommandsAreRefused() {
        assertEquals("expiresAt: the command expired 1 ms ago (queued while the device was offline?); not run",
                refused("{\"id\":\"e\",\"cmd\":\"open-door\",\"expiresAt\":" + (NOW - 1) + "}").getMessage());
        assertEquals("expiresAt: must be a time in ms since the epoch, was \"soon\"",
                refused("{\"id\":\"e\",\"cmd\":\"open-door\",\"expiresAt\":\"soon\"}").getMessage());
        assertEquals("expiresAt: must be a time in ms since the epoch, was 1.5",
                refused("{\"id\":\"e\",\"cmd\":\"open-door\",\"expiresAt\":1.5}").getMessage());
        CommandParser.InvalidCommand retained = assertThrows(CommandParser.InvalidCommand.class, () -> CommandParser.parse(
                "{\"id\":\"r\",\"cmd\":\"open-door\"}".getBytes(StandardCharsets.UTF_8), true, NOW));
        assertTrue(retained.getMessage().startsWith("retained: a command must be published with RETAIN 0"));
        assertEquals("r", retained.id());
    }

    @Test
    void resultDocumentCarriesIdCmdOkErrorAndDetails() {
        assertEquals("{\"id\":\"5\",\"cmd\":\"selftest\",\"ok\":true,\"error\":null,\"details\":{\"sip\":\"PASS\"}}",
                CommandHandler.resultJson("5", "selftest", org.ltintercom.app.control.CommandResult.done(
                        java.util.Map.of("sip", "PASS"))));
        assertEquals("{\"id\":null,\"cmd\":null,\"ok\":false,\"error\":\"payload: not valid UTF-8\",\"details\":{}}",
                CommandHandler.resultJson(null, null, org.ltintercom.app.control.CommandResult.failed("payload: not valid UTF-8")));
    }
}
