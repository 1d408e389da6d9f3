package org.ltintercom.bench;

import org.ltintercom.app.systemd.UnixDatagramSocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code intercom-app run} process started the way systemd starts it: through the shipped
 * {@code systemd/lt-intercom.sh} (which execs the JVM with the Pi flags, so the PID is the JVM's),
 * with a {@code NOTIFY_SOCKET} this class binds, so READY=1 is seen as systemd would see it.
 */
final class AppProcess implements AutoCloseable {

    /** READY=1 and the STATUS= line that came with it ({@code running}, or {@code degraded: ...}). */
    record Ready(long nanos, String status) {
    }

    /** Heap as {@code jcmd GC.heap_info} reports it, KiB. */
    record Heap(long usedKiB, long committedKiB, long metaspaceUsedKiB) {
    }

    private static final Pattern GENERATION = Pattern.compile("(?:def new|tenured) generation\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");

    private final Process process;
    private final UnixDatagramSocket notify;
    private final Path log;
    private final long startNanos;

    private AppProcess(Process process, UnixDatagramSocket notify, Path log, long startNanos) {
        this.process = process;
        this.notify = notify;
        this.log = log;
        this.startNanos = startNanos;
    }

    /**
     * Starts {@code lt-intercom.sh run -c config -s state}; {@code startNanos()} is taken just before
     * the fork. Output goes to {@code log}.
     */
    static AppProcess start(Path script, Path jar, Path config, Path state, Path notifyPath, Path log) throws IOException {
        Files.deleteIfExists(notifyPath);
        UnixDatagramSocket notify = UnixDatagramSocket.open();
        try {
            notify.bind(notifyPath.toString());
            ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), "run", "-c", config.toString(),
                    "-s", state.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.put("LT_INTERCOM_JAR", jar.toString());
            env.put("LT_INTERCOM_STATE", state.toString());
            env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            env.put("NOTIFY_SOCKET", notifyPath.toString());
            env.put("LT_LOG_LEVEL", System.getProperty("appbench.log", "INFO")); // DEBUG to see where time goes
            long start = System.nanoTime();
            return new AppProcess(builder.start(), notify, log, start);
        } catch (IOException | RuntimeException e) {
            notify.close();
            throw e;
        }
    }

    long startNanos() {
        return startNanos;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for READY=1 on the notify socket (polled every 0.2 ms); empty if the process ended or the time ran out. */
    Optional<Ready> awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> message = notify.poll();
            if (message.isPresent()) {
                long at = System.nanoTime();
                List<String> lines = message.get().lines().toList();
                if (lines.contains("READY=1")) {
                    String status = lines.stream().filter(l -> l.startsWith("STATUS=")).map(l -> l.substring(7))
                            .findFirst().orElse("");
                    return Optional.of(new Ready(at, status));
                }
                continue;
            }
            if (!process.isAlive()) {
                return Optional.empty();
            }
            LockSupport.parkNanos(200_000);
        }
        return Optional.empty();
    }

    /** A line of {@code /proc/<pid>/status} in KiB ({@code VmRSS}, {@code VmHWM}), -1 when unreadable. */
    long procStatusKiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The heap through {@code jcmd <pid> GC.heap_info} (an attach, a few hundred ms); empty if jcmd failed. */
    Optional<Heap> heap() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid()), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(20, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                jcmd.destroyForcibly();
                return Optional.empty();
            }
            long committed = 0;
            long used = 0;
            Matcher m = GENERATION.matcher(out);
            while (m.find()) {
                committed += Long.parseLong(m.group(1));
                used += Long.parseLong(m.group(2));
            }
            Matcher meta = METASPACE.matcher(out);
            return committed == 0 ? Optional.empty()
                    : Optional.of(new Heap(used, committed, meta.find() ? Long.parseLong(meta.group(1)) : -1));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    Path log() {
        return log;
    }

    /** SIGTERM (systemctl stop), SIGKILL after 15 s; returns the exit status. */
    int stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            notify.close();
        }
    }
}
