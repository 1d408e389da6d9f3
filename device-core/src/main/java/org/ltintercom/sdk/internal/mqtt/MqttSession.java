package org.ltintercom.sdk.internal.mqtt;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.ltintercom.sdk.internal.mqtt.MqttSessionEvent.Cause;
import org.ltintercom.sdk.internal.mqtt.MqttSessionEvent.State;
import org.ltintercom.sdk.internal.mqtt.OfflineBuffer.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one MQTT connection of a device (MQTT 3.1.1, QoS 1, Paho mqttv3).
 *
 * <pre>
 *  start() -> [session thread] connect -> re-subscribe all -> publish "online" -> flush offline buffer -> CONNECTED
 *                  ^                                                                                      |
 *                  +---- backoff (exponential, full jitter, cap) <---- connection lost / refused <--------+
 *  broker -> Paho callback thread -> copy -> [delivery executor] -> subscription handlers, listeners
 * </pre>
 *
 * The session reconnects by itself rather than through Paho's automatic reconnect, which has no
 * jitter. It uses a persistent MQTT session (clean session off) with a fixed client id, so QoS 1
 * wakeups published during a short outage arrive after the reconnect; it still re-subscribes on
 * every connect because a restarted broker may have lost the session. The jitter comes from a
 * {@link SecureRandom}, so devices flashed alike (same clock, similar serials) still spread out. All of Paho's threads run on
 * a pool the session owns and shuts down in {@link #close()}; Paho stores nothing on disk.
 */
public final class MqttSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
    private static final int QOS = 1;

    private record Subscription(Consumer<MqttInbound> handler, CompletableFuture<Void> acknowledged) {
    }

    private final MqttConfig config;
    private final ReconnectBackoff backoff;
    private final MqttConnectOptions options;
    private final SessionThreads threads;
    private final MqttAsyncClient client;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final List<MqttSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    private final Object lock = new Object();
    private final Object stateMonitor = new Object();
    private final OfflineBuffer buffer;   // guarded by lock
    private boolean linkUp;               // guarded by lock: subscribed and "online" published
    private boolean started;              // guarded by lock
    private volatile boolean closing;
    private volatile Map<String, Object> statusFields = Map.of();
    private volatile MqttSessionEvent current = MqttSessionEvent.initial();

    // owned by the session thread
    private int failedAttempts;
    private long connectedAtNanos;
    private boolean connectionUp;
    private ScheduledFuture<?> pendingAttempt;

    /** A session whose handlers and listeners run on its own delivery thread. */
    public MqttSession(MqttConfig config) {
        this(config, null, new SecureRandom());
    }

    /** A session whose handlers and listeners run on {@code deliveryExecutor} (keep it single-threaded for order). */
    public MqttSession(MqttConfig config, Executor deliveryExecutor) {
        this(config, deliveryExecutor, new SecureRandom());
    }

    MqttSession(MqttConfig config, Executor deliveryExecutor, Random random) {
        this.config = Objects.requireNonNull(config, "config");
        this.backoff = new ReconnectBackoff(config.backoffMin(), config.backoffMax(), random);
        this.options = ConnectOptions.of(config, QOS);
        this.buffer = new OfflineBuffer(config.offlineBuffer());
        this.threads = new SessionThreads(config.clientId(), deliveryExecutor);
        try {
            this.client = new MqttAsyncClient(config.brokerUri(), config.clientId(), new MemoryPersistence(),
                    new ScheduledExecutorPingSender(threads.paho()), threads.paho());
        } catch (MqttException | IllegalArgumentException e) {
            threads.shutDown();
            throw new IllegalArgumentException("brokerUri: " + e.getMessage(), e);
        }
        client.setCallback(new PahoEvents());
    }

    public MqttConfig config() {
        return config;
    }

    public void addListener(MqttSessionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(MqttSessionListener listener) {
        listeners.remove(listener);
    }

    /** Starts connecting in the background; the listeners see CONNECTING, then CONNECTED or DISCONNECTED. */
    public void start() {
        synchronized (lock) {
            if (started || closing) {
                throw new IllegalStateException("start: session already " + (closing ? "closed" : "started"));
            }
            started = true;
        }
        LOG.info("MQTT session {} starting: {}", config.clientId(), config);
        threads.session().execute(this::attemptConnect);
    }

    /** Waits until the session is connected (subscribed, "online" published); false on timeout. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateMonitor) {
            while (current.state() != State.CONNECTED) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closing) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(stateMonitor, left);
            }
            return true;
        }
    }

    public MqttSessionEvent state() {
        return current;
    }

    public boolean isConnected() {
        synchronized (lock) {
            return linkUp;
        }
    }

    /**
     * Subscribes {@code topicFilter} at QoS 1 now (when connected) and again on every reconnect.
     * The future completes when the broker first grants the subscription, exceptionally if it refuses.
     */
    public CompletableFuture<Void> subscribe(String topicFilter, Consumer<MqttInbound> handler) {
        MqttTopic.validate(Objects.requireNonNull(topicFilter, "topicFilter"), true);
        Objects.requireNonNull(handler, "handler");
        Subscription subscription = new Subscription(handler, new CompletableFuture<>());
        subscriptions.put(topicFilter, subscription);
        if (isConnected()) {
            submit(() -> subscribeNow(List.of(topicFilter)));
        }
        return subscription.acknowledged();
    }

    /** Stops receiving {@code topicFilter} and no longer re-subscribes it. */
    public void unsubscribe(String topicFilter) {
        if (subscriptions.remove(topicFilter) != null && isConnected()) {
            submit(() -> {
                try {
                    client.unsubscribe(topicFilter);
                } catch (MqttException e) {
                    LOG.debug("unsubscribe {} failed (dropped with the connection): {}", topicFilter, e.toString());
                }
            });
        }
    }

    /**
     * Publishes at QoS 1. While disconnected the message waits in the offline buffer and is sent,
     * in order, after the next connect; when the buffer is full the oldest waiting message is dropped.
     */
    public void publish(String topic, byte[] payload, boolean retained) {
        MqttTopics.requirePublishable("topic", topic);
        Pending pending = new Pending(topic, Objects.requireNonNull(payload, "payload").clone(), retained);
        synchronized (lock) {
            if (closing) {
                throw new IllegalStateException("publish: session closed");
            }
            if (linkUp && buffer.isEmpty() && sendLocked(pending)) {
                return;
            }
            Pending evicted = buffer.add(pending);
            if (evicted != null) {
                LOG.warn("MQTT offline buffer full ({} messages): dropped the oldest publish to {}",
                        config.offlineBuffer(), evicted.topic());
            }
        }
    }

    /**
     * Sets the app's fields of the retained status document ({@code state}, {@code reason} and
     * {@code ts} belong to the session) and republishes it when connected.
     */
    public void setStatusFields(Map<String, ?> fields) {
        Map<String, Object> copy = Map.copyOf(fields);
        byte[] document = StatusDocument.online(copy, System.currentTimeMillis());
        statusFields = copy;
        if (config.statusTopic() != null && isConnected()) {
            publish(config.statusTopic(), document, true);
        }
    }

    public MqttSessionStats stats() {
        synchronized (lock) {
            return new MqttSessionStats(connects.get(), published.get(), buffer.bufferedTotal(),
                    buffer.droppedTotal(), buffer.size(), received.get());
        }
    }

    /**
     * Publishes {@code offline} (reason {@code shutdown}), disconnects cleanly so the broker does not
     * send the last will, and stops every thread of the session, Paho's included.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
        }
        long timeoutMillis = config.operationTimeout().toMillis();
        if (!client.isConnected()) {
            abortConnection(); // ends a connect in progress at once instead of waiting for its timeout
        }
        Future<?> goodbye = submit(this::sayGoodbye);
        if (goodbye != null) {
            try {
                goodbye.get(2 * timeoutMillis + 1000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("MQTT session {}: clean disconnect did not finish: {}", config.clientId(), e.toString());
                goodbye.cancel(true);
            }
        }
        abortConnection();
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", e.toString());
        }
        synchronized (lock) {
            linkUp = false;
        }
        emit(new MqttSessionEvent(State.CLOSED, Cause.CLOSED, "closed", current.attempt(), Duration.ZERO));
        threads.stopSessionThread();
        threads.releaseStuckPaho();
        threads.shutDown();
        LOG.info("MQTT session {} closed", config.clientId());
    }

    // ---- session thread ----

    private void attemptConnect() {
        pendingAttempt = null;
        if (closing) {
            return;
        }
        threads.releaseStuckPaho();
        emit(new MqttSessionEvent(State.CONNECTING, Cause.NONE, "connecting to " + config.brokerUri(),
                failedAttempts, Duration.ZERO));
        long attemptStart = System.nanoTime();
        try {
            client.connect(options).waitForCompletion(config.operationTimeout().toMillis() + 2000);
            LOG.debug("MQTT session {}: CONNACK after {} ms", config.clientId(), (System.nanoTime() - attemptStart) / 1_000_000);
        } catch (MqttException e) {
            if (!closing) {
                abortConnection();
                ConnectFailure failure = ConnectFailure.of(e);
                retryLater(failure.cause() == Cause.CONNECTION_LOST
                        ? new ConnectFailure(Cause.UNREACHABLE, failure.reason()) : failure);
            }
            return;
        }
        connectionUp = true;
        connectedAtNanos = System.nanoTime();
        connects.incrementAndGet();
        try {
            subscribeOrThrow(new ArrayList<>(subscriptions.keySet()));
            LOG.debug("MQTT session {}: SUBACK after {} ms", config.clientId(), (System.nanoTime() - attemptStart) / 1_000_000);
            IMqttDeliveryToken online = null;
            synchronized (lock) {
                if (config.statusTopic() != null) {
                    online = client.publish(config.statusTopic(),
                            StatusDocument.online(statusFields, System.currentTimeMillis()), QOS, true);
                }
                linkUp = true;
                flushLocked();
            }
            // CONNECTED means the broker has taken the "online" status: whoever looks at the
            // status topic after that sees it (and a broker that never acknowledges it is a
            // broken connection, retried like any other).
            if (online != null) {
                online.waitForCompletion(config.operationTimeout().toMillis());
            }
        } catch (MqttException e) {
            if (!closing) {
                connectionUp = false;
                abortConnection();
                retryLater(ConnectFailure.of(e));
            }
            return;
        }
        LOG.info("MQTT session {} connected to {} ({} subscriptions)", config.clientId(), config.brokerUri(),
                subscriptions.size());
        emit(new MqttSessionEvent(State.CONNECTED, Cause.NONE, "connected", failedAttempts, Duration.ZERO));
    }

    private void subscribeNow(List<String> filters) {
        if (filters.isEmpty()) {
            return;
        }
        try {
            subscribeOrThrow(filters);
        } catch (MqttException e) {
            LOG.debug("subscribe {} failed, retried on reconnect: {}", filters, e.toString());
        }
    }

    private void subscribeOrThrow(List<String> filters) throws MqttException {
        if (filters.isEmpty()) {
            return;
        }
        int[] qos = new int[filters.size()];
        Arrays.fill(qos, QOS);
        IMqttToken token = client.subscribe(filters.toArray(String[]::new), qos);
        token.waitForCompletion(config.operationTimeout().toMillis());
        int[] granted = token.getGrantedQos();
        for (int i = 0; i < filters.size(); i++) {
            Subscription subscription = subscriptions.get(filters.get(i));
            boolean refused = granted != null && i < granted.length && granted[i] == 0x80;
            if (refused) {
                LOG.warn("MQTT broker refused the subscription to {}", filters.get(i));
            }
            if (subscription != null) {
                if (refused) {
                    subscription.acknowledged().completeExceptionally(
                            new IllegalStateException("topicFilter: broker refused " + filters.get(i)));
                } else {
                    subscription.acknowledged().complete(null);
                }
            }
        }
    }

    private void onConnectionLost(Throwable cause) {
        if (closing || !connectionUp) {
            return;
        }
        connectionUp = false;
        synchronized (lock) {
            linkUp = false;
        }
        if (System.nanoTime() - connectedAtNanos >= config.backoffMax().toNanos()) {
            failedAttempts = 0; // the connection was stable: start the backoff from the bottom again
        }
        ConnectFailure failure = ConnectFailure.of(cause);
        retryLater(failure.cause() == Cause.TLS_FAILED ? failure
                : new ConnectFailure(Cause.CONNECTION_LOST, failure.reason()));
    }

    private void retryLater(ConnectFailure failure) {
        Duration delay = backoff.delay(failedAttempts);
        failedAttempts++;
        LOG.warn("MQTT session {} disconnected ({}), attempt {} failed, retrying in {} ms", config.clientId(),
                failure.reason(), failedAttempts, delay.toMillis());
        emit(new MqttSessionEvent(State.DISCONNECTED, failure.cause(), failure.reason(), failedAttempts, delay));
        try {
            pendingAttempt = threads.session().schedule(this::attemptConnect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("session closed, no reconnect");
        }
    }

    /** Resets Paho after a failed or half-done connect so that the next connect() starts clean. */
    private void abortConnection() {
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("abort connection: {}", e.toString());
        }
    }

    private void sayGoodbye() {
        if (pendingAttempt != null) {
            pendingAttempt.cancel(false);
        }
        if (!client.isConnected()) {
            return;
        }
        long timeoutMillis = config.operationTimeout().toMillis();
        try {
            if (config.statusTopic() != null) {
                client.publish(config.statusTopic(), StatusDocument.shutdown(statusFields, System.currentTimeMillis()),
                        QOS, true).waitForCompletion(timeoutMillis);
            }
            client.disconnect(Math.min(timeoutMillis, 2000)).waitForCompletion(timeoutMillis);
        } catch (MqttException e) {
            LOG.warn("MQTT session {}: clean disconnect failed: {}", config.clientId(), e.toString());
        }
    }

    // ---- shared helpers ----

    private boolean sendLocked(Pending pending) {
        try {
            client.publish(pending.topic(), pending.payload(), QOS, pending.retained());
            published.incrementAndGet();
            return true;
        } catch (MqttException e) {
            LOG.debug("publish to {} deferred: {}", pending.topic(), e.toString());
            return false;
        }
    }

    private void flushLocked() {
        while (linkUp && !buffer.isEmpty()) {
            Pending next = buffer.poll();
            if (!sendLocked(next)) {
                buffer.pushBack(next);
                return;
            }
        }
    }

    private void emit(MqttSessionEvent event) {
        synchronized (stateMonitor) {
            current = event;
            stateMonitor.notifyAll();
        }
        for (MqttSessionListener listener : listeners) {
            deliver(() -> listener.onSessionEvent(event));
        }
    }

    private void deliver(Runnable task) {
        try {
            threads.delivery().execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("MQTT handler or listener failed", e);
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("delivery executor closed, dropped a callback");
        }
    }

    private Future<?> submit(Runnable task) {
        try {
            return threads.session().submit(task);
        } catch (RejectedExecutionException closed) {
            return null;
        }
    }

    /** Runs on Paho's callback thread: copies and hands off, never runs user code here. */
    private final class PahoEvents implements MqttCallback {

        @Override
        public void connectionLost(Throwable cause) {
            submit(() -> onConnectionLost(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.incrementAndGet();
            MqttInbound inbound = new MqttInbound(topic, message.getPayload().clone(), message.isRetained(),
                    message.isDuplicate());
            subscriptions.forEach((filter, subscription) -> {
                if (MqttTopic.isMatched(filter, topic)) {
                    deliver(() -> subscription.handler().accept(inbound));
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            boolean waiting;
            synchronized (lock) {
                waiting = linkUp && !buffer.isEmpty();
            }
            if (waiting) {
                submit(() -> {
                    synchronized (lock) {
                        flushLocked();
                    }
                });
            }
        }
    }
}
