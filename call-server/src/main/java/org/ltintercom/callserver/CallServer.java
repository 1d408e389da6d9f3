package org.ltintercom.callserver;

import org.ltintercom.callserver.cdr.CdrStore;
import org.ltintercom.callserver.http.HttpApi;
import org.ltintercom.callserver.mqtt.InMemoryWakeupPublisher;
import org.ltintercom.callserver.mqtt.WakeupPublisher;
import org.ltintercom.callserver.sip.SipServer;
import org.ltintercom.callserver.sip.SipSettings;
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
 * PostgreSQL database, and the SIP registrar/proxy the devices register with and call through.
 * {@code try (CallServer s = CallServer.start(config)) { ... s.baseUri() ... s.sipPort() ... }}
 */
public final class CallServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallServer.class);

    private final CallServerConfig config;
    private final Database database;
    private final CdrStore cdrs;
    private final HttpApi http;
    private final SipServer sip;
    private final WakeupPublisher ownWakeups;
    private final String adminToken;
    private boolean closed;

    private CallServer(CallServerConfig config, Database database, CdrStore cdrs, HttpApi http, SipServer sip,
                       WakeupPublisher ownWakeups, String adminToken) {
        this.config = config;
        this.database = database;
        this.cdrs = cdrs;
        this.http = http;
        this.sip = sip;
        this.ownWakeups = ownWakeups;
        this.adminToken = adminToken;
    }

    /**
     * Starts without an MQTT broker: wakeups for callees with no registered device are only
     * recorded in memory (see {@link #start(CallServerConfig, WakeupPublisher)} to deliver them).
     */
    public static CallServer start(CallServerConfig config) throws IOException, SQLException {
        InMemoryWakeupPublisher wakeups = new InMemoryWakeupPublisher();
        try {
            CallServer server = start(config, wakeups, wakeups);
            LOG.info("no MQTT broker configured: wakeups of devices with no SIP registration are not delivered");
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            wakeups.close();
            throw e;
        }
    }

    /**
     * Loads the users file, opens (and migrates) the database, syncs the users into it and starts
     * SIP, then HTTP; wakeups go to {@code wakeups} (which the caller closes). A bad users file throws {@link org.ltintercom.callserver.users.UsersFileException}
     * naming the entry and field; nothing is left running on failure.
     */
    public static CallServer start(CallServerConfig config, WakeupPublisher wakeups) throws IOException, SQLException {
        return start(config, wakeups, null);
    }

    private static CallServer start(CallServerConfig config, WakeupPublisher wakeups, WakeupPublisher ownWakeups)
            throws IOException, SQLException {
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
            SipServer sip = SipServer.start(new SipSettings(config.host(), config.sipPort(), config.sipDomain(),
                    config.ringTimeout(), config.declineEverywhere(), SipSettings.DEFAULT_MIN_EXPIRES,
                    SipSettings.DEFAULT_MAX_EXPIRES, config.wakeupAlways()), db, cdrs, wakeups);
            try {
                String sipProxy = config.sipProxy() != null
                        ? config.sipProxy() : "sip:" + hostForUri(config.host()) + ":" + sip.port();
                HttpApi http = HttpApi.start(new HttpApi.Settings(config.host(), config.port(), config.httpThreads(),
                        new LinkedHashSet<>(config.licenseKeys()), adminToken, config.sipDomain(), sipProxy),
                        db, cdrs);
                CallServer server = new CallServer(config, db, cdrs, http, sip, ownWakeups, adminToken);
                LOG.info("REST API on {}, SIP on udp+tcp {}:{}", server.baseUri(), config.host(), sip.port());
                return server;
            } catch (IOException | RuntimeException e) {
                sip.close();
                throw e;
            }
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

    /** The SIP port (UDP and TCP) the registrar/proxy listens on. */
    public int sipPort() {
        return sip.port();
    }

    /** The SIP registrar/proxy: its bindings and calls (for tests and health checks). */
    public SipServer sip() {
        return sip;
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

    /** Stops HTTP and SIP and their threads, then closes the database. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            http.close();
            sip.close();
            if (ownWakeups != null) {
                ownWakeups.close();
            }
        } finally {
            database.close();
            LOG.info("call-server stopped");
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
