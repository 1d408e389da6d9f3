package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Records everything a user agent and its calls report, for tests to wait on. */
final class Recorder implements SipUserAgent.Listener {

    /** One event: what, the leg, its detail (status, media, hold flag, digit), and the thread that reported it. */
    record Event(String what, SipCallLeg leg, Object detail, String thread) {
        Event(String what, SipCallLeg leg, Object detail) {
            this(what, leg, detail, Thread.currentThread().getName());
        }
    }

    final BlockingQueue<RegistrationState> registrations = new LinkedBlockingQueue<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final BlockingQueue<SipCallLeg> incoming = new LinkedBlockingQueue<>();
    volatile RegistrationState last = RegistrationState.UNREGISTERED;
    /** When set, every incoming call is refused at once with this status instead of being queued. */
    volatile LTCallStatusCode refuseIncoming;

    @Override
    public void onRegistrationChanged(RegistrationState state) {
        last = state;
        registrations.add(state);
    }

    @Override
    public SipCallListener onIncomingCall(SipCallLeg leg) {
        if (refuseIncoming != null) {
            leg.reject(refuseIncoming);
        } else {
            incoming.add(leg);
        }
        return calls();
    }

    SipCallListener calls() {
        return new SipCallListener() {
            @Override public void onRinging(SipCallLeg leg) { events.add(new Event("ringing", leg, null)); }
            @Override public void onAnswered(SipCallLeg leg, NegotiatedMedia m) { events.add(new Event("answered", leg, m)); }
            @Override public void onMediaChanged(SipCallLeg leg, NegotiatedMedia m) { events.add(new Event("media", leg, m)); }
            @Override public void onHeldByPeer(SipCallLeg leg, boolean held) { events.add(new Event("heldByPeer", leg, held)); }
            @Override public void onWarning(SipCallLeg leg, LTCallStatusCode s) { events.add(new Event("warning", leg, s)); }
            @Override public void onDtmf(SipCallLeg leg, char d) { events.add(new Event("dtmf", leg, d)); }
            @Override public void onEnded(SipCallLeg leg, LTCallStatusCode s) { events.add(new Event("ended", leg, s)); }
        };
    }

    /** Waits for a registration state matching {@code p}; fails naming what was seen. */
    RegistrationState awaitRegistration(Duration timeout, Predicate<RegistrationState> p) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (p.test(last)) {
            return last;
        }
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            RegistrationState s = registrations.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                    TimeUnit.MILLISECONDS);
            if (s == null) {
                break;
            }
            seen.append(s).append(' ');
            if (p.test(s)) {
                return s;
            }
        }
        throw new AssertionError("registration state not reached within " + timeout + "; seen: " + seen
                + "; last: " + last);
    }

    Event await(String what, Duration timeout) throws InterruptedException {
        return await(e -> e.what().equals(what), timeout, what);
    }

    Event await(Predicate<Event> p, Duration timeout, String description) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Event e : events) {
                if (p.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + description + "' event within " + timeout + "; events: " + events);
    }

    LTCallStatusCode awaitEnded(Duration timeout) throws InterruptedException {
        return (LTCallStatusCode) await("ended", timeout).detail();
    }

    SipCallLeg awaitIncoming(Duration timeout) throws InterruptedException {
        SipCallLeg leg = incoming.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (leg == null) {
            throw new AssertionError("no incoming call within " + timeout);
        }
        return leg;
    }
}
