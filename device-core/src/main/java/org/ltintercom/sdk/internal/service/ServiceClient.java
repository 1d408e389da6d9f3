package org.ltintercom.sdk.internal.service;

import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTReturnCode;
import org.ltintercom.sdk.LTUserStatusResponse;
import org.ltintercom.sdk.LTUsersResponse;
import org.ltintercom.sdk.call.LTBlockListResponse;
import org.ltintercom.sdk.call.LTUserCDRResponse;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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
    private final int connectTimeoutMillis;
    private final int requestTimeoutMillis;
    private final Duration requestTimeout;
    private final ExecutorService httpThreads;
    private final Set<Exchange> inFlight = ConcurrentHashMap.newKeySet();
    private volatile String token;
    private volatile boolean closed;

    public ServiceClient(URI base, Duration connectTimeout, Duration requestTimeout) {
        this.base = base;
        this.connectTimeoutMillis = positiveMillis(connectTimeout);
        this.requestTimeoutMillis = positiveMillis(requestTimeout);
        this.requestTimeout = requestTimeout;
        AtomicInteger threadNumber = new AtomicInteger();
        this.httpThreads = Executors.newCachedThreadPool(runnable -> {
            Thread t = new Thread(runnable, "lt-sdk-http-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static int positiveMillis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis())); // 0 would mean "wait for ever"
    }

    /** The bearer token for every request after init. */
    public void useToken(String token) {
        this.token = token;
    }

    public CompletableFuture<InitResult> init(String licenseKey, String userID, String uuid) {
        ObjectNode body = Json.object().put("licenseKey", licenseKey).put("userID", userID).put("uuid", uuid);
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
        ObjectNode body = Json.object();
        keys.forEach(body.putArray(listName)::add);
        return exchange("POST", "/v1/users/status", body, true, Responses::userStatuses, Responses::userStatusesFailed);
    }

    public CompletableFuture<LTResponse> notificationKey(String wakeupTopic, boolean cleanOld) {
        ObjectNode body = Json.object().put("wakeupTopic", wakeupTopic).put("cleanOld", cleanOld);
        return exchange("POST", "/v1/notification-key", body, true, Responses::plain, Function.identity());
    }

    public CompletableFuture<LTUserCDRResponse> queryCdr(String userID, long markTS, int afterN) {
        ObjectNode body = Json.object().put("userID", userID).put("markTS", markTS).put("afterN", afterN);
        return exchange("POST", "/v1/cdr/query", body, true, Responses::cdrPage, Responses.cdrPageFailed(markTS));
    }

    public CompletableFuture<LTResponse> block(String userID, List<String> blockUserIDs) {
        return blockChange("/v1/block", userID, blockUserIDs);
    }

    public CompletableFuture<LTResponse> unblock(String userID, List<String> blockUserIDs) {
        return blockChange("/v1/unblock", userID, blockUserIDs);
    }

    private CompletableFuture<LTResponse> blockChange(String path, String userID, List<String> blockUserIDs) {
        ObjectNode body = Json.object().put("userID", userID);
        blockUserIDs.forEach(body.putArray("blockUserIDs")::add);
        return exchange("POST", path, body, true, Responses::plain, Function.identity());
    }

    public CompletableFuture<LTBlockListResponse> blockList(String userID) {
        ObjectNode body = Json.object().put("userID", userID);
        return exchange("POST", "/v1/block/list", body, true, Responses::blockList, Responses::blockListFailed);
    }

    /** Completes every request still waiting with -1 (FAILED) and stops the HTTP threads. */
    @Override
    public void close() {
        closed = true;
        for (Exchange pending : List.copyOf(inFlight)) {
            pending.abandon();
        }
        httpThreads.shutdownNow();
    }

    private <T> CompletableFuture<T> exchange(String method, String path, ObjectNode body, boolean authorised,
                                              Responses.SuccessMapper<T> onSuccess, Function<LTResponse, T> onFailure) {
        if (closed) {
            return CompletableFuture.completedFuture(onFailure.apply(
                    new LTResponse(LTReturnCode.FAILED, "request: the SDK was cleaned up")));
        }
        String bearer = authorised ? token : null;
        Exchange exchange = new Exchange(method, path, body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8), bearer);
        CompletableFuture<T> result = new CompletableFuture<>();
        inFlight.add(exchange);
        try {
            httpThreads.execute(() -> {
                long started = System.nanoTime();
                try {
                    result.complete(answer(exchange, onSuccess, onFailure));
                } catch (RuntimeException e) {
                    result.complete(onFailure.apply(new LTResponse(LTReturnCode.FAILED, "response: " + e)));
                } finally {
                    inFlight.remove(exchange);
                    log.debug("{} {} answered in {} ms", method, path, millisSince(started));
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(exchange);
            result.complete(onFailure.apply(new LTResponse(LTReturnCode.FAILED, "request: the SDK was cleaned up")));
        }
        return result;
    }

    private <T> T answer(Exchange exchange, Responses.SuccessMapper<T> onSuccess, Function<LTResponse, T> onFailure) {
        Exchange.Answer answer;
        try {
            answer = exchange.run();
        } catch (IOException | RuntimeException e) {
            return onFailure.apply(transportFailure(exchange, e));
        }
        return Responses.read(answer.status(), answer.body(), onSuccess, refused -> {
            if (refused.returnCode() == LTReturnCode.FAILED.code()) {
                log.warn("{} {}: {}", exchange.method, exchange.path, refused.returnMessage());
            } else {
                log.debug("{} {} -> returnCode {} {}", exchange.method, exchange.path, refused.returnCode(), refused.returnMessage());
            }
            return onFailure.apply(refused);
        });
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private LTResponse transportFailure(Exchange exchange, Exception failure) {
        LTResponse outcome;
        if (exchange.abandoned || closed) {
            outcome = new LTResponse(LTReturnCode.FAILED, "request: abandoned, the SDK was cleaned up");
        } else if (failure instanceof SocketTimeoutException && !exchange.connected) {
            outcome = new LTResponse(LTReturnCode.TIMEOUT, "connect: no connection to " + base + " within the connect timeout");
        } else if (failure instanceof SocketTimeoutException) {
            outcome = new LTResponse(LTReturnCode.TIMEOUT, "request: no answer from " + base + " within " + requestTimeout);
        } else if (failure instanceof ConnectException) {
            outcome = new LTResponse(LTReturnCode.FAILED, "connect: " + base + " refused the connection");
        } else {
            outcome = new LTResponse(LTReturnCode.FAILED, "request: " + failure);
        }
        log.warn("{} {}: {}", exchange.method, exchange.path, outcome.returnMessage());
        return outcome;
    }

    /**
     * One request on the JDK's {@link HttpURLConnection}, run on an {@code lt-sdk-http-N} thread.
     * No proxy lookup (the service is addressed directly), no redirects, no response cache, and
     * {@code Connection: close}: a device makes a handful of requests an hour, so a kept-alive
     * connection would only leave the JDK's keep-alive timer thread and an idle socket behind.
     * The connect timeout bounds the connection, the request timeout every wait for the answer.
     */
    private final class Exchange {
        record Answer(int status, byte[] body) {
        }

        final String method;
        final String path;
        private final byte[] body;
        private final String bearer;
        private volatile HttpURLConnection connection;
        volatile boolean connected;
        volatile boolean abandoned;

        Exchange(String method, String path, byte[] body, String bearer) {
            this.method = method;
            this.path = path;
            this.body = body;
            this.bearer = bearer;
        }

        Answer run() throws IOException {
            HttpURLConnection c = (HttpURLConnection) url().openConnection(Proxy.NO_PROXY);
            connection = c;
            if (abandoned) {
                throw new IOException("abandoned");
            }
            try {
                c.setConnectTimeout(connectTimeoutMillis);
                c.setReadTimeout(requestTimeoutMillis);
                c.setInstanceFollowRedirects(false);
                c.setUseCaches(false);
                c.setRequestMethod(method);
                c.setRequestProperty("Accept", "application/json");
                c.setRequestProperty("Connection", "close");
                if (bearer != null) {
                    c.setRequestProperty("Authorization", "Bearer " + bearer);
                }
                if (body != null) {
                    c.setDoOutput(true);
                    // not in streaming mode: there the JDK turns a 401 (the service's "token expired") into an
                    // HttpRetryException instead of handing over the answer; a body of a few hundred bytes is
                    // buffered and sent with its Content-Length all the same
                    c.setRequestProperty("Content-Type", "application/json");
                }
                c.connect();
                connected = true;
                if (abandoned) {
                    throw new IOException("abandoned"); // close() came while connecting
                }
                if (body != null) {
                    try (OutputStream out = c.getOutputStream()) {
                        out.write(body);
                    }
                }
                int status = c.getResponseCode();
                InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
                if (in == null) {
                    return new Answer(status, new byte[0]);
                }
                try (in) {
                    return new Answer(status, BoundedBody.read(in, MAX_RESPONSE_BYTES));
                }
            } finally {
                c.disconnect();
            }
        }

        private URL url() throws MalformedURLException {
            return base.resolve(base.getPath() + path).toURL();
        }

        /** From close(): a request blocked on the socket ends with an exception at once. */
        void abandon() {
            abandoned = true;
            HttpURLConnection c = connection;
            if (c != null) {
                c.disconnect();
            }
        }
    }
}
