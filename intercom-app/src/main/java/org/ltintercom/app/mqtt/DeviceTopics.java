package org.ltintercom.app.mqtt;

import org.ltintercom.sdk.internal.mqtt.MqttConfig;
import org.ltintercom.sdk.internal.mqtt.MqttTopics;
import org.ltintercom.sdk.internal.mqtt.WakeupReceiver;

/**
 * The MQTT topics of one intercom (docs/protocol.md, "MQTT"): everything under
 * {@code lt/v1/<deviceID>/}, plus the wakeup topic of the signed-in user.
 *
 * @param deviceId the device id (one topic level)
 * @param userId   the LT userID the device is signed in as ({@code sdk.userId})
 */
public record DeviceTopics(String deviceId, String userId) {

    public DeviceTopics {
        MqttTopics.requireSegment("deviceId", deviceId);
        MqttTopics.requireSegment("sdk.userId", userId);
    }

    /** Retained status document; carries the last will. */
    public String status() {
        return MqttConfig.statusTopicOf(deviceId);
    }

    /** Retained desired configuration (provisioning). */
    public String config() {
        return device("config");
    }

    public String configResult() {
        return device("config/result");
    }

    public String cmd() {
        return device("cmd");
    }

    public String cmdResult() {
        return device("cmd/result");
    }

    /** Call events, CDRs, door openings, degraded-mode events (not retained). */
    public String event() {
        return device("event");
    }

    /** The incoming-call wakeup of the signed-in user. */
    public String wakeup() {
        return WakeupReceiver.wakeupTopicOf(userId);
    }

    private String device(String leaf) {
        return MqttConfig.TOPIC_ROOT + deviceId + "/" + leaf;
    }
}
