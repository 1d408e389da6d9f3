package org.ltintercom.app.behaviour;

import org.junit.jupiter.api.Test;
import org.ltintercom.app.config.Settings;
import org.ltintercom.app.testing.FakeTimers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RingPlanCallTest {

    private final FakeTimers timers = new FakeTimers();
    private final List<String> sip = new ArrayList<>();
    private final List<String> finished = new ArrayList<>();
    private final List<String> callTimer = new ArrayList<>();

    private final Settings.RingPlan plan = new Settings.RingPlan(List.of(
            new Settings.RingGroup(List.of("flat-1"), Duration.ofSeconds(20)),
            new Settings.RingGroup(List.of("flat-2", "flat-3"), Duration.ofSeconds(30))), Duration.ofSeconds(45));
    private final Settings.Call limits = new Settings.Call(false, Duration.ofMinutes(3), Duration.ofSeconds(20));

    private RingPlanCall call() {
        CallTimer timer = new CallTimer(timers, new CallTimer.Actions() {
            @Override
            public void warn() {
                callTimer.add("warn@" + timers.nanoTime() / 1_000_000_000);
            }

            @Override
            public void cut() {
                callTimer.add("cut@" + timers.nanoTime() / 1_000_000_000);
            }
        });
        return new RingPlanCall(plan, limits, timers, new RingPlanCall.Dialer() {
            @Override
            public void ring(String target) {
                sip.add("ring " + target + "@" + timers.nanoTime() / 1_000_000_000);
            }

            @Override
            public void cancel(String target) {
                sip.add("cancel " + target + "@" + timers.nanoTime() / 1_000_000_000);
            }
        }, timer, (state, target) -> finished.add(state + (target == null ? "" : " " + target)));
    }

    @Test
    void pressingTheButtonRingsTheFirstGroupThenTheNextAfterItsTimeout() {
        RingPlanCall call = call();
        call.start();
        assertEquals(List.of("ring flat-1@0"), sip);
        timers.advanceSeconds(19);
        assertEquals(0, call.group());
        timers.advanceSeconds(1);
        assertEquals(List.of("ring flat-1@0", "cancel flat-1@20", "ring flat-2@20", "ring flat-3@20"), sip);
        assertEquals(Set.of("flat-2", "flat-3"), call.ringing());
    }

    @Test
    void overallRingTimeoutEndsTheAttemptBeforeTheLastGroupTimesOut() {
        RingPlanCall call = call();
        call.start();
        timers.advanceSeconds(45);
        assertEquals(RingPlanCall.State.NO_ANSWER, call.state());
        assertTrue(sip.containsAll(List.of("cancel flat-2@45", "cancel flat-3@45")), sip.toString());
        assertEquals(List.of("NO_ANSWER"), finished);
        assertEquals(0, timers.pending(), "no timer left running");
    }

    @Test
    void whenEveryTargetOfAGroupRefusesTheNextGroupRingsAtOnce() {
        RingPlanCall call = call();
        call.start();
        call.onRefused("flat-1");
        assertEquals(1, call.group());
        assertEquals(List.of("ring flat-1@0", "ring flat-2@0", "ring flat-3@0"), sip);
        call.onRefused("flat-2");
        assertEquals(RingPlanCall.State.RINGING, call.state(), "flat-3 still rings");
        call.onRefused("flat-3");
        assertEquals(RingPlanCall.State.NO_ANSWER, call.state());
        assertEquals(List.of("NO_ANSWER"), finished);
    }

    @Test
    void firstAnswerWinsOthersStopRingingAndTheCallIsCutAtMaxCallTimeAfterAWarning() {
        RingPlanCall call = call();
        call.start();
        timers.advanceSeconds(20);
        timers.advanceSeconds(5);
        call.onAnswered("flat-3");
        assertEquals(RingPlanCall.State.CONNECTED, call.state());
        assertEquals("cancel flat-2@25", sip.get(sip.size() - 1));
        timers.advanceSeconds(100); // past the ring timeout: it must not end the connected call
        assertEquals(RingPlanCall.State.CONNECTED, call.state());
        timers.advanceSeconds(80);
        assertEquals(List.of("warn@185", "cut@205"), callTimer);
        call.onCallEnded();
        assertEquals(List.of("ENDED flat-3"), finished);
        assertEquals(0, timers.pending());
    }

    @Test
    void visitorGivingUpCancelsEveryRingingTarget() {
        RingPlanCall call = call();
        call.start();
        call.onRefused("flat-1");
        call.cancel();
        assertEquals(RingPlanCall.State.CANCELLED, call.state());
        assertTrue(sip.containsAll(List.of("cancel flat-2@0", "cancel flat-3@0")));
        call.onAnswered("flat-2");
        assertEquals(RingPlanCall.State.CANCELLED, call.state(), "a late answer after cancel changes nothing");
        assertFalse(callTimer.contains("warn@0"));
        assertEquals(0, timers.pending());
    }

    @Test
    void autoAnswerAnswersIncomingCallsAndLimitsThem() {
        List<String> answered = new ArrayList<>();
        CallTimer timer = new CallTimer(timers, new CallTimer.Actions() {
            @Override
            public void warn() {
                callTimer.add("warn");
            }

            @Override
            public void cut() {
                callTimer.add("cut");
            }
        });
        IncomingCalls on = new IncomingCalls(new Settings.Call(true, Duration.ofMinutes(1), Duration.ZERO), answered::add, timer);
        assertTrue(on.onIncoming("c1"));
        on.onConnected("c1");
        assertFalse(on.onIncoming("c2"), "a second call while one is active is not auto-answered");
        timers.advanceSeconds(60);
        assertEquals(List.of("c1"), answered);
        assertEquals(List.of("cut"), callTimer, "no warning configured");
        IncomingCalls off = new IncomingCalls(limits, answered::add, timer);
        assertFalse(off.onIncoming("c3"));
    }
}
