package org.ltintercom.callserver.mqtt;

import java.util.concurrent.CompletableFuture;

/**
 * Sends incoming-call wakeups to devices (the service's counterpart of sending a VoIP push).
 * Payload-agnostic: the caller builds the JSON (see docs/protocol.md, MQTT); this layer only
 * delivers it on the device's wakeup topic, QoS 1, never retained.
 */
public interface WakeupPublisher extends AutoCloseable {

    /**
     * Publishes {@code payloadJson} on {@code wakeupTopic} (the topic the device registered with
     * {@code POST /v1/notification-key}). The future completes when the broker acknowledged it, and
     * completes exceptionally when the broker is not reachable or the topic is invalid.
     */
    CompletableFuture<Void> publishWakeup(String wakeupTopic, String payloadJson);

    /** Publishes on the user's default wakeup topic {@code lt/v1/<userID>/wakeup}. */
    default CompletableFuture<Void> publishIncomingCall(String userID, String payloadJson) {
        return publishWakeup(WakeupTopics.defaultTopicOf(userID), payloadJson);
    }

    @Override
    void close();
}
