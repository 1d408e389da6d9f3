package org.ltintercom.sdk.internal.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTReturnCode;
import org.ltintercom.sdk.LTUserStatusResponse;
import org.ltintercom.sdk.LTUsersResponse;
import org.ltintercom.sdk.call.LTBlockListResponse;
import org.ltintercom.sdk.call.LTUserCDRResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The REST client of docs/protocol.md ("REST API"): one method per endpoint, each returning a
 * future that always completes normally. Transport trouble becomes returnCode -3 (TIMEOUT, no
 * answer within the request timeout) or -1 (FAILED: refused, unreadable); the service's own
 * refusals keep the service's returnCode and message. The bearer token is never logged.
 */
public final class ServiceClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);
    /** 100 CDRs of ~1.5 KB make the largest legitimate answer; anything near this limit is not the protocol's. */
    static final long MAX_RESPONSE_BYTES = 4L * 1024 * 1024;

    private final URI base;
    private final Duration requestTimeout;
    private final ExecutorService httpThreads;
    private final HttpClient http;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile String token;
    private volatile boolean closed;

    public ServiceClient(URI base, Duration connectTimeout, Duration requestTimeout) {
        this.base = base;
        this.requestTimeout = requestTimeout;
        // the factory must not capture this client: the JDK's selector thread ends only once the client is unreachable
        AtomicInteger threadNumber = new AtomicInteger();
        this.httpThreads = Executors.newCachedThreadPool(runnable -> {
            Thread t = new Thread(runnable, "lt-sdk-http-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .executor(httpThreads)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (!"https".equalsIgnoreCase(base.getScheme())) {
            builder.sslContext(noTls()).sslParameters(new SSLParameters());
        }
        this.http = builder.build();
    }

    /**
     * For a plain-http service. Without a context of its own the JDK's client initialises the
     * default one (JSSE, every security provider, the system's CA certificates): about 200 ms of
     * a device's start, for connections that never do TLS. This context refuses TLS outright.
     */
    private static SSLContext noTls() {
        return new SSLContext(new NoTls(), null, "none") {
        };
    }

    private static final class NoTls extends SSLContextSpi {
        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("TLS: the call service URL is plain http");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }

    /** The bearer token for every request after init. */
    public void useToken(String token) {
        this.token = token;
    }

    public CompletableFuture<InitResult> init(String licenseKey, String userID, String uuid) {
        ObjectNode body = WireFormat.JSON.createObjectNode().put("licenseKey", licenseKey).put("userID", userID).put("uuid", uuid);
        return exchange("POST", "/v1/init", body, false, Responses::init, Responses::initFailed);
    }

    public CompletableFuture<LTUsersResponse> users() {
        return exchange("GET", "/v1/users", null, true, Responses::users, Responses::usersFailed);
    }

    public CompletableFuture<LTUserStatusResponse> userStatusByPhoneNumbers(List<String> phoneNumbers) {
        return userStatus("phoneNumbers", phoneNumbers);
    }

    public CompletableFuture<LTUserStatusResponse> userStatusBySemiUIDs(List<String> semiUIDs) {
        return userStatus("semiUIDs", semiUIDs);
    }

    private CompletableFuture<LTUserStatusResponse> userStatus(String listName, List<String> keys) {
        ObjectNode body = WireFormat.JSON.createObjectNode();
        keys.forEach(body.putArray(listName)::add);
        return exchange("POST", "/v1/users/status", body, true, Responses::userStatuses, Responses::userStatusesFailed);
    }

    public CompletableFuture<LTResponse> notificationKey(String wakeupTopic, boolean cleanOld) {
        ObjectNode body = WireFormat.JSON.createObjectNode().put("wakeupTopic", wakeupTopic).put("cleanOld", cleanOld);
        return exchange("POST", "/v1/notification-key", body, true, Responses::plain, Function.identity());
    }

    public CompletableFuture<LTUserCDRResponse> queryCdr(String userID, long markTS, int afterN) {
        ObjectNode body = WireFormat.JSON.createObjectNode().put("userID", userID).put("markTS", markTS).put("afterN", afterN);
        return exchange("POST", "/v1/cdr/query", body, true, Responses::cdrPage, Responses.cdrPageFailed(markTS));
    }

    public CompletableFuture<LTResponse> block(String userID, List<String> blockUserIDs) {
        return blockChange("/v1/block", userID, blockUserIDs);
    }

    public CompletableFuture<LTResponse> unblock(String userID, List<String> blockUserIDs) {
        return blockChange("/v1/unblock", userID, blockUserIDs);
    }

    private CompletableFuture<LTResponse> blockChange(String path, String userID, List<String> blockUserIDs) {
        ObjectNode body = WireFormat.JSON.createObjectNode().put("userID", userID);
        blockUserIDs.forEach(body.putArray("blockUserIDs")::add);
        return exchange("POST", path, body, true, Responses::plain, Function.identity());
    }

    public CompletableFuture<LTBlockListResponse> blockList(String userID) {
        ObjectNode body = WireFormat.JSON.createObjectNode().put("userID", userID);
        return exchange("POST", "/v1/block/list", body, true, Responses::blockList, Responses::blockListFailed);
    }

    /** Completes every request still waiting with -1 (FAILED) and stops the HTTP threads. */
    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<?> pending : List.copyOf(inFlight)) {
            pending.cancel(false);
        }
        httpThreads.shutdownNow();
    }

    private <T> CompletableFuture<T> exchange(String method, String path, ObjectNode body, boolean authorised,
                                              Responses.SuccessMapper<T> onSuccess, Function<LTResponse, T> onFailure) {
        if (closed) {
            return CompletableFuture.completedFuture(onFailure.apply(
                    new LTResponse(LTReturnCode.FAILED, "request: the SDK was cleaned up")));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(base.getPath() + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String bearer = token;
        if (authorised && bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request.build(), BoundedBody.handler(MAX_RESPONSE_BYTES));
        inFlight.add(sent);
        return sent.handle((response, failure) -> {
            inFlight.remove(sent);
            if (failure != null) {
                return onFailure.apply(transportFailure(method, path, failure));
            }
            return Responses.read(response.statusCode(), response.body(), onSuccess, refused -> {
                if (refused.returnCode() == LTReturnCode.FAILED.code()) {
                    log.warn("{} {}: {}", method, path, refused.returnMessage());
                } else {
                    log.debug("{} {} -> returnCode {} {}", method, path, refused.returnCode(), refused.returnMessage());
                }
                return onFailure.apply(refused);
            });
        }).whenComplete((result, ignored) -> log.debug("{} {} answered in {} ms", method, path, millisSince(started)));
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private LTResponse transportFailure(String method, String path, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        LTResponse outcome;
        if (cause instanceof HttpConnectTimeoutException) {
            outcome = new LTResponse(LTReturnCode.TIMEOUT, "connect: no connection to " + base + " within the connect timeout");
        } else if (cause instanceof HttpTimeoutException) {
            outcome = new LTResponse(LTReturnCode.TIMEOUT, "request: no answer from " + base + " within " + requestTimeout);
        } else if (cause instanceof ConnectException) {
            outcome = new LTResponse(LTReturnCode.FAILED, "connect: " + base + " refused the connection");
        } else if (cause instanceof java.util.concurrent.CancellationException) {
            outcome = new LTResponse(LTReturnCode.FAILED, "request: abandoned, the SDK was cleaned up");
        } else {
            outcome = new LTResponse(LTReturnCode.FAILED, "request: " + cause);
        }
        log.warn("{} {}: {}", method, path, outcome.returnMessage());
        return outcome;
    }
}
