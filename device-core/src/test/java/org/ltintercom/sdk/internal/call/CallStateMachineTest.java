package org.ltintercom.sdk.internal.call;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallQualityStats;
import org.ltintercom.sdk.call.LTCallState;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.call.LTCallUserInfo;
import org.ltintercom.sdk.internal.event.EventThread;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.FixedAudioBackend;
import org.ltintercom.sdk.test.RecordingCallListener;
import org.ltintercom.sdk.test.ScriptedSignalling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call state machine driven through the SDK's signalling seam (a scripted implementation of it). */
class CallStateMachineTest {
    private final EventThread events = new EventThread();
    private final ScriptedSignalling signalling = new ScriptedSignalling();
    private final RecordingCallListener listener = new RecordingCallListener();
    private final FixedAudioBackend audio = new FixedAudioBackend(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER);
    private final List<Call> removed = new ArrayList<>();
    private int calls;

    @AfterEach
    void stopEvents() {
        events.close(Duration.ofSeconds(5));
    }

    private Call newCall(LTCallType type, AudioBackend backend, RecordingCallListener l) {
        String callID = type.name().toLowerCase() + "-" + (++calls);
        LTCallOptions options = LTCallOptions.userIDBuilder().userID("indoor-1").extInfo(Map.of("door", "front")).build()
                .withCallID(callID).withCallType(type);
        return new Call(callID, type, "door-1", options, l, events, backend, removed::add);
    }

    private Call call(LTCallType type, LTCallState target) {
        Call c = newCall(type, audio, listener);
        driveTo(c, target);
        return c;
    }

    private void driveTo(Call c, LTCallState target) {
        if (target == LTCallState.IDLE) {
            return;
        }
        c.start(signalling, new CallSetup(c.getCallID(), c.getCallType(), "door-1", c.getCallOptions(), "{\"door\":\"front\"}",
                c.getCallType() == LTCallType.INCOMING ? new LTCallUserInfo("door-1", null, null, null, "Front door", null) : null));
        Await.drained(events);
        if (target == LTCallState.INIT) {
            return;
        }
        signalling.events(c.getCallID()).ringing();
        if (target == LTCallState.REGISTERED) {
            return;
        }
        if (c.getCallType() == LTCallType.INCOMING) {
            c.acceptCall();
            Await.drained(events);
        }
        signalling.events(c.getCallID()).answered();
        if (target == LTCallState.CONNECTED) {
            return;
        }
        signalling.events(c.getCallID()).ended(LTCallStatusCode.HANGUP);
    }

    private List<String> heard() {
        Await.drained(events);
        return listener.events();
    }

    // ---- scenarios ----

    @Test
    void outgoingCallRegistersConnectsAndHangsUpOnTheEventThread() {
        Call c = call(LTCallType.OUTGOING, LTCallState.INIT);
        assertEquals(LTCallState.INIT, c.getCallState());
        CallSetup setup = signalling.setup(c.getCallID());
        assertEquals("door-1", setup.accountUserID());
        assertEquals("{\"door\":\"front\"}", setup.extInfoJson());
        signalling.events(c.getCallID()).ringing();
        assertEquals(LTCallState.REGISTERED, c.getCallState());
        signalling.events(c.getCallID()).answered();
        assertEquals(LTCallState.CONNECTED, c.getCallState());
        c.hangupCall();
        assertEquals(LTCallState.TERMINATED, c.getCallState());
        assertEquals(List.of("registered", "connected", "terminated 1"), heard());
        assertEquals(List.of("hangup"), signalling.commands(c.getCallID()));
        assertTrue(listener.threads().stream().allMatch("lt-sdk-events"::equals), listener.threads().toString());
        assertEquals(List.of(c), removed);
        assertEquals(LTCallStatusCode.HANGUP, c.getEndStatus());
    }

    @Test
    void incomingCallRingsWhenItsInviteArrivesAndConnectsWhenAccepted() {
        Call c = call(LTCallType.INCOMING, LTCallState.INIT);
        assertTrue(signalling.commands().contains("await " + c.getCallID()));
        signalling.events(c.getCallID()).ringing();
        c.acceptCall();
        Await.drained(events);
        assertEquals(List.of("answer"), signalling.commands(c.getCallID()));
        assertEquals(LTCallState.REGISTERED, c.getCallState(), "connected only once the signalling says media flows");
        signalling.events(c.getCallID()).answered();
        assertEquals(List.of("registered", "connected"), heard());
    }

