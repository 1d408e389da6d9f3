package org.ltintercom.sdk.internal.mqtt;

import java.util.ArrayDeque;

/**
 * Publishes made while the session is disconnected, oldest first. Bounded: when full, the oldest
 * entry is dropped and counted, because a fresh status or event is worth more than a stale one.
 * Not thread-safe; {@link MqttSession} guards it with its lock.
 */
final class OfflineBuffer {

    record Pending(String topic, byte[] payload, boolean retained) {
    }

    private final int capacity;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long buffered;
    private long dropped;

    OfflineBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Adds at the end; returns the entry dropped to make room, or null. */
    Pending add(Pending pending) {
        buffered++;
        if (capacity == 0) {
            dropped++;
            return pending;
        }
        Pending evicted = null;
        if (queue.size() == capacity) {
            evicted = queue.pollFirst();
            dropped++;
        }
        queue.addLast(pending);
        return evicted;
    }

    /** Puts an entry just polled but not sent back at the front (it is still the oldest). */
    void pushBack(Pending pending) {
        queue.addFirst(pending);
    }

    Pending poll() {
        return queue.pollFirst();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    long bufferedTotal() {
        return buffered;
    }

    long droppedTotal() {
        return dropped;
    }
}
