package org.ltintercom.sdk.internal.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records an {@link MqttSession}'s events and waits for the ones a test expects. */
final class SessionEvents implements MqttSessionListener {

    private final List<MqttSessionEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onSessionEvent(MqttSessionEvent event) {
        synchronized (this) {
            events.add(event);
            notifyAll();
        }
    }

    List<MqttSessionEvent> all() {
        return List.copyOf(events);
    }

    /** Waits until {@code count} events after index {@code from} match; returns the last of them. */
    synchronized MqttSessionEvent await(int from, int count, Predicate<MqttSessionEvent> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<MqttSessionEvent> matching = events.subList(Math.min(from, events.size()), events.size()).stream()
                    .filter(wanted).toList();
            if (matching.size() >= count) {
                return matching.get(count - 1);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " matching session events within " + timeout
                        + ", got " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    MqttSessionEvent await(Predicate<MqttSessionEvent> wanted, Duration timeout) throws InterruptedException {
        return await(0, 1, wanted, timeout);
    }

    int size() {
        return events.size();
    }

    static Predicate<MqttSessionEvent> state(MqttSessionEvent.State state) {
        return event -> event.state() == state;
    }
}