    @Test
    void answeringBeforeTheInviteArrivesAnswersItWhenItRings() {
        Call c = call(LTCallType.INCOMING, LTCallState.INIT);
        c.acceptCall();
        Await.drained(events);
        assertEquals(List.of(), signalling.commands(c.getCallID()));
        signalling.events(c.getCallID()).ringing();
        Await.drained(events);
        assertEquals(List.of("answer"), signalling.commands(c.getCallID()));
        c.acceptCall();
        assertEquals(List.of("registered", "warning 105"), heard(), "a second accept makes no sense");
    }

    @Test
    void hangingUpAnUnansweredIncomingCallDeclinesIt() {
        Call c = call(LTCallType.INCOMING, LTCallState.REGISTERED);
        c.hangupCall();
        assertEquals(List.of("registered", "terminated 4"), heard());
        assertEquals(List.of("reject 4"), signalling.commands(c.getCallID()));
    }

    @Test
    void busyCallRefusesAnIncomingCallAsBusy() {
        Call c = call(LTCallType.INCOMING, LTCallState.REGISTERED);
        c.busyCall();
        assertEquals(List.of("registered", "terminated 5"), heard());
        assertEquals(List.of("reject 5"), signalling.commands(c.getCallID()));
    }

    @Test
    void thePeerEndingTheCallTerminatesItWithItsStatusExactlyOnce() {
        Call c = call(LTCallType.OUTGOING, LTCallState.REGISTERED);
        signalling.events(c.getCallID()).ended(LTCallStatusCode.BUSY);
        signalling.events(c.getCallID()).ended(LTCallStatusCode.HANGUP);
        signalling.events(c.getCallID()).answered();
        c.hangupCall();
        assertEquals(List.of("registered", "terminated 5", "warning 105"), heard());
        assertEquals(List.of(), signalling.commands(c.getCallID()), "nothing is sent for a call that has ended");
    }

    @Test
    void qualityIsEmptyBeforeTheAudioFollowsTheMediaDuringTheCallAndFreezesAtItsEnd() {
        Call c = newCall(LTCallType.OUTGOING, audio, listener);
        assertEquals(LTCallQualityStats.EMPTY, c.getQualityStats(), "before the call started");
        driveTo(c, LTCallState.CONNECTED);
        assertEquals(LTCallQualityStats.EMPTY, c.getQualityStats(), "connected, no audio published yet");
        LTCallQualityStats early = quality(50, 4.3);
        signalling.quality(c.getCallID(), early);
        assertEquals(early, c.getQualityStats());
        LTCallQualityStats last = quality(400, 4.1);
        signalling.quality(c.getCallID(), last);
        assertEquals(last, c.getQualityStats(), "a live call shows the latest snapshot");

        signalling.events(c.getCallID()).ended(LTCallStatusCode.HANGUP);
        assertEquals(LTCallState.TERMINATED, c.getCallState());
        signalling.quality(c.getCallID(), quality(450, 4.0)); // the media thread counting on after the end
        assertEquals(last, c.getQualityStats(), "a terminated call keeps its figures at the end");
    }

    @Test
    void aCallEndedBeforeAnyAudioKeepsTheEmptyQuality() {
        Call c = newCall(LTCallType.OUTGOING, audio, listener);
        c.refuse(LTCallStatusCode.ERROR_CONNECTION);
        assertEquals(LTCallQualityStats.EMPTY, c.getQualityStats());
        assertFalse(c.getQualityStats().hasAudio());
    }

    private static LTCallQualityStats quality(long packets, double mos) {
        return new LTCallQualityStats("opus", packets, packets - 1, 1, 1.0 / packets, 0, 2.5, 12, 1, 0, 60, mos);
    }

