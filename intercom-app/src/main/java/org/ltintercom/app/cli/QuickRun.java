package org.ltintercom.app.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code run} as systemd starts it ({@code run -c FILE -s DIR}), parsed without picocli.
 * picocli's classes are Java 5 class files, which the class-data sharing archive cannot hold, so
 * loading them costs about 180 ms of every start. Only the run command's own options in their
 * plain forms ({@code -c X}, {@code --config X}, {@code --config=X}) are taken here; anything else
 * (help, a typo, a missing value, an option given twice) returns empty and goes to picocli, whose messages are the
 * reference. {@code QuickRunTest} checks that both parse the same.
 */
final class QuickRun {

    private QuickRun() {
    }

    static Optional<IntercomCommand.Run> parse(String[] args) {
        if (args.length == 0 || !"run".equals(args[0])) {
            return Optional.empty();
        }
        IntercomCommand.Run run = new IntercomCommand.Run();
        run.files = new IntercomCommand.Files();
        run.files.config = Path.of(IntercomCommand.DEFAULT_CONFIG);
        run.files.stateDir = Path.of(IntercomCommand.DEFAULT_STATE);
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value;
            int equals = name.indexOf('=');
            if (name.startsWith("--") && equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            if (value.isEmpty()) {
                return Optional.empty();
            }
            if (!seen.add(name.startsWith("--") ? name : "-c".equals(name) ? "--config" : "-s".equals(name) ? "--state-dir" : name)) {
                return Optional.empty(); // picocli refuses an option given twice
            }
            try {
                switch (name) {
                    case "-c", "--config" -> run.files.config = Path.of(value);
                    case "-s", "--state-dir" -> run.files.stateDir = Path.of(value);
                    case "--sim-microphone" -> run.simMicrophone = Path.of(value);
                    case "--sim-speaker-record" -> run.simSpeakerRecord = Path.of(value);
                    default -> {
                        return Optional.empty();
                    }
                }
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
        return Optional.of(run);
    }
}
