package org.ltintercom.app.behaviour;

import org.ltintercom.app.config.Settings;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One press of the call button, rung through the ring plan: the targets of a group ring in
 * parallel; the next group rings when the group's timeout passes or when every target of the
 * group refused; the whole attempt gives up at the plan's ring timeout. The first target that
 * answers gets the call, the others stop ringing, and the {@link CallTimer} starts.
 *
 * <pre>
 *  start -> group 0 ringing --(timeout | all refused)--> group 1 ringing ... --> NO_ANSWER
 *                |  (answered)                                   ring timeout --> NO_ANSWER
 *                v
 *            CONNECTED --(callEnded | cut)--> ENDED
 * </pre>
 */
public final class RingPlanCall {

    /** The SIP side of ringing, implemented by the SDK adapter. */
    public interface Dialer {
        /** Starts ringing {@code target} (an LT userID). */
        void ring(String target);

        /** Stops ringing {@code target}, which did not answer (CANCEL). */
        void cancel(String target);
    }

    /** Where the attempt is. */
    public enum State { IDLE, RINGING, CONNECTED, NO_ANSWER, CANCELLED, ENDED }

    /** Told once when the attempt ends without a call (nobody answered, or the caller gave up). */
    @FunctionalInterface
    public interface Listener {
        void onFinished(State state, String connectedTarget);
    }

    private final Settings.RingPlan plan;
    private final Timers timers;
    private final Dialer dialer;
    private final CallTimer callTimer;
    private final Settings.Call limits;
    private final Listener listener;
    private final Set<String> ringing = new HashSet<>();
    private State state = State.IDLE;
    private int group = -1;
    private String connected;
    private Timers.Cancellable groupTimeout;
    private Timers.Cancellable ringTimeout;

    public RingPlanCall(Settings.RingPlan plan, Settings.Call limits, Timers timers, Dialer dialer, CallTimer callTimer,
                        Listener listener) {
        this.plan = plan;
        this.limits = limits;
        this.timers = timers;
        this.dialer = dialer;
        this.callTimer = callTimer;
        this.listener = listener;
    }

    public State state() {
        return state;
    }

    /** Index of the group ringing now (-1 before start). */
    public int group() {
        return group;
    }

    public Set<String> ringing() {
        return Set.copyOf(ringing);
    }

    public void start() {
        if (state != State.IDLE) {
            throw new IllegalStateException("already started: " + state);
        }
        state = State.RINGING;
        ringTimeout = timers.schedule(plan.ringTimeout(), () -> finish(State.NO_ANSWER));
        ringGroup(0);
    }

    /** {@code target} refused (busy, declined, unreachable). */
    public void onRefused(String target) {
        if (state == State.RINGING && ringing.remove(target) && ringing.isEmpty()) {
            nextGroup();
        }
    }

    /** {@code target} answered: it gets the call, every other target stops ringing. */
    public void onAnswered(String target) {
        if (state != State.RINGING || !ringing.remove(target)) {
            return;
        }
        stopRinging();
        cancelTimeouts();
        state = State.CONNECTED;
        connected = target;
        callTimer.start(limits);
    }

    /** The connected call ended (either side hung up, or the call timer cut it). */
    public void onCallEnded() {
        if (state == State.CONNECTED) {
            callTimer.stop();
            state = State.ENDED;
            listener.onFinished(State.ENDED, connected);
        }
    }

    /** The visitor gave up (long press) or the app stops: every ringing target is cancelled. */
    public void cancel() {
        if (state == State.RINGING) {
            finish(State.CANCELLED);
        } else if (state == State.CONNECTED) {
            onCallEnded();
        }
    }

    private void ringGroup(int index) {
        group = index;
        Settings.RingGroup g = plan.groups().get(index);
        List<String> targets = g.targets();
        ringing.addAll(targets);
        groupTimeout = timers.schedule(g.timeout(), this::onGroupTimeout);
        targets.forEach(dialer::ring);
    }

    private void onGroupTimeout() {
        groupTimeout = null;
        if (state == State.RINGING) {
            stopRinging();
            nextGroup();
        }
    }

    private void nextGroup() {
        if (groupTimeout != null) {
            groupTimeout.cancel();
            groupTimeout = null;
        }
        if (group + 1 < plan.groups().size()) {
            ringGroup(group + 1);
        } else {
            finish(State.NO_ANSWER);
        }
    }

    private void finish(State end) {
        if (state != State.RINGING) {
            return;
        }
        stopRinging();
        cancelTimeouts();
        state = end;
        listener.onFinished(end, null);
    }

    private void stopRinging() {
        List.copyOf(ringing).forEach(dialer::cancel);
        ringing.clear();
    }

    private void cancelTimeouts() {
        if (groupTimeout != null) {
            groupTimeout.cancel();
            groupTimeout = null;
        }
        if (ringTimeout != null) {
            ringTimeout.cancel();
            ringTimeout = null;
        }
    }
}
