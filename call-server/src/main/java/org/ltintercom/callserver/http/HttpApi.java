package org.ltintercom.callserver.http;

import com.sun.net.httpserver.HttpServer;
import org.ltintercom.callserver.cdr.CdrStore;
import org.ltintercom.callserver.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The REST API of protocol.md on the JDK's HTTP server. Requests run on a bounded pool of
 * {@code lt-callserver-http-N} threads; when its queue is full the accepting thread runs the
 * request itself, which slows accepting down instead of dropping connections.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final int QUEUE = 256;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's
        // algorithm meets the client's delayed ACK and every small response waits ~40 ms
        // (RestBench: 20 -> 127 round trips/s). The property is read once, when the JDK's
        // server configuration class loads, so it must be set before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** What the API needs to know besides the database. */
    public record Settings(String host, int port, int threads, Set<String> licenseKeys, String adminToken,
                           String sipDomain, String sipProxy) {
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    private HttpApi(HttpServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HttpApi start(Settings settings, Database db, CdrStore cdrs) throws IOException {
        Authenticator auth = new Authenticator(settings.adminToken());
        AccountEndpoints accounts = new AccountEndpoints(db, auth, settings.licenseKeys(), settings.sipDomain(),
                settings.sipProxy());
        CdrEndpoints cdrEndpoints = new CdrEndpoints(db, auth, cdrs);
        BlockEndpoints blocks = new BlockEndpoints(db, auth);
        AdminEndpoints admin = new AdminEndpoints(db, auth);
        Router router = new Router()
                .add("POST", "/v1/init", accounts::init)
                .add("GET", "/v1/users", accounts::users)
                .add("POST", "/v1/users/status", accounts::status)
                .add("POST", "/v1/notification-key", accounts::notificationKey)
                .add("POST", "/v1/cdr/query", cdrEndpoints::query)
                .add("POST", "/v1/block", blocks::block)
                .add("POST", "/v1/unblock", blocks::unblock)
                .add("POST", "/v1/block/list", blocks::list)
                .add("POST", "/v1/admin/cdr", cdrEndpoints::insert)
                .add("GET", "/v1/admin/health", admin::health);

        HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 128);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 30,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), named("lt-callserver-http-"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        server.createContext("/", router);
        server.setExecutor(executor);
        server.start();
        return new HttpApi(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, lets running requests finish (a few seconds at most), stops the threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("HTTP requests still running after 5 s; interrupting them");
                executor.shutdownNow();
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
