package org.ltintercom.app.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A JVM the demo starts (the call-server, a device): its log file, its first stdout lines, SIGTERM to stop. */
final class DemoProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private DemoProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java <javaArgs...>}; stderr (and stdout unless read) go to {@code <dir>/<name>.log}. */
    static DemoProcess start(String name, Path dir, List<String> javaArgs, boolean readStdout) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command);
        if (readStdout) {
            builder.redirectError(log.toFile());
        } else {
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        builder.environment().put("LT_LOG_LEVEL", "INFO");
        return new DemoProcess(name, builder.start(), log);
    }

    /** The first {@code count} lines the process prints on stdout, or an exception naming its log. */
    List<String> readLines(int count, long timeoutSeconds) throws IOException, InterruptedException {
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "lt-demo-read-" + name));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Future<List<String>> lines = reader.submit(() -> {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String line = out.readLine();
                    if (line == null) {
                        break;
                    }
                    got.add(line);
                }
                return got;
            });
            List<String> got = lines.get(timeoutSeconds, TimeUnit.SECONDS);
            if (got.size() < count) {
                throw new IOException(name + " ended early (exit " + exitValueOr(-1) + "); see " + log);
            }
            return got;
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(name + " did not report within " + timeoutSeconds + " s; see " + log, e);
        } finally {
            reader.shutdownNow();
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private int exitValueOr(int none) {
        return process.isAlive() ? none : process.exitValue();
    }

    /** SIGTERM, then SIGKILL after 15 s; returns the exit status. */
    int stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        return exitValueOr(-1);
    }

    /** The last lines of the log, for an error message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
