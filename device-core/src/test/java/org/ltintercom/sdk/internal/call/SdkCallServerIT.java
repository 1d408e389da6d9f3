package org.ltintercom.sdk.internal.call;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.callserver.mqtt.InMemoryWakeupPublisher;
import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallCDRNotificationMessage;
import org.ltintercom.sdk.call.LTCallNotificationListener;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.call.LTUserCDRResponse;
import org.ltintercom.sdk.internal.media.ToneAudioBackend;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.RecordingCallListener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.sdk.call.LTCallStatusCode.ANSWERED_ELSEWHERE;
import static org.ltintercom.sdk.call.LTCallStatusCode.BLOCK_CALL;
import static org.ltintercom.sdk.call.LTCallStatusCode.BUSY;
import static org.ltintercom.sdk.call.LTCallStatusCode.CALLEE_NOT_FOUND;
import static org.ltintercom.sdk.call.LTCallStatusCode.DECLINE;
import static org.ltintercom.sdk.call.LTCallStatusCode.DECLINED_ELSEWHERE;
import static org.ltintercom.sdk.call.LTCallStatusCode.HANGUP;
import static org.ltintercom.sdk.call.LTCallStatusCode.MISS;

/**
 * The SDK's public API against the project's call-server as registrar and forking proxy, with no
 * Kamailio: flat u-1 has two indoor units (the {@link LTSDK} and a second endpoint, "kitchen"),
 * door station u-2 calls it, and the other way round. Every call's outcome is checked where the
 * application sees it (the {@link LTCallStatusCode} of {@code onCallStateTerminated}, exactly once)
 * and in the call record {@code queryCDR} returns.
 */
class SdkCallServerIT {
    private static final int FLAT = 0;
    private static final int DOOR = 1;

