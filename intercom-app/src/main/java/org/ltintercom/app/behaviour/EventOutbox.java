package org.ltintercom.app.behaviour;

import org.ltintercom.app.control.DeviceReporter;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.ObjectNode;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the station's events (call events, CDRs, presses in degraded mode) go: straight to the
 * reporter (the MQTT session) when it takes them, else into the persisted {@link PendingEvents},
 * which are sent first, in order, whenever the reporter can take them again. Used on the event loop.
 */
public final class EventOutbox {

    private final PendingEvents pending;
    private final Supplier<DeviceReporter> reporter;

    public EventOutbox(PendingEvents pending, Supplier<DeviceReporter> reporter) {
        this.pending = pending;
        this.reporter = reporter;
    }

    /** Sends {@code event}, or queues it behind those still waiting. */
    public void report(Map<String, Object> event) {
        DeviceReporter r = reporter.get();
        if (r != null && pending.size() == 0 && r.event(event)) {
            return;
        }
        pending.add((ObjectNode) Json.toTree(event));
        drain();
    }

    /** Sends what is queued, oldest first, until the reporter refuses one. */
    public void drain() {
        DeviceReporter r = reporter.get();
        if (r == null) {
            return;
        }
        pending.drain(json -> {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) Json.toPlain(Json.parse(json));
                return r.event(e);
            } catch (IOException | ClassCastException e) {
                return false;
            }
        });
    }

    public int queued() {
        return pending.size();
    }
}
