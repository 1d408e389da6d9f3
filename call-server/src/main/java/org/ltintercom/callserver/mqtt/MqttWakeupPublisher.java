package org.ltintercom.callserver.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WakeupPublisher} over MQTT (Paho mqttv3, QoS 1, never retained). It keeps one connection
 * to the broker and reconnects by itself with capped exponential backoff and jitter. A wakeup is not
 * queued while the broker is unreachable: a wakeup is only useful now, so the future fails at once
 * and the caller can end the call attempt. Paho's threads run on a pool this class owns and stops.
 */
public final class MqttWakeupPublisher implements WakeupPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(MqttWakeupPublisher.class);
    private static final int MAX_PAYLOAD_BYTES = 16 * 1024;

    /**
     * @param brokerUri {@code tcp://host:port} or {@code ssl://host:port}
     * @param clientId  the service's MQTT client id
     * @param username  MQTT user, or {@code null}
     * @param password  MQTT password, or {@code null}; never logged
     * @param timeout   connect timeout; also the reconnect backoff cap
     */
    public record Config(String brokerUri, String clientId, String username, String password, Duration timeout) {

        public Config {
            Objects.requireNonNull(brokerUri, "brokerUri");
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("clientId: required");
            }
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("password: user name and password go together");
            }
            if (timeout == null || timeout.toMillis() < 100) {
                throw new IllegalArgumentException("timeout: must be at least 100 ms");
            }
        }

        public static Config of(String brokerUri, String clientId) {
            return new Config(brokerUri, clientId, null, null, Duration.ofSeconds(10));
        }

        public Config withCredentials(String user, String pass) {
            return new Config(brokerUri, clientId, user, pass, timeout);
        }

        @Override
        public String toString() {
            return "Config[brokerUri=" + brokerUri + ", clientId=" + clientId + ", username=" + username
                    + ", password=" + (password == null ? "none" : "***") + ", timeout=" + timeout + "]";
        }
    }

    private final Config config;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final ScheduledExecutorService reconnector;
    private final ScheduledThreadPoolExecutor pahoPool;
    private final Object connectedMonitor = new Object();
    private volatile boolean closed;
    private int failedAttempts; // reconnector thread only

    /** Creates the publisher and starts connecting in the background. */
    public MqttWakeupPublisher(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.reconnector = Executors.newSingleThreadScheduledExecutor(named("lt-wakeup-publisher"));
        this.pahoPool = new ScheduledThreadPoolExecutor(6, named("lt-wakeup-publisher-paho"));
        try {
            this.client = new MqttAsyncClient(config.brokerUri(), config.clientId(), new MemoryPersistence(),
                    new ScheduledExecutorPingSender(pahoPool), pahoPool);
        } catch (MqttException | IllegalArgumentException e) {
            stop(reconnector);
            stop(pahoPool);
            throw new IllegalArgumentException("brokerUri: " + e.getMessage(), e);
        }
        options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(1000);
        options.setConnectionTimeout((int) Math.max(1, config.timeout().toSeconds()));
        if (config.username() != null) {
            options.setUserName(config.username());
            options.setPassword(config.password().toCharArray());
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                LOG.warn("wakeup publisher lost the broker {}: {}", config.brokerUri(), cause.toString());
                try {
                    reconnector.execute(MqttWakeupPublisher.this::scheduleConnect);
                } catch (RejectedExecutionException closing) {
                    LOG.debug("closing, no reconnect");
                }
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                // publish only
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // completion is reported through each publish's action listener
            }
        });
        reconnector.execute(this::connect);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Waits until connected to the broker; false on timeout. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (connectedMonitor) {
            while (!client.isConnected()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(connectedMonitor, left);
            }
            return true;
        }
    }

    @Override
    public CompletableFuture<Void> publishWakeup(String wakeupTopic, String payloadJson) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            WakeupTopics.requireValid(wakeupTopic);
            byte[] payload = Objects.requireNonNull(payloadJson, "payloadJson").getBytes(StandardCharsets.UTF_8);
            if (payload.length > MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("payloadJson: " + payload.length + " bytes, more than "
                        + MAX_PAYLOAD_BYTES);
            }
            if (closed) {
                throw new IllegalStateException("wakeup publisher closed");
            }
            client.publish(wakeupTopic, payload, 1, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    result.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (MqttException | RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reconnector.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(1000).waitForCompletion(config.timeout().toMillis());
            }
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", e.toString());
        }
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            LOG.debug("disconnectForcibly: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", e.toString());
        }
        stop(reconnector);
        stop(pahoPool);
    }

    private void connect() {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(config.timeout().toMillis() + 2000);
            failedAttempts = 0;
            synchronized (connectedMonitor) {
                connectedMonitor.notifyAll();
            }
            LOG.info("wakeup publisher connected to {}", config.brokerUri());
        } catch (MqttException e) {
            LOG.warn("wakeup publisher cannot connect to {}: {}", config.brokerUri(), e.toString());
            try {
                client.disconnectForcibly(0, 1000, false);
            } catch (MqttException ignored) {
                // nothing to reset
            }
            scheduleConnect();
        }
    }

    private void scheduleConnect() {
        if (closed) {
            return;
        }
        long ceiling = Math.min(config.timeout().toMillis(), 100L << Math.min(failedAttempts, 20));
        failedAttempts++;
        long delay = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        try {
            reconnector.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            LOG.debug("closing, no reconnect");
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void stop(ExecutorService executor) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("wakeup publisher executor did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
