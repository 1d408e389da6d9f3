package org.ltintercom.app.systemd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemdUnitTest {

    private static final Path UNIT = Path.of("..", "systemd", "lt-intercom.service");

    @TempDir
    Path dir;

    private record Result(int exit, String output) {
    }

    private static Result run(Path workDir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("out.txt").toFile()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + List.of(command));
            return new Result(p.exitValue(), Files.readString(workDir.resolve("out.txt"), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    /** The unit with ExecStart on a binary that exists here (the real one is installed on the Pi). */
    private Path unitCopy(String name, String replaceFrom, String replaceTo) throws Exception {
        String text = Files.readString(UNIT).replaceAll("(?m)^ExecStart=.*$", "ExecStart=/bin/true")
                .replace(replaceFrom, replaceTo);
        Path copy = dir.resolve(name);
        Files.writeString(copy, text);
        return copy;
    }

    @Test
    void unitPassesSystemdAnalyzeVerifyWithoutAWarning() throws Exception {
        Path unit = unitCopy("lt-intercom.service", "", "");
        Result r = run(dir, "systemd-analyze", "verify", unit.toString());
        assertEquals(0, r.exit(), r.output());
        assertFalse(r.output().contains("lt-intercom.service"), "warnings about our unit: " + r.output());
    }

    @Test
    void verifyWouldCatchABrokenUnit() throws Exception {
        Path unit = unitCopy("broken.service", "Type=notify", "Type=notfy");
        Result r = run(dir, "systemd-analyze", "verify", unit.toString());
        assertTrue(r.output().contains("broken.service:") && r.output().contains("notfy"), r.output());
    }

    @Test
    void unitHasTheServiceContractTheAppRelies() throws Exception {
        List<String> lines = Files.readAllLines(UNIT);
        for (String required : List.of("Type=notify", "NotifyAccess=main", "Restart=on-failure", "SuccessExitStatus=143",
                "User=lt-intercom", "SupplementaryGroups=gpio audio", "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/lt-intercom", "NoNewPrivileges=yes", "PrivateTmp=yes", "ProtectHome=yes",
                "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK AF_BLUETOOTH")) {
            assertTrue(lines.contains(required), "missing " + required);
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches("WatchdogSec=\\d+")), "WatchdogSec");
    }

    @Test
    void shellScriptsParse() throws Exception {
        for (String script : List.of("install.sh", "lt-intercom.sh")) {
            Result r = run(dir, "sh", "-n", Path.of("..", "systemd", script).toString());
            assertEquals(0, r.exit(), script + ": " + r.output());
        }
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Result r = run(dir, "sh", "-n", Path.of("src", "deb", "control", script).toString());
            assertEquals(0, r.exit(), script + ": " + r.output());
        }
    }
}
