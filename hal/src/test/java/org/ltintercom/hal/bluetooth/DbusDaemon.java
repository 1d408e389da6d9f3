package org.ltintercom.hal.bluetooth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code dbus-daemon} for one test: generated config, a unix socket in a temp dir
 * (never the system bus), stopped by PID. A missing binary fails the test.
 */
final class DbusDaemon implements AutoCloseable {

    private final Process process;
    private final String address;

    DbusDaemon(Path dir) throws IOException, InterruptedException {
        Path socket = dir.resolve("bus");
        Path config = dir.resolve("bus.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>lt-intercom-test</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow own="*"/>
                    <allow send_destination="*"/>
                    <allow receive_sender="*"/>
                  </policy>
                </busconfig>
                """.formatted(socket));
        process = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--nofork", "--nopidfile")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dbus-daemon.log").toFile())
                .start();
        address = "unix:path=" + socket;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dbus-daemon exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("dbus-daemon.log")));
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("dbus-daemon did not create " + socket + " within 10 s");
            }
            Thread.sleep(10); // poll interval while waiting for the socket file
        }
    }

    String address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
