package org.ltintercom.sdk.internal.mqtt;

/**
 * Counters of one {@link MqttSession}, for the status topic and the benchmark.
 *
 * @param connects       successful connects (first one included)
 * @param published      publishes handed to the broker connection
 * @param buffered       publishes that had to wait in the offline buffer
 * @param dropped        buffered publishes dropped because the buffer was full (oldest first)
 * @param queued         publishes waiting in the offline buffer now
 * @param received       messages received on subscriptions
 */
public record MqttSessionStats(long connects, long published, long buffered, long dropped, int queued,
                               long received) {
}
