package org.ltintercom.sdk.internal.mqtt;

/**
 * A message received on a subscription.
 *
 * @param topic     the topic it was published to
 * @param payload   its bytes (a private copy)
 * @param retained  true when the broker replayed a retained message on subscribe
 * @param duplicate true when the broker marked it as a redelivery (QoS 1 DUP)
 */
public record MqttInbound(String topic, byte[] payload, boolean retained, boolean duplicate) {
}
