package org.ltintercom.app.control;

import java.util.Map;

/**
 * The app core's outbound side: status changes for the retained {@code status} topic and events
 * (call events, CDRs, door openings) for the {@code event} topic. Called on the app's event loop;
 * implementations must not block.
 */
public interface DeviceReporter {

    /** The device status changed; {@code status} is the whole current document. */
    void statusChanged(DeviceStatus status);

    /**
     * One event ({@code type} plus fields, JSON-serialisable values). Returns false when it could
     * not be published now; the app then queues it (degraded mode) and publishes it on reconnect.
     */
    boolean event(Map<String, Object> event);
}