    @Test
    void terminatedIsReportedExactlyOnceWhenTheAppAndThePeerEndTheCallTogether() throws Exception {
        List<Call> raced = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            raced.add(call(LTCallType.OUTGOING, LTCallState.CONNECTED));
        }
        CountDownLatch go = new CountDownLatch(1);
        Thread app = new Thread(() -> {
            awaitQuietly(go);
            raced.forEach(Call::hangupCall);
        }, "lt-test-app");
        Thread peer = new Thread(() -> {
            awaitQuietly(go);
            raced.forEach(c -> signalling.events(c.getCallID()).ended(LTCallStatusCode.HANGUP));
        }, "lt-test-peer");
        app.start();
        peer.start();
        go.countDown();
        app.join();
        peer.join();
        Await.drained(events);
        assertEquals(100, listener.countStartingWith("terminated"));
        assertEquals(100, removed.size());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void muteHoldAndRouteTakeEffectAtOnceAndAreReported() {
        Call c = call(LTCallType.OUTGOING, LTCallState.CONNECTED);
        c.setCallMuted(true);
        assertTrue(c.isCallMuted());
        c.setCallMuted(true);
        c.setCallHeld(true);
        assertTrue(c.isCallHeld());
        c.setAudioRoute(LTAudioRoute.SPEAKER);
        assertEquals(LTAudioRoute.SPEAKER, c.getCurrentAudioRoute());
        c.setAudioRoute(LTAudioRoute.BLUETOOTH);
        assertEquals(LTAudioRoute.SPEAKER, c.getCurrentAudioRoute());
        assertEquals(List.of("registered", "connected", "media CALL_MUTED", "media CALL_HELD", "media AUDIO_ROUTE", "warning 105"),
                heard().stream().filter(e -> !e.startsWith("duration")).toList());
        assertEquals(List.of("mute true", "hold true", "route SPEAKER"), signalling.commands(c.getCallID()));
        c.setCallHeld(false);
        assertFalse(c.isCallHeld());
    }

    @Test
    void availableRoutesComeFromTheAudioBackend() {
        Call c = call(LTCallType.OUTGOING, LTCallState.CONNECTED);
        assertEquals(List.of(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER), c.getAvailableAudioRoutes());
        audio.setRoutes(EnumSet.of(LTAudioRoute.BLUETOOTH, LTAudioRoute.BUILTIN));
        assertEquals(List.of(LTAudioRoute.BUILTIN, LTAudioRoute.BLUETOOTH), c.getAvailableAudioRoutes());
        c.setAudioRoute(LTAudioRoute.BLUETOOTH);
        assertEquals(LTAudioRoute.BLUETOOTH, c.getCurrentAudioRoute());
        assertThrows(IllegalArgumentException.class, () -> c.setAudioRoute(null));
    }

    @Test
    void whenBluetoothDropsTheCallGoesBackToThePreviousRoute() {
        FixedAudioBackend usbAndBluetooth = new FixedAudioBackend(LTAudioRoute.HEADPHONES, LTAudioRoute.BLUETOOTH);
        Call c = newCall(LTCallType.OUTGOING, usbAndBluetooth, listener);
        driveTo(c, LTCallState.CONNECTED);
        assertEquals(LTAudioRoute.HEADPHONES, c.getCurrentAudioRoute());
        c.setAudioRoute(LTAudioRoute.BLUETOOTH);
        c.onAvailableRoutesChanged(EnumSet.of(LTAudioRoute.SPEAKER, LTAudioRoute.HEADPHONES));
        assertEquals(LTAudioRoute.HEADPHONES, c.getCurrentAudioRoute(), "back to the headset it had before Bluetooth");
        c.onAvailableRoutesChanged(EnumSet.of(LTAudioRoute.SPEAKER));
        assertEquals(LTAudioRoute.SPEAKER, c.getCurrentAudioRoute(), "no previous route left and no BUILTIN: first left");
        c.hangupCall();
        c.onAvailableRoutesChanged(EnumSet.of(LTAudioRoute.HEADPHONES));
        assertEquals(LTAudioRoute.SPEAKER, c.getCurrentAudioRoute(), "an ended call stays as it was");
        assertEquals(List.of("route BLUETOOTH", "route HEADPHONES", "route SPEAKER", "hangup"), commandsAfterDrain(c));
    }

    private List<String> commandsAfterDrain(Call c) {
        Await.drained(events);
        return signalling.commands(c.getCallID());
    }

    @Test
    void withoutAnAudioBackendNoRouteIsAvailable() {
        RecordingCallListener silent = new RecordingCallListener();
        Call c = newCall(LTCallType.OUTGOING, null, silent);
        driveTo(c, LTCallState.CONNECTED);
        assertEquals(List.of(), c.getAvailableAudioRoutes());
        assertEquals(LTAudioRoute.BUILTIN, c.getCurrentAudioRoute());
        c.setAudioRoute(LTAudioRoute.SPEAKER);
        Await.drained(events);
        assertEquals(1, silent.count("warning 105"));
    }

