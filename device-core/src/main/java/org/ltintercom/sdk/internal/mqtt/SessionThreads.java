package org.ltintercom.sdk.internal.mqtt;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every thread an {@link MqttSession} uses, created here and stopped here:
 * {@code lt-mqtt-session-<id>} (connects, reconnect timer), the Paho pool {@code lt-mqtt-paho-<id>-n}
 * (Paho renames its workers "MQTT Rec/Snd/Call/Con: id" while they run), and
 * {@code lt-mqtt-deliver-<id>} unless the caller gives its own delivery executor.
 */
final class SessionThreads {

    private static final Logger LOG = LoggerFactory.getLogger(SessionThreads.class);
    /** Receiver, sender and callback loops, the pinger and connect/disconnect helpers, with room to spare. */
    private static final int PAHO_THREADS = 8;

    private final ScheduledExecutorService session;
    private final ScheduledThreadPoolExecutor paho;
    private final NamedThreads pahoThreads;
    private final Executor delivery;
    private final ExecutorService ownDelivery;

    SessionThreads(String clientId, Executor deliveryExecutor) {
        this.session = Executors.newSingleThreadScheduledExecutor(new NamedThreads("lt-mqtt-session-" + clientId));
        this.pahoThreads = new NamedThreads("lt-mqtt-paho-" + clientId);
        this.paho = new ScheduledThreadPoolExecutor(PAHO_THREADS, pahoThreads);
        this.paho.setRemoveOnCancelPolicy(true);
        this.ownDelivery = deliveryExecutor == null
                ? Executors.newSingleThreadExecutor(new NamedThreads("lt-mqtt-deliver-" + clientId)) : null;
        this.delivery = deliveryExecutor == null ? ownDelivery : deliveryExecutor;
    }

    ScheduledExecutorService session() {
        return session;
    }

    ScheduledThreadPoolExecutor paho() {
        return paho;
    }

    Executor delivery() {
        return delivery;
    }

    /** See {@link StuckPahoThreads}: call only while no connect is in progress. */
    void releaseStuckPaho() {
        StuckPahoThreads.release(pahoThreads.alive());
    }

    void stopSessionThread() {
        stop(session);
    }

    /** Stops all threads; delivery last, so callbacks already queued still run. */
    void shutDown() {
        stop(session);
        if (!stop(paho)) {
            for (Thread stuck : pahoThreads.alive()) {
                LOG.warn("Paho thread {} did not stop, at {}", stuck.getName(), Arrays.toString(stuck.getStackTrace()));
            }
        }
        if (ownDelivery != null) {
            stop(ownDelivery);
        }
    }

    private static boolean stop(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.warn("MQTT executor did not stop: {}", executor);
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
