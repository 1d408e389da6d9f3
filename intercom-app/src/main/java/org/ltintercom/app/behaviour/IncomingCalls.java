package org.ltintercom.app.behaviour;

import org.ltintercom.app.config.Settings;

/**
 * Incoming calls on the station: answered at once when auto-answer is on (an indoor unit looking
 * out through the door station), limited by the {@link CallTimer} once connected.
 */
public final class IncomingCalls {

    /** Answers a ringing call, implemented by the SDK adapter. */
    @FunctionalInterface
    public interface Answerer {
        void answer(String callId);
    }

    private final Settings.Call limits;
    private final Answerer answerer;
    private final CallTimer callTimer;
    private String active;

    public IncomingCalls(Settings.Call limits, Answerer answerer, CallTimer callTimer) {
        this.limits = limits;
        this.answerer = answerer;
        this.callTimer = callTimer;
    }

    /** A call rings; returns true when it was auto-answered. */
    public boolean onIncoming(String callId) {
        if (limits.autoAnswer() && active == null) {
            answerer.answer(callId);
            return true;
        }
        return false;
    }

    public void onConnected(String callId) {
        active = callId;
        callTimer.start(limits);
    }

    public void onEnded(String callId) {
        if (callId.equals(active)) {
            active = null;
            callTimer.stop();
        }
    }
}