    @Test
    void aBackendWithoutBuiltinStartsOnItsFirstRoute() {
        Call c = newCall(LTCallType.OUTGOING, new FixedAudioBackend(LTAudioRoute.HEADPHONES, LTAudioRoute.BLUETOOTH), listener);
        assertEquals(LTAudioRoute.HEADPHONES, c.getCurrentAudioRoute());
    }

    @Test
    void dtmfDigitsAreCheckedAndSentOneByOne() {
        Call c = call(LTCallType.OUTGOING, LTCallState.CONNECTED);
        c.sendDTMF("19*#abCD", true);
        Await.drained(events);
        assertEquals(List.of("dtmf 1 tone", "dtmf 9 tone", "dtmf * tone", "dtmf # tone", "dtmf A tone", "dtmf B tone",
                "dtmf C tone", "dtmf D tone"), signalling.commands(c.getCallID()));
        assertEquals("digits[1]: 'x' is not a DTMF digit (0-9 * # A-D)",
                assertThrows(IllegalArgumentException.class, () -> c.sendDTMF("1x", false)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.sendDTMF("", false));
        assertThrows(IllegalArgumentException.class, () -> c.sendDTMF(null, false));
        assertThrows(IllegalArgumentException.class, () -> c.sendDTMF("E", false));
        assertEquals(8, signalling.commands(c.getCallID()).size(), "nothing of a bad string is sent");
    }

    @Test
    void thePeersHoldAndDigitsAndWarningsReachTheListener() {
        Call c = call(LTCallType.INCOMING, LTCallState.CONNECTED);
        CallEvents peer = signalling.events(c.getCallID());
        peer.heldByPeer(true);
        assertTrue(c.isShownHeld());
        assertFalse(c.isCallHeld(), "isCallHeld is this side's hold");
        peer.heldByPeer(false);
        peer.dtmfReceived('#');
        peer.warning(LTCallStatusCode.ERROR_NO_VOICE_PACKET);
        assertEquals(List.of("registered", "connected", "media CALL_HELD", "media CALL_HELD", "dtmf #", "warning 204"),
                heard().stream().filter(e -> !e.startsWith("duration")).toList());
    }

    @Test
    void aConnectedCallReportsItsDurationOnceASecond() {
        Call c = call(LTCallType.OUTGOING, LTCallState.CONNECTED);
        Await.until("first duration tick", () -> heard().contains("duration 1"));
        c.hangupCall();
        List<String> all = heard();
        assertEquals("terminated 1", all.get(all.size() - 1));
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheCall() {
        RecordingCallListener throwing = new RecordingCallListener() {
            @Override
            protected synchronized void record(String event) {
                super.record(event);
                throw new IllegalStateException("application bug on " + event);
            }
        };
        Call c = newCall(LTCallType.OUTGOING, audio, throwing);
        driveTo(c, LTCallState.CONNECTED);
        c.setCallMuted(true);
        c.hangupCall();
        Await.drained(events);
        assertEquals(List.of("registered", "connected", "media CALL_MUTED", "terminated 1"),
                throwing.events().stream().filter(e -> !e.startsWith("duration")).toList());
        assertEquals(LTCallState.TERMINATED, c.getCallState());
    }

    @Test
    void signallingThatFailsToStartTheCallEndsItWith203() {
        Call c = newCall(LTCallType.OUTGOING, audio, listener);
        c.start(new FailingSignalling(), new CallSetup(c.getCallID(), LTCallType.OUTGOING, "door-1", c.getCallOptions(), "{}", null));
        Await.until("call ended", () -> c.getCallState() == LTCallState.TERMINATED);
        assertEquals(List.of("terminated 203"), heard());
    }

    @Test
    void refusingACallEndsItBeforeAnySignalling() {
        Call c = newCall(LTCallType.OUTGOING, audio, listener);
        c.refuse(LTCallStatusCode.ERROR_OPTIONS);
        assertEquals(LTCallState.TERMINATED, c.getCallState());
        assertEquals(List.of("terminated 201"), heard());
        assertEquals(List.of(), signalling.commands());
    }

    @Test
    void endingBySdkHangsUpLiveCallsAndLeavesEndedOnesAlone() {
        Call live = call(LTCallType.OUTGOING, LTCallState.CONNECTED);
        Call ended = call(LTCallType.OUTGOING, LTCallState.TERMINATED);
        live.endBySdk();
        ended.endBySdk();
        Await.drained(events);
        assertEquals(2, listener.countStartingWith("terminated"));
        assertEquals(0, listener.count("warning 105"));
    }

    /** Signalling whose user agent is broken: it throws instead of placing calls. */
    private static final class FailingSignalling implements CallSignalling {
        @Override
        public CallLeg placeCall(CallSetup setup, CallEvents events) {
            throw new IllegalStateException("SIP stack not started");
        }

        @Override
        public CallLeg awaitIncomingCall(CallSetup setup, CallEvents events) {
            throw new IllegalStateException("SIP stack not started");
        }

        @Override
        public void close() {
        }
    }

    // ---- every operation in every state: an effect, or ignored with warning 105 ----

    private enum Op {
        ACCEPT(LTCall::acceptCall), HANGUP(LTCall::hangupCall), BUSY(LTCall::busyCall),
        MUTE(c -> c.setCallMuted(true)), HOLD(c -> c.setCallHeld(true)),
        ROUTE(c -> c.setAudioRoute(LTAudioRoute.SPEAKER)), DTMF(c -> c.sendDTMF("5", false));

        final Consumer<LTCall> apply;

        Op(Consumer<LTCall> apply) {
            this.apply = apply;
        }
    }

    /** W = ignored with warning 105; E = an observable effect; P = accepted now, answered when the INVITE arrives. */
    private static final Map<String, String> EXPECTED = Map.of(
            //                 ACCEPT HANGUP BUSY MUTE HOLD ROUTE DTMF
            "OUTGOING IDLE",       "W W W W W W W",
            "OUTGOING INIT",       "W E W E W E W",
            "OUTGOING REGISTERED", "W E W E W E W",
            "OUTGOING CONNECTED",  "W E W E E E E",
            "INCOMING IDLE",       "W W W W W W W",
            "INCOMING INIT",       "P E E E W E W",
            "INCOMING REGISTERED", "E E E E W E W",
            "INCOMING CONNECTED",  "W E W E E E E");

    @Test
    void everyOperationInEveryStateHasAnEffectOrWarns105() {
        for (LTCallType type : List.of(LTCallType.OUTGOING, LTCallType.INCOMING)) {
            for (LTCallState state : LTCallState.values()) {
                for (Op op : Op.values()) {
                    String expected = state == LTCallState.TERMINATED ? "W"
                            : EXPECTED.get(type + " " + state).split(" ")[op.ordinal()];
                    Call c = call(type, state);
                    Await.drained(events);
                    int eventsBefore = listener.events().size();
                    int commandsBefore = signalling.commands(c.getCallID()).size();
                    long warningsBefore = listener.count("warning 105");
                    LTCallState stateBefore = c.getCallState();
                    op.apply.accept(c);
                    Await.drained(events);
                    String cell = type + " " + state + " " + op;
                    boolean warned = listener.count("warning 105") > warningsBefore;
                    boolean observable = listener.events().size() > eventsBefore
                            || signalling.commands(c.getCallID()).size() > commandsBefore || c.getCallState() != stateBefore;
                    switch (expected) {
                        case "W" -> {
                            assertTrue(warned, cell + " should warn 105");
                            assertEquals(commandsBefore, signalling.commands(c.getCallID()).size(), cell + " sends nothing");
                            assertEquals(stateBefore, c.getCallState(), cell + " keeps the state");
                        }
                        case "E" -> {
                            assertFalse(warned, cell + " should not warn");
                            assertTrue(observable, cell + " should have an effect");
                        }
                        case "P" -> {
                            assertFalse(warned, cell + " should not warn");
                            signalling.events(c.getCallID()).ringing();
                            Await.drained(events);
                            assertTrue(signalling.commands(c.getCallID()).contains("answer"), cell + " answers on ringing");
                        }
                        default -> throw new AssertionError(expected);
                    }
                    c.endBySdk();
                }
            }
        }
        Await.drained(events);
        assertNotEquals(0, listener.events().size());
    }
}
