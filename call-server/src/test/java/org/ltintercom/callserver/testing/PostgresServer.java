package org.ltintercom.callserver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's binaries under /usr/lib/postgresql/N/bin) for tests: its own
 * temp data directory, listening on a free 127.0.0.1 port (Unix socket inside the temp dir), with a
 * fresh database and user with a random password. Running as root, initdb and postgres run as the
 * {@code postgres} OS user. {@link #close()} stops it by PID and deletes the directory.
 * A missing PostgreSQL installation fails loudly: install the Debian package {@code postgresql}.
 *
 * <pre>
 * try (PostgresServer pg = PostgresServer.start()) {
 *     CallServerConfig.builder().jdbcUrl(pg.jdbcUrl()).jdbcUser(pg.user()).jdbcPassword(pg.password())...
 * }
 * </pre>
 */
public final class PostgresServer implements AutoCloseable {
    private static final Path INSTALL_ROOT = Path.of("/usr/lib/postgresql");
    private static final String SUPERUSER = "lt_super";
    private static final int START_ATTEMPTS = 3;

    private final Path bin;
    private final Path dir;
    private final boolean asPostgresUser;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Thread cleanupHook;
    private boolean closed;

    private PostgresServer(Path bin, Path dir, boolean asPostgresUser, int port, String database, String user,
                           String password) {
        this.bin = bin;
        this.dir = dir;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        // a test JVM that dies without close() must not leave a postgres running
        this.cleanupHook = new Thread(this::stopQuietly, "lt-test-postgres-cleanup");
    }

    /** Starts a new server; fails (never skips) when PostgreSQL is not installed. */
    public static PostgresServer start() {
        Path bin = findBinaries();
        boolean root = isRoot();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("lt-pg-");
            Files.createDirectories(dir.resolve("sock"));
            if (root) {
                chownTree(dir, "postgres");
            }
            String superPassword = randomHex(16);
            initdb(bin, dir, root, superPassword);
            IOException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = freePort();
                try {
                    startPostgres(bin, dir, root, port);
                } catch (IOException e) {
                    last = e; // most likely the port was taken meanwhile
                    continue;
                }
                String user = "lt_test";
                String password = randomHex(16);
                String database = "lt_test";
                PostgresServer server = new PostgresServer(bin, dir, root, port, database, user, password);
                Runtime.getRuntime().addShutdownHook(server.cleanupHook);
                try {
                    createUserAndDatabase(port, superPassword, user, password, database);
                } catch (SQLException e) {
                    server.close();
                    throw new IllegalStateException("PostgreSQL started but creating the test database failed", e);
                }
                return server;
            }
            throw last;
        } catch (IOException e) {
            if (dir != null) {
                deleteTree(dir);
            }
            throw new IllegalStateException("cannot start PostgreSQL from " + bin + ": " + e.getMessage(), e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DB}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The PID of the postmaster (from its postmaster.pid), or -1 once stopped. */
    public long pid() {
        return postmasterPid(dir).orElse(-1L);
    }

    /** Drops and recreates the public schema: an empty database for the next test, without a restart. */
    public void resetSchema() {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(jdbcUrl(), props)) {
            for (String sql : List.of("DROP SCHEMA public CASCADE", "CREATE SCHEMA public")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the test database", e);
        }
    }

    /** Stops the server (pg_ctl stop -m fast, then kill by PID) and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down; the hook runs or ran stopQuietly itself
        }
    }

    private synchronized void stopQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        Optional<Long> pid = postmasterPid(dir);
        try {
            run(command(asPostgresUser, bin.resolve("pg_ctl").toString(), "stop", "-D", dir.resolve("data").toString(),
                    "-m", "fast", "-w", "-t", "30"), dir, 60);
        } catch (IOException e) {
            // fall through to the kill below
        }
        pid.flatMap(ProcessHandle::of).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join();
        });
        deleteTree(dir);
    }

    private static Path findBinaries() {
        try (Stream<Path> versions = Files.list(INSTALL_ROOT)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(PostgresServer::majorVersion))
                    .orElseThrow(PostgresServer::notInstalled);
        } catch (IOException e) {
            throw notInstalled();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("PostgreSQL server binaries not found under " + INSTALL_ROOT
                + "/*/bin: install the Debian package 'postgresql' (it is listed in scripts/test-packages.txt)");
    }

    private static void initdb(Path bin, Path dir, boolean root, String superPassword) throws IOException {
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, superPassword + "\n", StandardCharsets.UTF_8);
        if (root) {
            chownTree(pwfile, "postgres");
        }
        try {
            run(command(root, bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"), dir, 120);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    private static void startPostgres(Path bin, Path dir, boolean root, int port) throws IOException {
        String options = "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir.resolve("sock")
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50";
        run(command(root, bin.resolve("pg_ctl").toString(), "start", "-D", dir.resolve("data").toString(),
                "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60", "-o", options), dir, 90);
    }

    private static void createUserAndDatabase(int port, String superPassword, String user, String password,
                                              String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", superPassword);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props)) {
            // DDL takes no bind parameters; both names and the hex password are generated here, not input
            try (PreparedStatement ps = c.prepareStatement("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'")) {
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("CREATE DATABASE " + database + " OWNER " + user)) {
                ps.execute();
            }
        }
    }

    private static List<String> command(boolean asPostgresUser, String... args) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs a command to completion with its output in a log file; a non-zero exit throws with the log's tail. */
    private static void run(List<String> cmd, Path dir, int timeoutSeconds) throws IOException {
        Path log = Files.createTempFile("lt-pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    throw new IOException(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                if (p.isAlive()) {
                    p.destroy();
                    try {
                        if (!p.waitFor(5, TimeUnit.SECONDS)) {
                            p.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        p.destroyForcibly();
                        Thread.currentThread().interrupt();
                    }
                }
            }
            if (p.exitValue() != 0) {
                String out = Files.readString(log, StandardCharsets.UTF_8);
                Path serverLog = dir.resolve("postgres.log");
                if (Files.isReadable(serverLog)) {
                    out += "\n--- postgres.log ---\n" + Files.readString(serverLog, StandardCharsets.UTF_8);
                }
                throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + tail(out));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Optional<Long> postmasterPid(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("data").resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() {
        try {
            return "root".equals(Files.getOwner(Path.of("/proc/self")).getName());
        } catch (IOException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void chownTree(Path root, String owner) throws IOException {
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = lookup.lookupPrincipalByName(owner);
            group = lookup.lookupPrincipalByGroupName(owner);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("OS user '" + owner + "' missing: the Debian package 'postgresql' creates it", e);
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("PostgresServer: could not delete " + root + ": " + e.getMessage());
        }
    }

    private static String randomHex(int bytes) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
