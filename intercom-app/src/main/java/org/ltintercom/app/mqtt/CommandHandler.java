package org.ltintercom.app.mqtt;

import org.ltintercom.app.control.CommandResult;
import org.ltintercom.app.control.DeviceControl;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.mqtt.MqttInbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The {@code cmd} topic's stage:
 *
 * <pre>
 *  lt/v1/&lt;deviceID&gt;/cmd -> MqttSession (delivery thread) -> CommandHandler: parse, de-duplicate
 *        -> DeviceControl (app event loop) -> future -> result JSON -> lt/v1/&lt;deviceID&gt;/cmd/result
 * </pre>
 *
 * Every message but an empty one (the idiom for deleting a retained message) gets exactly one
 * result, a refused one too ({@code ok: false} and an {@code error}
 * naming the field). An id seen among the last {@value #REMEMBERED_IDS} commands is not run again
 * (QoS 1 may deliver twice, and Moquette replays retained messages without the RETAIN flag): the
 * result says so, so that a caller reusing ids learns why nothing happened.
 */
final class CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
    static final int REMEMBERED_IDS = 256;

    private final DeviceControl control;
    private final Consumer<String> results;
    private final Set<String> recentIds = new LinkedHashSet<>(); // delivery thread only

    /** {@code results} publishes one result document on {@code cmd/result}; it is called from any thread. */
    CommandHandler(DeviceControl control, Consumer<String> results) {
        this.control = control;
        this.results = results;
    }

    /** Runs on the session's delivery thread: never blocks on the app. */
    void onMessage(MqttInbound message) {
        if (message.payload().length == 0) {
            // how an operator deletes a retained command: nothing to run, nothing to answer
            LOG.debug("empty message on {} ignored", message.topic());
            return;
        }
        CommandRequest request;
        try {
            request = CommandParser.parse(message.payload(), message.retained(), System.currentTimeMillis());
        } catch (CommandParser.InvalidCommand e) {
            LOG.warn("command refused: {}", e.getMessage());
            results.accept(resultJson(e.id(), e.cmd(), CommandResult.failed(e.getMessage())));
            return;
        }
        if (!remember(request.id())) {
            LOG.info("command {} ({}) not run again: its id was used before", request.id(), request.kind());
            results.accept(resultJson(request.id(), request.kind().wire(), CommandResult.failed(
                    "id: \"" + request.id() + "\" was used by an earlier command (redelivery?); use a new id per command")));
            return;
        }
        LOG.info("command {}: {}{}", request.id(), request.kind(),
                request.argument() == null || request.kind() == CommandRequest.Kind.DTMF ? "" : " " + request.argument());
        CompletableFuture<CommandResult> running;
        try {
            running = dispatch(control, request);
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        running.whenComplete((result, failure) -> {
            CommandResult outcome = result;
            if (failure != null || result == null) {
                LOG.error("command {} ({}) failed inside the app", request.id(), request.kind(), failure);
                outcome = CommandResult.failed("device: the command failed inside the app ("
                        + (failure == null ? "no result" : rootMessage(failure)) + ")");
            }
            results.accept(resultJson(request.id(), request.kind().wire(), outcome));
        });
    }

    /** The {@link DeviceControl} method for {@code request}. */
    static CompletableFuture<CommandResult> dispatch(DeviceControl control, CommandRequest request) {
        return switch (request.kind()) {
            case CALL -> control.call(request.argument());
            case HANGUP -> control.hangup();
            case ANSWER -> control.answer();
            case OPEN_DOOR -> control.openDoor();
            case DTMF -> control.sendDtmf(request.argument());
            case SELFTEST -> control.selftest();
            case RELOAD -> control.reload();
            case PRESS -> control.pressButton(request.argument());
        };
    }

    /** {@code {"id", "cmd", "ok", "error", "details"}}. */
    static String resultJson(String id, String cmd, CommandResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.put("cmd", cmd);
        doc.put("ok", result.ok());
        doc.put("error", result.error());
        doc.put("details", result.details());
        try {
            return Json.write(doc);
        } catch (IllegalArgumentException e) {
            // details the app filled with something JSON cannot hold: the caller still gets an answer
            LOG.error("command {} result details are not JSON-serialisable: {}", id, e.getMessage());
            return resultJson(id, cmd, new CommandResult(result.ok(),
                    result.error(), Map.of("detailsError", "not serialisable")));
        }
    }

    private boolean remember(String id) {
        if (recentIds.contains(id)) {
            return false;
        }
        if (recentIds.size() >= REMEMBERED_IDS) {
            recentIds.remove(recentIds.iterator().next());
        }
        recentIds.add(id);
        return true;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
