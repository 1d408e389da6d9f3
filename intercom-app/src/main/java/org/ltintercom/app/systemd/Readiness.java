package org.ltintercom.app.systemd;

import org.ltintercom.app.behaviour.Timers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * When the intercom tells systemd it is ready: when every named condition is true (audio open,
 * SIP registered, MQTT connected). The wiring sets each condition as it changes; STATUS= always
 * shows which are missing.
 *
 * <p>Decision: after {@code grace} without all conditions, READY=1 is sent anyway with a
 * "degraded" status. A doorbell without network still chimes and queues events (degraded
 * mode); holding systemd in "activating" until its start timeout would kill and restart it in
 * a loop exactly when it is most needed.
 */
public final class Readiness {

    public static final String AUDIO_OPEN = "audio-open";
    public static final String SIP_REGISTERED = "sip-registered";
    public static final String MQTT_CONNECTED = "mqtt-connected";

    private final SdNotify notify;
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();
    private boolean readySent;
    private Timers.Cancellable graceTimer;
    private Runnable onReady = () -> { };

    /** Waits for {@code names}; after {@code grace} reports ready (degraded) anyway. */
    public Readiness(SdNotify notify, Timers timers, Duration grace, String... names) {
        this.notify = notify;
        for (String name : names) {
            conditions.put(name, false);
        }
        graceTimer = timers.schedule(grace, this::graceOver);
        notify.status(status());
    }

    /** Runs once, right after READY=1 is sent (all conditions met or the grace is over). */
    public synchronized void whenReady(Runnable action) {
        onReady = action;
    }

    /** Sets a condition; sends READY=1 the first time all are true, and STATUS= on every change. */
    public synchronized void set(String name, boolean value) {
        if (!conditions.containsKey(name)) {
            throw new IllegalArgumentException("unknown readiness condition: " + name + " (known: " + conditions.keySet() + ")");
        }
        if (conditions.put(name, value) == value) {
            return;
        }
        if (!readySent && allTrue()) {
            readySent = true;
            cancelGrace();
            notify.ready(status());
            onReady.run();
        } else {
            notify.status(status());
        }
    }

    public synchronized boolean ready() {
        return readySent;
    }

    /** {@code running} or {@code degraded: waiting for sip-registered, mqtt-connected}. */
    public synchronized String status() {
        String missing = conditions.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        if (missing.isEmpty()) {
            return "running";
        }
        return (readySent ? "degraded: " : "starting: ") + "waiting for " + missing;
    }

    private synchronized void graceOver() {
        graceTimer = null;
        if (!readySent) {
            readySent = true;
            notify.ready(status());
            onReady.run();
        }
    }

    private boolean allTrue() {
        return conditions.values().stream().allMatch(Boolean::booleanValue);
    }

    private void cancelGrace() {
        if (graceTimer != null) {
            graceTimer.cancel();
            graceTimer = null;
        }
    }
}
