package org.ltintercom.sdk.internal.mqtt.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Debian {@code mosquitto} for tests: started on a free 127.0.0.1 port with a config
 * generated into a temp dir (persistence off unless asked for), optionally with a password file and
 * an ACL file, stopped by PID, and restartable on the same port for reconnect tests.
 *
 * <pre>
 * try (Mosquitto broker = Mosquitto.anonymous()) { ... broker.uri() ... broker.restart(); ... }
 * </pre>
 */
public final class Mosquitto implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final Path dir;
    private final Path configFile;
    private final int port;
    private Process process;
    private int starts;

    private Mosquitto(Path dir, int port, Path configFile) {
        this.dir = dir;
        this.port = port;
        this.configFile = configFile;
    }

    /** A broker that accepts anonymous clients. */
    public static Mosquitto anonymous() {
        return start(Map.of(), null);
    }

    /**
     * A broker that accepts anonymous clients and keeps what a real deployment's broker keeps over a
     * restart (mosquitto's persistence file, written on SIGTERM): retained messages, and the
     * subscriptions and queued QoS 1 messages of clients with a persistent session. A test's own
     * observer with a persistent session then misses nothing published while it reconnects.
     */
    public static Mosquitto anonymousKeepingSessions() {
        return start(Map.of(), null, List.of(), true);
    }

    /**
     * A broker that requires one of {@code users} (name -> password) and applies {@code acl},
     * mosquitto's ACL file syntax, e.g. {@code "user device\ntopic readwrite lt/v1/dev-1/#\n"}.
     */
    public static Mosquitto withPasswords(Map<String, String> users, String acl) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("users: at least one user for a password file");
        }
        return start(new LinkedHashMap<>(users), acl);
    }

    /**
     * A TLS broker: server certificate and key (PEM) signed by {@code caFile}, and clients must
     * present a certificate signed by the same CA (its CN becomes the user name).
     */
    public static Mosquitto withTls(Path caFile, Path certFile, Path keyFile) {
        return start(Map.of(), null, List.of("cafile " + caFile, "certfile " + certFile, "keyfile " + keyFile,
                "require_certificate true", "use_identity_as_username true"), false);
    }

    private static Mosquitto start(Map<String, String> users, String acl) {
        return start(users, acl, List.of(), false);
    }

    private static Mosquitto start(Map<String, String> users, String acl, List<String> listenerOptions,
                                   boolean persistence) {
        try {
            Path dir = Files.createTempDirectory("lt-mosquitto-");
            int port = freePort();
            List<String> conf = new ArrayList<>(List.of(
                    "listener " + port + " 127.0.0.1",
                    "user " + System.getProperty("user.name"),
                    persistence ? "persistence true" : "persistence false",
                    "log_dest stderr",
                    "log_type error", "log_type warning", "log_type notice", "log_type information",
                    "connection_messages true"));
            conf.addAll(1, listenerOptions);
            if (persistence) {
                conf.add("persistence_location " + dir + "/"); // mosquitto wants the trailing slash
            }
            if (users.isEmpty()) {
                conf.add("allow_anonymous true");
            } else {
                Path passwords = dir.resolve("passwd");
                boolean first = true;
                for (Map.Entry<String, String> user : users.entrySet()) {
                    run(first ? List.of("mosquitto_passwd", "-b", "-c", passwords.toString(), user.getKey(),
                                    user.getValue())
                            : List.of("mosquitto_passwd", "-b", passwords.toString(), user.getKey(), user.getValue()));
                    first = false;
                }
                conf.add("allow_anonymous false");
                conf.add("password_file " + passwords);
                if (acl != null) {
                    Path aclFile = dir.resolve("acl");
                    Files.writeString(aclFile, acl, StandardCharsets.UTF_8);
                    conf.add("acl_file " + aclFile);
                }
            }
            Path configFile = dir.resolve("mosquitto.conf");
            Files.write(configFile, conf, StandardCharsets.UTF_8);
            Mosquitto broker = new Mosquitto(dir, port, configFile);
            broker.launch();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("mosquitto: cannot prepare its temp dir", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** {@code ssl://127.0.0.1:<port>}, for a broker made by {@link #withTls}. */
    public String sslUri() {
        return "ssl://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The broker's log of its current run (connections, refusals, ACL denials). */
    public String log() {
        try {
            return Files.readString(logFile());
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the broker (SIGTERM, then SIGKILL), keeping its port and config for {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the broker again on the same port, with the same config (and no retained messages). */
    public synchronized void start() {
        if (process != null) {
            throw new IllegalStateException("mosquitto already running, pid " + process.pid());
        }
        launch();
    }

    public void restart() {
        stop();
        start();
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    private Path logFile() {
        return dir.resolve("mosquitto-" + starts + ".log");
    }

    private void launch() {
        starts++;
        try {
            process = new ProcessBuilder("mosquitto", "-c", configFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile().toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("mosquitto: cannot run the mosquitto binary (apt-get install mosquitto)", e);
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": " + log());
            }
            if (log().contains("Opening ipv4 listen socket on port " + port) && accepts()) {
                return;
            }
            try {
                process.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
        throw new IllegalStateException("mosquitto did not listen on 127.0.0.1:" + port + " in time: " + log());
    }

    private boolean accepts() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command) throws IOException {
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!tool.waitFor(10, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                tool.destroyForcibly();
                throw new IOException(command.get(0) + " failed: "
                        + new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            tool.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
