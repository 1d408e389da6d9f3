package org.ltintercom.callserver.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call-server's own MQTT broker: Moquette 0.17 in-process, for a demo or a small site that has
 * no mosquitto. Binds the given host (loopback by default), keeps its state in memory or in the given
 * data directory only, never phones home (Moquette's telemetry is switched off), and on
 * {@link #close()} waits until every thread it started has ended.
 *
 * <p>Moquette 0.17 departs from MQTT 3.1.1 in two ways an intercom notices (see docs/protocol.md):
 * retained messages replayed at QoS 1 lose their RETAIN flag, so {@link RetainedWakeupPurge} keeps
 * no retained wakeup at all; and a last will is delivered to current subscribers but never stored
 * as retained, so after a device dies its retained status still says {@code online} to later
 * subscribers. Use mosquitto where the retained status must be exact.
 *
 * <p>Moquette's threads (Netty event loops, session loops, its scheduler) are created by the thread
 * that starts the server and inherit its thread group; the broker is started from a thread in a
 * group of its own, which is how {@link #close()} finds and awaits them.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final long THREAD_EXIT_TIMEOUT_MILLIS = 20_000;

    /**
     * Settings of the embedded broker.
     *
     * @param host            address to bind; {@code 127.0.0.1} unless devices on the LAN must reach it
     * @param port            TCP port, 0 to pick a free one
     * @param dataDir         where sessions and retained messages persist, or {@code null} for memory only
     * @param users           user name -> password; empty to allow anonymous clients
     * @param acl             user name -> topic filters the user may read and write; empty for no ACL
     * @param maxMessageBytes largest MQTT packet accepted
     */
    public record Config(String host, int port, Path dataDir, Map<String, String> users,
                         Map<String, List<String>> acl, int maxMessageBytes) {

        public Config {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port: must be 0-65535");
            }
            users = Map.copyOf(users);
            acl = Map.copyOf(acl);
            if (!acl.isEmpty() && users.isEmpty()) {
                throw new IllegalArgumentException("acl: an ACL needs users to apply to");
            }
            if (maxMessageBytes < 1024) {
                throw new IllegalArgumentException("maxMessageBytes: must be at least 1024");
            }
        }

        /** Anonymous, in memory, on a free loopback port, packets up to 256 KiB. */
        public static Config loopback() {
            return new Config("127.0.0.1", 0, null, Map.of(), Map.of(), 256 * 1024);
        }

        public Config withHostAndPort(String newHost, int newPort) {
            return new Config(newHost, newPort, dataDir, users, acl, maxMessageBytes);
        }

        public Config withPort(int newPort) {
            return new Config(host, newPort, dataDir, users, acl, maxMessageBytes);
        }

        public Config withDataDir(Path dir) {
            return new Config(host, port, dir, users, acl, maxMessageBytes);
        }

        /** Requires these users (name -> password); anonymous clients are refused. */
        public Config withUsers(Map<String, String> newUsers) {
            return new Config(host, port, dataDir, newUsers, acl, maxMessageBytes);
        }

        /** Limits each user to the topics matching their filters (read and write). */
        public Config withAcl(Map<String, List<String>> newAcl) {
            return new Config(host, port, dataDir, users, newAcl, maxMessageBytes);
        }

        @Override
        public String toString() {
            return "Config[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", users=" + users.keySet()
                    + ", acl=" + acl + ", maxMessageBytes=" + maxMessageBytes + "]";
        }
    }

    private final Config config;
    private final int port;
    private final Server server;
    private final ThreadGroup threads;
    private boolean closed;

    private EmbeddedBroker(Config config, int port, Server server, ThreadGroup threads) {
        this.config = config;
        this.port = port;
        this.server = server;
        this.threads = threads;
    }

    /** Starts a broker; returns once it accepts connections. */
    public static EmbeddedBroker start(Config config) {
        int port = config.port() == 0 ? freePort(config.host()) : config.port();
        Properties props = new Properties();
        props.setProperty("host", config.host());
        props.setProperty("port", Integer.toString(port));
        props.setProperty("websocket_port", "disabled");
        props.setProperty("telemetry_enabled", "false");
        props.setProperty("use_metrics", "false");
        props.setProperty("use_bugsnag", "false");
        props.setProperty("netty.mqtt.message_size", Integer.toString(config.maxMessageBytes()));
        props.setProperty("allow_anonymous", Boolean.toString(config.users().isEmpty()));
        props.setProperty("immediate_buffer_flush", "true");
        if (config.dataDir() == null) {
            props.setProperty("persistence_enabled", "false");
            props.setProperty("data_path", "");
        } else {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("dataDir: cannot create " + config.dataDir(), e);
            }
            props.setProperty("persistence_enabled", "true");
            props.setProperty("persistent_queue_type", "h2");
            props.setProperty("data_path", config.dataDir().toAbsolutePath().toString());
        }
        IAuthenticator authenticator = config.users().isEmpty() ? null : new PasswordCheck(config.users());
        IAuthorizatorPolicy policy = config.acl().isEmpty() ? null : new TopicAcl(config.acl());

        ThreadGroup group = new ThreadGroup("lt-mqtt-broker-" + port);
        Server server = new Server();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread starter = new Thread(group, () -> {
            try {
                server.startServer(new MemoryConfig(props), List.of(new RetainedWakeupPurge(server)), null,
                        authenticator, policy);
                started.complete(null);
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "lt-mqtt-broker-start");
        starter.start();
        try {
            started.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("embedded MQTT broker did not start on " + config.host() + ":" + port
                    + ": " + cause, cause);
        }
        LOG.info("embedded MQTT broker listening on {}:{} ({})", config.host(), port,
                config.dataDir() == null ? "in memory" : "data in " + config.dataDir());
        return new EmbeddedBroker(config, port, server, group);
    }

    public int port() {
        return port;
    }

    public String host() {
        return config.host();
    }

    /** The URI clients connect to, e.g. {@code tcp://127.0.0.1:38211}. */
    public String uri() {
        return "tcp://" + config.host() + ":" + port;
    }

    public Config config() {
        return config;
    }

    /** Number of clients connected now. */
    public int connectedClients() {
        return server.listConnectedClients().size();
    }

    /** Stops the broker and waits until all its threads have ended. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stopServer();
        awaitThreadsGone();
        LOG.info("embedded MQTT broker on port {} stopped", port);
    }

    private void awaitThreadsGone() {
        long deadline = System.currentTimeMillis() + THREAD_EXIT_TIMEOUT_MILLIS;
        while (true) {
            Thread[] live = new Thread[threads.activeCount() + 8];
            int n = threads.enumerate(live, true);
            if (n == 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    LOG.warn("embedded MQTT broker: {} threads still alive after stop, e.g. {}", n, live[0].getName());
                    return;
                }
                try {
                    live[i].join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("port: no free port on " + host, e);
        }
    }

    /** User name + password check in constant time; never logs the password. */
    private static final class PasswordCheck implements IAuthenticator {

        private final Map<String, byte[]> passwords;

        PasswordCheck(Map<String, String> users) {
            this.passwords = users.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public boolean checkValid(String clientId, String username, byte[] password) {
            byte[] expected = username == null ? null : passwords.get(username);
            boolean ok = expected != null && password != null && MessageDigest.isEqual(expected, password);
            if (!ok) {
                LOG.warn("MQTT client {} refused: wrong user name or password for user {}", clientId, username);
            }
            return ok;
        }
    }

    /** Each user may read and write only the topics matching their filters. */
    private static final class TopicAcl implements IAuthorizatorPolicy {

        private final Map<String, List<Topic>> filters;

        TopicAcl(Map<String, List<String>> acl) {
            this.filters = acl.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> e.getValue().stream().map(Topic::asTopic).toList()));
        }

        @Override
        public boolean canWrite(Topic topic, String user, String client) {
            return allowed(topic, user);
        }

        @Override
        public boolean canRead(Topic topic, String user, String client) {
            return allowed(topic, user);
        }

        private boolean allowed(Topic topic, String user) {
            List<Topic> mine = user == null ? List.of() : filters.getOrDefault(user, List.of());
            return mine.stream().anyMatch(topic::match);
        }

        @Override
        public String toString() {
            return "TopicAcl" + Arrays.toString(filters.keySet().toArray());
        }
    }
}
