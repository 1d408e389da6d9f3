package org.ltintercom.app.behaviour;

import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.ObjectNode;

import java.time.Clock;
import java.time.Duration;

/**
 * What the call button does when no call can be made: the network or the SIP registration is
 * down. The visitor still gets an answer (a local chime and the error LED pattern, so nobody
 * stands at a dead doorbell), and the press is queued as an event to publish when MQTT returns.
 */
public final class DegradedMode {

    /** How long the error pattern shows before the LED returns to what the presenter shows. */
    public static final Duration ERROR_SHOW_TIME = Duration.ofSeconds(5);

    /** The local signals, implemented on the HAL ({@code PresenterRenderer}, {@code StatusLed}). */
    public interface Signals {
        void playChime();

        void showError();

        /** Back to the LED pattern of the normal state. */
        void restoreLed();
    }

    private final Timers timers;
    private final Clock wallClock;
    private final Signals signals;
    private final PendingEvents events;
    private boolean network = true;
    private boolean sip;
    private Timers.Cancellable restore;

    public DegradedMode(Timers timers, Clock wallClock, Signals signals, PendingEvents events) {
        this.timers = timers;
        this.wallClock = wallClock;
        this.signals = signals;
        this.events = events;
    }

    public void setNetworkUp(boolean up) {
        network = up;
    }

    public void setSipRegistered(boolean registered) {
        sip = registered;
    }

    /** True when calls cannot be made. */
    public boolean active() {
        return !network || !sip;
    }

    /**
     * The call button was pressed. Returns false when calls can be made (the ring plan takes it);
     * true when degraded mode handled the press.
     */
    public boolean onCallButton() {
        if (!active()) {
            return false;
        }
        signals.playChime();
        signals.showError();
        if (restore != null) {
            restore.cancel();
        }
        restore = timers.schedule(ERROR_SHOW_TIME, () -> {
            restore = null;
            signals.restoreLed();
        });
        ObjectNode event = Json.object();
        event.put("type", "button-pressed-offline");
        event.put("at", wallClock.millis());
        event.put("reason", !network ? "network-down" : "sip-unregistered");
        events.add(event);
        return true;
    }
}
