package org.ltintercom.app.behaviour;

import org.ltintercom.app.config.Settings;

/**
 * The longest call: a warning tone {@code warningBefore} the end, then the cut. Started when a
 * call connects (outgoing or incoming), stopped when it ends. A door station left connected by
 * a handset on the table would otherwise hold the line and the microphone open for hours.
 */
public final class CallTimer {

    /** What the timer does to the call. */
    public interface Actions {
        /** Plays the "call ends soon" tone into the call. */
        void warn();

        /** Ends the call: the maximum call time was reached. */
        void cut();
    }

    private final Timers timers;
    private final Actions actions;
    private Timers.Cancellable warning;
    private Timers.Cancellable cut;

    public CallTimer(Timers timers, Actions actions) {
        this.timers = timers;
        this.actions = actions;
    }

    /** Starts (or restarts) the timer for a call that has just connected. */
    public void start(Settings.Call limits) {
        stop();
        if (!limits.warningBefore().isZero()) {
            warning = timers.schedule(limits.maxCallTime().minus(limits.warningBefore()), actions::warn);
        }
        cut = timers.schedule(limits.maxCallTime(), () -> {
            cut = null;
            actions.cut();
        });
    }

    /** The call ended. */
    public void stop() {
        if (warning != null) {
            warning.cancel();
            warning = null;
        }
        if (cut != null) {
            cut.cancel();
            cut = null;
        }
    }

    public boolean running() {
        return cut != null;
    }
}
