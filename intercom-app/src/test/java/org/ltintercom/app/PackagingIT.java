package org.ltintercom.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.testing.Configs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs after {@code package}: the fat jar and the .deb that go onto a Pi. */
class PackagingIT {

    private static final Path JAR = Path.of("target", "intercom-app.jar");

    @TempDir
    Path dir;

    private String run(int expectedExit, List<String> command, java.util.Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
            String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
            assertEquals(expectedExit, p.exitValue(), command + "\n" + out);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    private static Path deb() throws Exception {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("lt-intercom_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb in target/"));
        }
    }

    @Test
    void fatJarHasTheCliAsMainClassAndNoServerCode() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals("org.ltintercom.app.cli.IntercomCommand", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(jar.getEntry("org/ltintercom/hal/HalFactory.class") != null);
            assertTrue(jar.getEntry("com/sun/jna/Native.class") != null);
            assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("org/ltintercom/callserver/")),
                    "call-server code in the device jar");
        }
    }

    @Test
    void launcherRunsTheFatJarWithThePiJvmFlags() throws Exception {
        Path config = Configs.write(dir, Configs.SIMULATED);
        String out = run(0, List.of("sh", Path.of("..", "systemd", "lt-intercom.sh").toString(), "config", "validate",
                config.toString()), java.util.Map.of("LT_INTERCOM_JAR", JAR.toAbsolutePath().toString(),
                "LT_INTERCOM_STATE", dir.resolve("state").toString()));
        assertTrue(out.contains("OK: " + config), out);
        assertTrue(Files.isDirectory(dir.resolve("state").resolve("tmp")), "jna/java tmpdir created");

        String bad = run(2, List.of("java", "-jar", JAR.toString(), "config", "validate", config.toString().replace(
                "intercom.yaml", "missing.yaml")), java.util.Map.of());
        assertTrue(bad.contains("missing.yaml:1: file not found"), bad);
    }

    @Test
    void launcherDumpsAClassArchiveAtExitUsesItAfterwardsAndReplacesItForANewJar() throws Exception {
        Path config = Configs.write(dir, Configs.SIMULATED);
        Path jar = Files.copy(JAR, dir.resolve("intercom-app.jar"));
        Path state = dir.resolve("state");
        java.util.Map<String, String> env = java.util.Map.of("LT_INTERCOM_JAR", jar.toString(), "LT_INTERCOM_STATE",
                state.toString());
        List<String> validate = List.of("sh", Path.of("..", "systemd", "lt-intercom.sh").toString(), "config", "validate",
                config.toString());

        assertTrue(run(0, validate, env).contains("OK: " + config));
        Path archive = state.resolve("intercom-app-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() / 1000
                + ".jsa");
        assertEquals(List.of(archive), archives(state), "dumped at the first exit");
        java.nio.file.attribute.FileTime dumped = Files.getLastModifiedTime(archive);

        String second = run(0, validate, env);
        assertTrue(second.contains("OK: " + config), second);
        assertFalse(second.toLowerCase(java.util.Locale.ROOT).contains("cds"), "no CDS chatter in the journal: " + second);
        assertEquals(dumped, Files.getLastModifiedTime(archive), "used, not dumped again");

        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(dumped.toMillis() - 86_400_000L));
        assertTrue(run(0, validate, env).contains("OK: " + config));
        List<Path> now = archives(state);
        assertEquals(1, now.size(), "the old jar's archive is deleted: " + now);
        assertFalse(now.contains(archive), "a new jar gets a new archive: " + now);
    }

    private static List<Path> archives(Path state) throws IOException {
        try (var files = Files.list(state)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    @Test
    void debInstallsJarUnitLauncherAndDefaultConfigAndCreatesTheUser() throws Exception {
        Path deb = deb();
        String contents = run(0, List.of("dpkg-deb", "-c", deb.toString()), java.util.Map.of());
        for (String entry : List.of("./usr/share/lt-intercom/intercom-app.jar", "./lib/systemd/system/lt-intercom.service",
                "./usr/share/lt-intercom/lt-intercom.sh",
                "./etc/lt-intercom/intercom.yaml", "./usr/share/doc/lt-intercom/intercom-app.md")) {
            assertTrue(contents.contains(entry), entry + " missing:\n" + contents);
        }
        assertTrue(contents.lines().anyMatch(l -> l.startsWith("-rwxr-xr-x") && l.endsWith("lt-intercom.sh")), contents);
        assertFalse(contents.contains("secrets.yaml"), "no secrets shipped");

        String info = run(0, List.of("dpkg-deb", "-I", deb.toString()), java.util.Map.of());
        assertTrue(info.contains("Package: lt-intercom"), info);
        assertTrue(info.contains("Depends: openjdk-17-jre-headless"), info);
        String conffiles = run(0, List.of("dpkg-deb", "-I", deb.toString(), "conffiles"), java.util.Map.of());
        assertEquals("/etc/lt-intercom/intercom.yaml", conffiles.trim());
        String postinst = run(0, List.of("dpkg-deb", "-I", deb.toString(), "postinst"), java.util.Map.of());
        assertTrue(postinst.contains("adduser --system --group") && postinst.contains("lt-intercom"), postinst);
        assertTrue(postinst.contains("adduser lt-intercom gpio") && postinst.contains("adduser lt-intercom audio"), postinst);
    }
}
