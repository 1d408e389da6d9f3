package org.ltintercom.app.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuickRunTest {

    @Test
    void parsesTheRunOptionsExactlyAsPicocliDoes() {
        for (List<String> args : List.of(
                List.of("run"),
                List.of("run", "-c", "/etc/lt-intercom/intercom.yaml", "-s", "/var/lib/lt-intercom"),
                List.of("run", "--config", "a b.yaml", "--state-dir", "state"),
                List.of("run", "--config=x.yaml", "--state-dir=/tmp/s", "--sim-microphone", "voice.wav"),
                List.of("run", "--sim-speaker-record=out.wav", "-c", "c.yaml"))) {
            IntercomCommand.Run quick = QuickRun.parse(args.toArray(String[]::new)).orElseThrow(() -> new AssertionError(args));
            IntercomCommand.Run picocli = viaPicocli(args);
            assertEquals(picocli.files.config, quick.files.config, args.toString());
            assertEquals(picocli.files.stateDir, quick.files.stateDir, args.toString());
            assertEquals(picocli.simMicrophone, quick.simMicrophone, args.toString());
            assertEquals(picocli.simSpeakerRecord, quick.simSpeakerRecord, args.toString());
        }
    }

    @Test
    void leavesEverythingElseToPicocli() {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("selftest", "-c", "x"), List.of("run", "--help"),
                List.of("run", "-c"), List.of("run", "-c", "--state-dir", "s"), List.of("run", "--config="),
                List.of("run", "-cfile.yaml"), List.of("run", "--bogus", "1"), List.of("run", "extra"),
                List.of("run", "-c", "nul\0.yaml"), List.of("run", "-c", "a.yaml", "--config", "b.yaml"))) {
            assertEquals(Optional.empty(), QuickRun.parse(args.toArray(String[]::new)).map(r -> "parsed"), args.toString());
        }
    }

    @Test
    void whatItLeavesToPicocliGetsPicoclisErrorsAndExitCode() {
        CommandLine cli = IntercomCommand.commandLine();
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(2, cli.execute("run", "-c"));
        assertEquals(2, cli.execute("run", "--bogus", "1"));
        assertTrue(QuickRun.parse(new String[] {"run", "-c"}).isEmpty());
    }

    private static IntercomCommand.Run viaPicocli(List<String> args) {
        CommandLine cli = IntercomCommand.commandLine();
        CommandLine.ParseResult result = cli.parseArgs(args.toArray(String[]::new));
        assertTrue(result.hasSubcommand(), Arrays.toString(args.toArray()));
        return (IntercomCommand.Run) result.subcommand().commandSpec().userObject();
    }
}
