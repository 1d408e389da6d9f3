package org.ltintercom.callserver.mqtt;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A {@link WakeupPublisher} that only records what it was asked to send; for tests of the code that calls it. */
public final class InMemoryWakeupPublisher implements WakeupPublisher {

    /** One recorded wakeup. */
    public record Wakeup(String topic, String payloadJson) {
    }

    private final List<Wakeup> published = new CopyOnWriteArrayList<>();
    private final List<Consumer<Wakeup>> observers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    @Override
    public CompletableFuture<Void> publishWakeup(String wakeupTopic, String payloadJson) {
        try {
            WakeupTopics.requireValid(wakeupTopic);
            if (payloadJson == null) {
                throw new IllegalArgumentException("payloadJson: required");
            }
            if (closed) {
                throw new IllegalStateException("publisher closed");
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Wakeup wakeup = new Wakeup(wakeupTopic, payloadJson);
        published.add(wakeup);
        observers.forEach(observer -> observer.accept(wakeup));
        return CompletableFuture.completedFuture(null);
    }

    /** Everything published so far, oldest first. */
    public List<Wakeup> published() {
        return List.copyOf(published);
    }

    /** Called, on the publishing thread, for every wakeup published from now on. */
    public void onPublish(Consumer<Wakeup> observer) {
        observers.add(observer);
    }

    @Override
    public void close() {
        closed = true;
    }
}
