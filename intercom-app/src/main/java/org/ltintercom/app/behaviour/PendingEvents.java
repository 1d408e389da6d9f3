package org.ltintercom.app.behaviour;

import org.ltintercom.app.state.StateStore;
import org.ltintercom.sdk.internal.json.ArrayNode;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonNode;
import org.ltintercom.sdk.internal.json.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * Events that happened while MQTT was away, waiting to be published on {@code lt/v1/<deviceID>/event}.
 * Bounded (the oldest are dropped first, and the count of dropped events is published with the
 * next one) and persisted in the state directory on every change, so that "someone rang at 14:02
 * while the network was down" survives a power cut. Button presses while offline are rare, so
 * the write per event costs the SD card nothing.
 */
public final class PendingEvents {

    public static final int DEFAULT_CAPACITY = 100;

    private final StateStore store;
    private final int capacity;
    private final Deque<ObjectNode> events = new ArrayDeque<>();
    private long dropped;

    /** Loads what a previous run left. */
    public PendingEvents(StateStore store, int capacity) {
        this.store = store;
        this.capacity = capacity;
        store.pendingEvents().ifPresent(saved -> {
            dropped = saved.path("dropped").asLong(0);
            for (JsonNode e : saved.path("events")) {
                if (e instanceof ObjectNode o) {
                    events.addLast(o);
                }
            }
        });
    }

    public synchronized void add(ObjectNode event) {
        if (events.size() == capacity) {
            events.removeFirst();
            dropped++;
        }
        events.addLast(event.deepCopy());
        save();
    }

    public synchronized int size() {
        return events.size();
    }

    public synchronized long dropped() {
        return dropped;
    }

    /**
     * Publishes events oldest first while {@code publish} accepts them (returns true); stops at the
     * first refusal (MQTT gone again) and keeps the rest. Returns how many were published.
     */
    public synchronized int drain(Predicate<String> publish) {
        int sent = 0;
        while (!events.isEmpty()) {
            ObjectNode next = events.peekFirst().deepCopy();
            if (dropped > 0) {
                next.put("droppedBefore", dropped);
            }
            if (!publish.test(next.toString())) {
                break;
            }
            events.removeFirst();
            dropped = 0;
            sent++;
        }
        if (sent > 0) {
            save();
        }
        return sent;
    }

    private void save() {
        ObjectNode doc = Json.object();
        doc.put("dropped", dropped);
        ArrayNode list = doc.putArray("events");
        events.forEach(list::add);
        store.writePendingEvents(doc);
    }
}
