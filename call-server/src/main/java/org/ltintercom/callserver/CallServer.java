package org.ltintercom.callserver;

import org.ltintercom.callserver.cdr.CdrStore;
import org.ltintercom.callserver.http.HttpApi;
import org.ltintercom.callserver.store.Database;
import org.ltintercom.callserver.users.UserAccount;
import org.ltintercom.callserver.users.UserStore;
import org.ltintercom.callserver.users.UsersFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The reference LT call service, in this JVM: the REST API of protocol.md over a SQLite or
 * PostgreSQL database. {@code try (CallServer s = CallServer.start(config)) { ... s.baseUri() ... }}
 */
public final class CallServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallServer.class);

    private final CallServerConfig config;
    private final Database database;
    private final CdrStore cdrs;
    private final HttpApi http;
    private final String adminToken;
    private boolean closed;

    private CallServer(CallServerConfig config, Database database, CdrStore cdrs, HttpApi http, String adminToken) {
        this.config = config;
        this.database = database;
        this.cdrs = cdrs;
        this.http = http;
        this.adminToken = adminToken;
    }

    /**
     * Loads the users file, opens (and migrates) the database, syncs the users into it and starts
     * HTTP. A bad users file throws {@link org.ltintercom.callserver.users.UsersFileException}
     * naming the entry and field; nothing is left running on failure.
     */
    public static CallServer start(CallServerConfig config) throws IOException, SQLException {
        List<UserAccount> users = config.usersFile() != null
                ? UsersFile.load(config.usersFile()) : UsersFile.loadBundled();
        Files.createDirectories(config.dataDir());
        String adminToken = config.adminToken() != null
                ? config.adminToken() : SecretFiles.readOrCreateAdminToken(config.dataDir());
        Database db = Database.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(),
                config.httpThreads() + 2);
        try {
            int removed = db.inTransaction(c -> UserStore.replaceAll(c, users));
            LOG.info("{} users loaded from {}{}", users.size(),
                    config.usersFile() != null ? config.usersFile() : "the bundled demo users",
                    removed > 0 ? ", " + removed + " no longer listed removed" : "");
            CdrStore cdrs = new CdrStore(db);
            HttpApi http = HttpApi.start(new HttpApi.Settings(config.host(), config.port(), config.httpThreads(),
                    new LinkedHashSet<>(config.licenseKeys()), adminToken, config.sipDomain(), config.sipProxy()),
                    db, cdrs);
            CallServer server = new CallServer(config, db, cdrs, http, adminToken);
            LOG.info("REST API on {}", server.baseUri());
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** {@code http://host:port}, the SDK's {@code LTSDKOptions.url}. */
    public URI baseUri() {
        return URI.create("http://" + hostForUri(config.host()) + ":" + httpPort());
    }

    public int httpPort() {
        return http.port();
    }

    /** The CDR store: tests seed it, the SIP half records ended calls in it. */
    public CdrStore cdrs() {
        return cdrs;
    }

    /** The database, for the service's other halves (SIP registrar, wakeup publisher). */
    public Database database() {
        return database;
    }

    /** The bearer token of the admin endpoints. */
    public String adminToken() {
        return adminToken;
    }

    public CallServerConfig config() {
        return config;
    }

    /** Stops HTTP and its threads, then closes the database. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            http.close();
        } finally {
            database.close();
            LOG.info("call-server stopped");
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
