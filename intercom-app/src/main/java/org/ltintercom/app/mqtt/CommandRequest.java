package org.ltintercom.app.mqtt;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One validated command from {@code lt/v1/<deviceID>/cmd}.
 *
 * @param id       the caller's id, echoed in the result
 * @param kind     what to do
 * @param argument the one argument of the command ({@code target}, {@code keys} or {@code gesture}),
 *                 or null when the command takes none or it was left out
 */
public record CommandRequest(String id, Kind kind, String argument) {

    /** The commands, by their wire names, with the one argument each may take. */
    public enum Kind {
        /** Ring {@code args.target} (a userID), or the ring plan when it is left out. */
        CALL("call", "target", false),
        HANGUP("hangup", null, false),
        ANSWER("answer", null, false),
        OPEN_DOOR("open-door", null, false),
        /** Send {@code args.keys} (DTMF) into the current call. */
        DTMF("dtmf", "keys", true),
        SELFTEST("selftest", null, false),
        RELOAD("reload", null, false),
        /** Simulate a call-button gesture {@code args.gesture} (simulated and mock HAL only). */
        PRESS("press", "gesture", true);

        private final String wire;
        private final String argumentName;
        private final boolean argumentRequired;

        Kind(String wire, String argumentName, boolean argumentRequired) {
            this.wire = wire;
            this.argumentName = argumentName;
            this.argumentRequired = argumentRequired;
        }

        /** The name on the wire, e.g. {@code open-door}. */
        public String wire() {
            return wire;
        }

        /** The name of the command's argument in {@code args}, or null when it takes none. */
        public String argumentName() {
            return argumentName;
        }

        public boolean argumentRequired() {
            return argumentRequired;
        }

        public static Optional<Kind> ofWire(String name) {
            return Arrays.stream(values()).filter(k -> k.wire.equals(name)).findFirst();
        }

        /** The wire names, sorted, for error messages. */
        public static String names() {
            return Arrays.stream(values()).map(Kind::wire).sorted().collect(Collectors.joining(", "));
        }

        @Override
        public String toString() {
            return wire;
        }
    }
}
