package org.ltintercom.app.control;

import java.util.Map;

/**
 * The outcome of one command, published on {@code cmd/result} with the request's {@code id}.
 *
 * @param ok      whether the command did what it was asked
 * @param error   why not (names the field or the state at fault), null when ok
 * @param details command-specific results (JSON-serialisable values), e.g. the self-test's checks
 */
public record CommandResult(boolean ok, String error, Map<String, Object> details) {

    public CommandResult {
        details = Map.copyOf(details);
    }

    public static CommandResult done() {
        return new CommandResult(true, null, Map.of());
    }

    public static CommandResult done(Map<String, Object> details) {
        return new CommandResult(true, null, details);
    }

    public static CommandResult failed(String error) {
        return new CommandResult(false, error, Map.of());
    }
}
