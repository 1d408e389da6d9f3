package org.ltintercom.sdk.internal.mqtt;

/** Observes an {@link MqttSession}'s connection state; called on the session's delivery executor, in order. */
@FunctionalInterface
public interface MqttSessionListener {
    void onSessionEvent(MqttSessionEvent event);
}
