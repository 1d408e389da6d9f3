package org.ltintercom.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bench endpoint in a JVM of its own, sized like a device's: the JIT and GC flags of
 * {@code systemd/lt-intercom.sh}, so that its pauses are those of one SDK in a small heap, not of
 * the bench's shared one. {@code -Dbench.device.flags="..."} adds flags ({@code {name}} becomes the
 * endpoint's class name, for a GC log per endpoint). Driven by lines on its stdin, answering in lines on its stdout; its stderr
 * (warnings) goes to a log file. Closing its stdin asks it to shut down.
 */
final class DeviceJvm implements AutoCloseable {
    /**
     * The launcher's heap, stack, GC and JIT flags (systemd/lt-intercom.sh), without its class
     * archive and without its raised C1 thresholds: those save a device memory by compiling a
     * method after ~2,000 invocations instead of ~200; a benchmark measures the compiled steady
     * state and cannot warm up for 2,000 calls per row.
     */
    static final List<String> DEVICE_FLAGS = List.of("-Xms8m", "-Xmx48m", "-Xmn3m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-XX:-UsePerfData");

    private final String name;
    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    private final Path log;

    private DeviceJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts {@code main} with the bench's class path and {@code args}; stderr to {@code log}. */
    static DeviceJvm start(String name, Class<?> main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(DEVICE_FLAGS);
        String extra = System.getProperty("bench.device.flags", "").replace("{name}", main.getSimpleName());
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+"))); // e.g. -Xlog:gc:file=/tmp/{name}-gc.log:uptime
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new DeviceJvm(name, process, log);
    }

    /** Sends one command line. */
    void send(String line) {
        in.println(line);
    }

    /**
     * The next line it prints; fails, naming its log, when it ends first. The bench's own step
     * timeouts live in the endpoint, which reports "failed ..." instead of hanging.
     */
    String next() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException(name + " ended; see " + log);
        }
        return line;
    }

    /** Reads lines until one starts with {@code prefix}; fails on a line starting with "failed". */
    String await(String prefix) throws IOException {
        while (true) {
            String line = next();
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("failed")) {
                throw new IllegalStateException(name + ": " + line);
            }
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        in.close();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** For an endpoint's main: its stdin as lines, ending when the bench closes it. */
    static BufferedReader commands() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    /** For an endpoint's main: waits are bounded so a stuck step reports instead of hanging the bench. */
    static final Duration STEP = Duration.ofSeconds(10);
}