    @TempDir
    Path temp;
    VoipRig rig;
    final List<VoipRig.Peer> peers = new ArrayList<>();
    final ToneAudioBackend indoorAudio = new ToneAudioBackend(1000);
    final OutcomeListener indoor = new OutcomeListener();
    final List<LTCallNotificationMessage> notified = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        LTSDK.getCallCenterManager().setCallNotificationListener(null);
        LTSDK.setRegistrationListener(null);
        peers.forEach(VoipRig.Peer::close);
        if (rig != null) {
            rig.close();
        }
    }

    private void start(UnaryOperator<CallServerConfig.Builder> tune) throws Exception {
        rig = VoipRig.throughCallServer(temp, 2, tune);
    }

    private VoipRig.Peer peer(int userIndex) {
        VoipRig.Peer p = rig.peer(userIndex, new ToneAudioBackend(userIndex == DOOR ? 440 : 880));
        peers.add(p);
        return p;
    }

    private String user(int index) {
        return rig.users.get(index).userID();
    }

    /** Records the application's view of its calls and keeps the terminating status codes in order. */
    static final class OutcomeListener extends RecordingCallListener {
        final List<LTCallStatusCode> terminations = new CopyOnWriteArrayList<>();

        @Override
        public void onCallStateTerminated(LTCall call, LTCallStatusCode statusCode) {
            terminations.add(statusCode);
            super.onCallStateTerminated(call, statusCode);
        }

        /** Waits for the call to end and checks it ended once, with {@code expected}. */
        void awaitTerminated(LTCallStatusCode expected) {
            Await.until("onCallStateTerminated, seen " + events(), VoipRig.WAIT, () -> !terminations.isEmpty());
            assertEquals(List.of(expected), terminations, "terminated exactly once, with " + expected + ": " + events());
        }
    }

    /** Rings every INVITE the SDK announces (no wakeup came for it) with {@link #indoor} as its listener. */
    private List<LTCall> ringIncomingCalls() {
        List<LTCall> rung = new CopyOnWriteArrayList<>();
        LTSDK.getCallCenterManager().setCallNotificationListener(new LTCallNotificationListener() {
            @Override
            public void onCallNotification(LTCallNotificationMessage m) {
                notified.add(m);
                LTCall call = LTSDK.getCallCenterManager().startCall(m, indoor);
                if (call != null && !rung.contains(call)) {
                    rung.add(call);
                }
            }
        });
        return rung;
    }

    private static CallSetup outgoing(VoipRig.Peer from, LTCallOptions options, String callID) {
        return new CallSetup(callID, LTCallType.OUTGOING, from.userID, options.withCallID(callID), null, null);
    }

    /** What a peer expects for a call it is told of (as by a wakeup) before the INVITE comes. */
    private static CallSetup announced(VoipRig.Peer to, String callerUserID, String callID) {
        LTCallOptions options = LTCallOptions.userIDBuilder().userID(callerUserID).build().withCallID(callID)
                .withCallType(LTCallType.INCOMING);
        return new CallSetup(callID, LTCallType.INCOMING, to.userID, options, null, null);
    }

    /** The door (a peer) calls the flat; returns its leg once the SDK's indoor unit rings. */
    private CallLeg doorCallsFlat(VoipRig.Peer door, String callID, RecordingCallEvents doorEvents, List<LTCall> rung) {
        CallLeg leg = door.signalling.placeCall(outgoing(door, LTCallOptions.userIDBuilder().userID(user(FLAT)).build(),
                callID), doorEvents);
        Await.until("our indoor unit rings", VoipRig.WAIT, () -> indoor.count("registered") == 1);
        assertEquals(callID, rung.get(0).getCallID(), "the call keeps the door's X-LT-Call-ID");
        return leg;
    }

    /** Waits until both of the flat's units are registered with call-server. */
    private void awaitFlatHasTwoDevices() {
        Await.until("two bindings for the flat", VoipRig.WAIT,
                () -> rig.server.sip().locations().bindingsOf(user(FLAT)).size() == 2);
    }

    /** The record of call {@code callID} as the SDK's {@code queryCDR} returns it for the signed-in user. */
    private LTCallCDRNotificationMessage awaitCdr(String callID) {
        LTCallCDRNotificationMessage[] found = new LTCallCDRNotificationMessage[1];
        Await.until("the CDR of call " + callID + " in queryCDR", VoipRig.WAIT, () -> {
            LTUserCDRResponse r = Await.result(LTSDK.getCallCenterManager().queryCDR(user(FLAT), Long.MAX_VALUE, -100));
            assertEquals(0, r.returnCode(), r.returnMessage());
            Optional<LTCallCDRNotificationMessage> cdr = r.cdrMessages().stream()
                    .filter(m -> callID.equals(m.callID())).findFirst();
            cdr.ifPresent(c -> found[0] = c);
            return cdr.isPresent();
        });
        LTCallCDRNotificationMessage cdr = found[0];
        assertTrue(cdr.callEndTime() >= cdr.callStartTime(), cdr.toString());
        assertTrue(cdr.billingSecond() >= 0 && cdr.billingSecond() <= (cdr.callEndTime() - cdr.callStartTime()) / 1000,
                cdr.toString());
        return cdr;
    }

    private static void assertCdr(LTCallCDRNotificationMessage cdr, String caller, String callee, LTCallStatusCode end) {
        assertEquals(caller, cdr.caller(), cdr.toString());
        assertEquals(callee, cdr.callee(), cdr.toString());
        assertEquals(end, LTCallStatusCode.fromCode(cdr.endReason()), cdr.toString());
    }

    // ------------------------------------------------------------------ two units of one flat

    @Test
    void whenTheOtherIndoorUnitAnswersOursStopsRingingWithAnsweredElsewhere() throws Exception {
        start(UnaryOperator.identity());
        VoipRig.Peer kitchen = peer(FLAT);
        VoipRig.Peer door = peer(DOOR);
        rig.signIn(FLAT, indoorAudio);
        awaitFlatHasTwoDevices();
        List<LTCall> rung = ringIncomingCalls();
        String callID = "c-" + UUID.randomUUID();
        RecordingCallEvents kitchenEvents = new RecordingCallEvents();
        RecordingCallEvents doorEvents = new RecordingCallEvents();
        CallLeg kitchenLeg = kitchen.signalling.awaitIncomingCall(announced(kitchen, door.userID, callID), kitchenEvents);

        CallLeg doorLeg = doorCallsFlat(door, callID, doorEvents, rung);
        kitchenEvents.await("ringing", VoipRig.WAIT);
        kitchenLeg.answer();
        doorEvents.await("answered", VoipRig.WAIT);
        indoor.awaitTerminated(ANSWERED_ELSEWHERE);
        assertEquals(0, indoor.count("connected"), indoor.events().toString());

        doorLeg.hangup();
        kitchenEvents.await("ended " + HANGUP.code(), VoipRig.WAIT);
        assertCdr(awaitCdr(callID), door.userID, user(FLAT), HANGUP);
        assertEquals(List.of(ANSWERED_ELSEWHERE), indoor.terminations, "still terminated once: " + indoor.events());
        assertEquals(0, LTSDK.getCallCenterManager().getActiveCallCount());
    }

    @Test
    void whenOurIndoorUnitAnswersTheOtherStopsRingingWithAnsweredElsewhere() throws Exception {
        start(UnaryOperator.identity());
        VoipRig.Peer kitchen = peer(FLAT);
        VoipRig.Peer door = peer(DOOR);
        rig.signIn(FLAT, indoorAudio);
        awaitFlatHasTwoDevices();
        List<LTCall> rung = ringIncomingCalls();
        String callID = "c-" + UUID.randomUUID();
        RecordingCallEvents kitchenEvents = new RecordingCallEvents();
        RecordingCallEvents doorEvents = new RecordingCallEvents();
        kitchen.signalling.awaitIncomingCall(announced(kitchen, door.userID, callID), kitchenEvents);

        doorCallsFlat(door, callID, doorEvents, rung);
        kitchenEvents.await("ringing", VoipRig.WAIT);
        rung.get(0).acceptCall();
        Await.until("connected", VoipRig.WAIT, () -> indoor.count("connected") == 1);
        doorEvents.await("answered", VoipRig.WAIT);
        kitchenEvents.await("ended " + ANSWERED_ELSEWHERE.code(), VoipRig.WAIT);
        assertEquals(1, kitchenEvents.events().stream().filter(e -> e.startsWith("ended")).count(),
                kitchenEvents.events().toString());

        rung.get(0).hangupCall();
        doorEvents.await("ended " + HANGUP.code(), VoipRig.WAIT);
        indoor.awaitTerminated(HANGUP);
        assertCdr(awaitCdr(callID), door.userID, user(FLAT), HANGUP);
    }

    @Test
    void aDeclineOnTheOtherIndoorUnitEndsOursWithDeclinedElsewhere() throws Exception {
        start(UnaryOperator.identity());
        VoipRig.Peer kitchen = peer(FLAT);
        VoipRig.Peer door = peer(DOOR);
        rig.signIn(FLAT, indoorAudio);
        awaitFlatHasTwoDevices();
        List<LTCall> rung = ringIncomingCalls();
        String callID = "c-" + UUID.randomUUID();
        RecordingCallEvents kitchenEvents = new RecordingCallEvents();
        RecordingCallEvents doorEvents = new RecordingCallEvents();
        CallLeg kitchenLeg = kitchen.signalling.awaitIncomingCall(announced(kitchen, door.userID, callID), kitchenEvents);

        doorCallsFlat(door, callID, doorEvents, rung);
        kitchenEvents.await("ringing", VoipRig.WAIT);
        kitchenLeg.reject(DECLINE);
        doorEvents.await("ended " + DECLINE.code(), VoipRig.WAIT);
        indoor.awaitTerminated(DECLINED_ELSEWHERE);
        assertCdr(awaitCdr(callID), door.userID, user(FLAT), DECLINE);
    }

    @Test
    void decliningOnOurIndoorUnitEndsTheOtherWithDeclinedElsewhere() throws Exception {
        start(UnaryOperator.identity());
        VoipRig.Peer kitchen = peer(FLAT);
        VoipRig.Peer door = peer(DOOR);
        rig.signIn(FLAT, indoorAudio);
        awaitFlatHasTwoDevices();
        List<LTCall> rung = ringIncomingCalls();
        String callID = "c-" + UUID.randomUUID();
        RecordingCallEvents kitchenEvents = new RecordingCallEvents();
        RecordingCallEvents doorEvents = new RecordingCallEvents();
        kitchen.signalling.awaitIncomingCall(announced(kitchen, door.userID, callID), kitchenEvents);

        doorCallsFlat(door, callID, doorEvents, rung);
        kitchenEvents.await("ringing", VoipRig.WAIT);
        rung.get(0).hangupCall(); // hanging up a ringing call declines it
        indoor.awaitTerminated(DECLINE);
        kitchenEvents.await("ended " + DECLINED_ELSEWHERE.code(), VoipRig.WAIT);
        doorEvents.await("ended " + DECLINE.code(), VoipRig.WAIT);
        assertCdr(awaitCdr(callID), door.userID, user(FLAT), DECLINE);
    }

    // ------------------------------------------------------------------ refused calls

    @Test
    void aCalleeWhoBlockedUsRefusesOurCallWithBlockCallAndNeverRings() throws Exception {
        start(UnaryOperator.identity());
        rig.signIn(DOOR, indoorAudio); // the door's owner blocks the flat through the REST API
        LTResponse blocked = Await.result(LTSDK.getCallCenterManager().blockCall(user(DOOR), List.of(user(FLAT))));
        assertEquals(0, blocked.returnCode(), blocked.returnMessage());
        assertEquals(List.of(user(FLAT)), Await.result(LTSDK.getCallCenterManager().getBlockCallList(user(DOOR))).userIDs());
        LTSDK.shutdown();
        VoipRig.Peer door = peer(DOOR);
        rig.signIn(FLAT, indoorAudio);

        LTCall call = LTSDK.getCallCenterManager().startCall(user(FLAT),
                LTCallOptions.userIDBuilder().userID(door.userID).build(), indoor);
        indoor.awaitTerminated(BLOCK_CALL);
        assertEquals(0, indoor.count("connected"));
        assertCdr(awaitCdr(call.getCallID()), user(FLAT), door.userID, BLOCK_CALL);
        assertTrue(door.heard.unannounced.isEmpty(), "a blocked call never rings: " + door.heard.unannounced);
        assertEquals(0, door.signalling.openCalls());
    }

    @Test
    void callingAnUnknownUserEndsWithCalleeNotFound() throws Exception {
        start(UnaryOperator.identity());
        rig.signIn(FLAT, indoorAudio);
        LTCall call = LTSDK.getCallCenterManager().startCall(user(FLAT),
                LTCallOptions.userIDBuilder().userID("nobody-lives-here").build(), indoor);
        indoor.awaitTerminated(CALLEE_NOT_FOUND);
        assertCdr(awaitCdr(call.getCallID()), user(FLAT), "nobody-lives-here", CALLEE_NOT_FOUND);
    }

    @Test
    void aBusyCalleeEndsOurCallWithBusy() throws Exception {
        start(UnaryOperator.identity());
        VoipRig.Peer door = peer(DOOR);
        rig.signIn(FLAT, indoorAudio);
        LTCall call = LTSDK.getCallCenterManager().startCall(user(FLAT),
                LTCallOptions.userIDBuilder().userID(door.userID).build(), indoor);
        RecordingCallEvents doorEvents = new RecordingCallEvents();
        CallLeg doorLeg = door.signalling.awaitIncomingCall(announced(door, user(FLAT), call.getCallID()), doorEvents);
        doorEvents.await("ringing", VoipRig.WAIT);
        doorLeg.reject(BUSY);
        indoor.awaitTerminated(BUSY);
        assertCdr(awaitCdr(call.getCallID()), user(FLAT), door.userID, BUSY);
    }

    @Test
    void busyCallOnOurRingingUnitTellsTheCallerBusy() throws Exception {
        start(UnaryOperator.identity());
        VoipRig.Peer door = peer(DOOR);
        rig.signIn(FLAT, indoorAudio);
        List<LTCall> rung = ringIncomingCalls();
        String callID = "c-" + UUID.randomUUID();
        RecordingCallEvents doorEvents = new RecordingCallEvents();
        doorCallsFlat(door, callID, doorEvents, rung);
        rung.get(0).busyCall();
        doorEvents.await("ended " + BUSY.code(), VoipRig.WAIT);
        indoor.awaitTerminated(BUSY);
        assertCdr(awaitCdr(callID), door.userID, user(FLAT), BUSY);
    }

    // ------------------------------------------------------------------ callee registered nowhere

    @Test
    void aFlatRegisteredNowhereIsWokenAndTheCallConnectsOnceItSignsIn() throws Exception {
        start(UnaryOperator.identity());
        VoipRig.Peer door = peer(DOOR);
        String callID = "c-" + UUID.randomUUID();
        RecordingCallEvents doorEvents = new RecordingCallEvents();
        door.signalling.placeCall(outgoing(door, LTCallOptions.userIDBuilder().userID(user(FLAT)).build(), callID),
                doorEvents);
        Await.until("a wakeup for the flat", VoipRig.WAIT, () -> !rig.wakeups.published().isEmpty());
        InMemoryWakeupPublisher.Wakeup wakeup = rig.wakeups.published().get(0);
        assertEquals("lt/v1/" + user(FLAT) + "/wakeup", wakeup.topic());

        rig.signIn(FLAT, indoorAudio); // woken, the indoor unit comes online ...
        List<LTCall> rung = ringIncomingCalls();
        assertTrue(LTSDK.parseIncomingPush(wakeup.payloadJson()), wakeup.payloadJson()); // ... and hands over the wakeup
        Await.until("the woken unit rings", VoipRig.WAIT, () -> indoor.count("registered") == 1);
        LTCall call = rung.get(0);
        assertEquals(callID, call.getCallID());
        assertEquals(door.userID, notified.get(0).callerInfo().userID(), "the caller, as the wakeup names it");
        call.acceptCall();
        Await.until("connected", VoipRig.WAIT, () -> indoor.count("connected") == 1);
        doorEvents.await("answered", VoipRig.WAIT);
        call.hangupCall();
        doorEvents.await("ended " + HANGUP.code(), VoipRig.WAIT);
        indoor.awaitTerminated(HANGUP);
        assertCdr(awaitCdr(callID), door.userID, user(FLAT), HANGUP);
        assertEquals(1, rig.wakeups.published().size(), "one wakeup per call");
    }

    @Test
    void aCalleeThatNeverComesOnlineIsMissedAfterTheRingTimeout() throws Exception {
        start(config -> config.ringTimeout(Duration.ofSeconds(3)));
        rig.signIn(FLAT, indoorAudio);
        LTCall call = LTSDK.getCallCenterManager().startCall(user(FLAT),
                LTCallOptions.userIDBuilder().userID(user(DOOR)).build(), indoor);
        Await.until("a wakeup for the door", VoipRig.WAIT, () -> !rig.wakeups.published().isEmpty());
        assertEquals("lt/v1/" + user(DOOR) + "/wakeup", rig.wakeups.published().get(0).topic());
        assertTrue(rig.wakeups.published().get(0).payloadJson().contains(call.getCallID()),
                "the wakeup names our call: " + rig.wakeups.published().get(0).payloadJson());
        indoor.awaitTerminated(MISS);
        assertEquals(0, indoor.count("connected"));
        assertCdr(awaitCdr(call.getCallID()), user(FLAT), user(DOOR), MISS);
    }

    @Test
    void cleanUnregistersSoTheServerNoLongerRingsTheDevice() throws Exception {
        start(UnaryOperator.identity());
        rig.signIn(FLAT, indoorAudio);
        assertEquals(1, rig.server.sip().locations().bindingsOf(user(FLAT)).size());
        LTSDK.clean();
        assertFalse(LTSDK.isRegistered());
        Await.until("the server dropped the binding", VoipRig.WAIT,
                () -> rig.server.sip().locations().bindingsOf(user(FLAT)).isEmpty());
        rig.signIn(FLAT, indoorAudio);
        Await.until("registered again after a new init", VoipRig.WAIT,
                () -> rig.server.sip().locations().bindingsOf(user(FLAT)).size() == 1);
    }

    @Test
    void aDeviceSetToTcpRegistersAndTakesItsCallsOverTcpWhateverTheAccountSays() throws Exception {
        start(UnaryOperator.identity());
        VoipRig.Peer door = peer(DOOR); // the account's transport: udp
        rig.signIn(rig.optionsFor(FLAT, indoorAudio).sipTransport("tcp").build());
        List<org.ltintercom.callserver.sip.Binding> bindings = rig.server.sip().locations().bindingsOf(user(FLAT));
        assertEquals(1, bindings.size(), bindings.toString());
        assertTrue(bindings.get(0).contact().contains("transport=tcp"), bindings.get(0).contact());

        List<LTCall> rung = ringIncomingCalls();
        String callID = "c-" + UUID.randomUUID();
        RecordingCallEvents doorEvents = new RecordingCallEvents();
        CallLeg doorLeg = doorCallsFlat(door, callID, doorEvents, rung);
        rung.get(0).acceptCall();
        doorEvents.await("answered", VoipRig.WAIT);
        Await.until("connected", VoipRig.WAIT, () -> indoor.count("connected") == 1);
        doorLeg.hangup();
        indoor.awaitTerminated(HANGUP);
    }

    // ------------------------------------------------------------------ how the callee is named

    @Test
    void theCalleeIsFoundByPhoneNumberSemiUidOrDeviceIdAndTheIsrCodeReachesTheCdr() throws Exception {
        start(UnaryOperator.identity());
        VoipRig.Peer door = peer(DOOR);
        rig.signIn(FLAT, indoorAudio);
        var u = rig.users.get(DOOR);
        for (LTCallOptions options : List.of(LTCallOptions.phoneNumberBuilder().phoneNumber(u.phoneNumber())
                        .isrCode("isr-7").build(),
                LTCallOptions.semiUIDBuilder().semiUID(u.semiUID()).build(),
                LTCallOptions.deviceIDBuilder().deviceID(u.deviceID()).build())) {
            OutcomeListener outcome = new OutcomeListener();
            LTCall call = LTSDK.getCallCenterManager().startCall(user(FLAT), options, outcome);
            assertNotNull(call);
            RecordingCallEvents doorEvents = new RecordingCallEvents();
            CallLeg doorLeg = door.signalling.awaitIncomingCall(announced(door, user(FLAT), call.getCallID()), doorEvents);
            doorEvents.await("ringing", VoipRig.WAIT);
            doorLeg.reject(DECLINE);
            outcome.awaitTerminated(DECLINE);
            LTCallCDRNotificationMessage cdr = awaitCdr(call.getCallID());
            assertCdr(cdr, user(FLAT), door.userID, DECLINE);
            assertEquals(options.isrCode() == null ? "" : options.isrCode(), cdr.isrCode(), "the CDR keeps the isrCode");
        }
        assertFalse(door.heard.unannounced.stream().findAny().isPresent(), "every INVITE matched its call");
    }
}
