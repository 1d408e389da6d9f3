package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallNotificationListener;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.internal.media.AudioCodec;
import org.ltintercom.sdk.internal.media.ToneAudioBackend;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.RecordingCallListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK (door station u-1, its microphone a 1000 Hz sine) calling and being called by a second
 * LT endpoint (indoor unit u-2, 880 Hz) through Kamailio. Only one {@link LTSDK} fits in a JVM, so
 * the indoor unit is the same {@link SipCallSignalling} the SDK runs on, driven through the seam
 * ({@link CallSignalling}, {@link CallLeg}, {@link CallEvents}) as {@code Call} drives it.
 */
class SdkToSdkCallIT {
    private static final double DOOR_TONE = 1000;
    private static final double INDOOR_TONE = 880;

    @TempDir
    Path temp;
    VoipRig rig;
    VoipRig.Peer indoor;
    final ToneAudioBackend door = new ToneAudioBackend(DOOR_TONE);
    final ToneAudioBackend indoorAudio = new ToneAudioBackend(INDOOR_TONE);
    final RecordingCallListener doorCall = new RecordingCallListener();
    final RecordingCallEvents indoorCall = new RecordingCallEvents();

    @BeforeEach
    void start() throws Exception {
        rig = new VoipRig(temp, 2);
        indoor = rig.peer(1, indoorAudio);
        rig.signIn(0, door);
    }

    @AfterEach
    void stop() {
        LTSDK.getCallCenterManager().setCallNotificationListener(null);
        LTSDK.setRegistrationListener(null);
        if (indoor != null) {
            indoor.close();
        }
        rig.close();
    }

    private static boolean hears(ToneAudioBackend audio, double hz, double otherHz) {
        double tone = audio.recentAmplitudeAt(hz, 25);
        return tone > 300 && tone > 5 * audio.recentAmplitudeAt(otherHz, 25);
    }

    private static boolean silent(ToneAudioBackend audio, double hz) {
        return audio.playedFrames() >= 25 && audio.recentAmplitudeAt(hz, 25) < 50;
    }

    /** The door calls the indoor unit, which is told of the call as by a wakeup and waits for its INVITE. */
    private CallLeg doorCallsIndoor() {
        LTCall call = LTSDK.getCallCenterManager().startCall(rig.users.get(0).userID(),
                LTCallOptions.userIDBuilder().userID(indoor.userID).build(), doorCall);
        CallSetup announced = new CallSetup(call.getCallID(), LTCallType.INCOMING, indoor.userID,
                call.getCallOptions().withCallType(LTCallType.INCOMING), null, null);
        CallLeg leg = indoor.signalling.awaitIncomingCall(announced, indoorCall);
        indoorCall.await("ringing", VoipRig.WAIT);
        Await.until("door hears ringing", VoipRig.WAIT, () -> doorCall.count("registered") == 1);
        return leg;
    }

    private LTCall activeDoorCall() {
        assertEquals(1, LTSDK.getCallCenterManager().getActiveCallCount());
        return LTSDK.getCallCenterManager().getCall(LTSDK.getCallCenterManager().getActiveCallCount() == 1
                ? onlyCallID() : null);
    }

    private String onlyCallID() {
        return ((CallCenter) LTSDK.getCallCenterManager()).activeCallIDs().get(0);
    }

    @Test
    void aBusyIndoorUnitEndsTheDoorsCallWithBusy() {
        doorCallsIndoor().reject(LTCallStatusCode.BUSY);
        Await.until("terminated 5", VoipRig.WAIT, () -> doorCall.count("terminated 5") == 1);
        Await.until("indoor side forgot the call", VoipRig.WAIT, () -> indoor.signalling.openCalls() == 0);
        // the call was awaited (announced before its INVITE): its 30 s give-up is gone with it, not
        // left queued holding the ended call and its media
        assertEquals(0, indoor.signalling.queuedTimers());
    }

    @Test
    void aDecliningIndoorUnitEndsTheDoorsCallWithDecline() {
        doorCallsIndoor().reject(LTCallStatusCode.DECLINE);
        Await.until("terminated 4", VoipRig.WAIT, () -> doorCall.count("terminated 4") == 1);
    }

    @Test
    void tonesFlowBothWaysWithOpusMuteSilencesOnlyUsAndHoldPausesWhatWeHear() {
        CallLeg leg = doorCallsIndoor();
        leg.answer();
        indoorCall.await("answered", VoipRig.WAIT);
        Await.until("door connected", VoipRig.WAIT, () -> doorCall.count("connected") == 1);
        assertEquals(AudioCodec.OPUS, ((SipCall) leg).media().session().quality().codec());
        Await.until("door hears 880 Hz", VoipRig.WAIT, () -> hears(door, INDOOR_TONE, DOOR_TONE));
        Await.until("indoor hears 1000 Hz", VoipRig.WAIT, () -> hears(indoorAudio, DOOR_TONE, INDOOR_TONE));

        LTCall call = activeDoorCall();
        call.setCallMuted(true);
        Await.until("indoor hears silence while the door is muted", VoipRig.WAIT, () -> silent(indoorAudio, DOOR_TONE));
        assertTrue(hears(door, INDOOR_TONE, DOOR_TONE), "muting the door must not silence what the door hears");
        call.setCallMuted(false);
        Await.until("indoor hears the door again", VoipRig.WAIT, () -> hears(indoorAudio, DOOR_TONE, INDOOR_TONE));

        call.setCallHeld(true);
        indoorCall.await("heldByPeer true", VoipRig.WAIT);
        Await.until("the door on hold no longer plays the indoor unit", VoipRig.WAIT, () -> silent(door, INDOOR_TONE));
        call.setCallHeld(false);
        indoorCall.await("heldByPeer false", VoipRig.WAIT);
        Await.until("door hears 880 Hz after resuming", VoipRig.WAIT, () -> hears(door, INDOOR_TONE, DOOR_TONE));

        call.sendDTMF("5#", false); // RFC 4733: an indoor unit's door-open digit
        indoorCall.await("dtmf 5", VoipRig.WAIT);
        indoorCall.await("dtmf #", VoipRig.WAIT);
        leg.sendDtmf('9', false);
        Await.until("door hears the indoor unit's digit", VoipRig.WAIT, () -> doorCall.count("dtmf 9") == 1);

        call.hangupCall();
        indoorCall.await("ended 1", VoipRig.WAIT);
        Await.until("terminated 1", VoipRig.WAIT, () -> doorCall.count("terminated 1") == 1);
        Await.until("all audio streams closed", VoipRig.WAIT, () -> door.allStreamsClosed() && indoorAudio.allStreamsClosed());
        assertEquals(1, doorCall.countStartingWith("terminated"), doorCall.events().toString());
    }

    @Test
    void aBusyMicrophoneWarnsWith101AndTheCallStillConnectsAndPlays() {
        door.makeMicrophoneBusy();
        CallLeg leg = doorCallsIndoor();
        leg.answer();
        Await.until("door connected", VoipRig.WAIT, () -> doorCall.count("connected") == 1);
        Await.until("warning 101", VoipRig.WAIT, () -> doorCall.count("warning 101") == 1);
        Await.until("door still hears 880 Hz", VoipRig.WAIT, () -> hears(door, INDOOR_TONE, DOOR_TONE));
        assertEquals(0, door.openedCaptures());
        leg.hangup();
        Await.until("terminated 1 by the indoor unit", VoipRig.WAIT, () -> doorCall.count("terminated 1") == 1);
    }

    @Test
    void aWakeupThenItsInviteRingsTheCallWhichConnectsWithAudio() {
        String callID = "c-" + UUID.randomUUID();
        List<LTCall> rung = ringOnWakeup();
        assertTrue(LTSDK.parseIncomingPush(wakeup(callID)));
        Await.until("the wakeup started the call", VoipRig.WAIT, () -> rung.size() == 1);
        indoor.signalling.placeCall(outgoingFromIndoor(callID), indoorCall);
        acceptAndHearTheIndoorUnit(rung.get(0), callID);
    }

    @Test
    void anInviteBeforeItsWakeupWaitsForItAndThenRings() {
        String callID = "c-" + UUID.randomUUID();
        List<LTCall> rung = ringOnWakeup();
        indoor.signalling.placeCall(outgoingFromIndoor(callID), indoorCall);
        indoorCall.await("ringing", VoipRig.WAIT); // our 180: the INVITE is here, the wakeup is not
        assertTrue(LTSDK.parseIncomingPush(wakeup(callID)));
        Await.until("the call rings", VoipRig.WAIT, () -> !rung.isEmpty());
        acceptAndHearTheIndoorUnit(rung.get(0), callID);
    }

    @Test
    void anLtInviteWhoseWakeupIsLostStillRingsUnderItsOwnCallID() {
        String callID = "c-" + UUID.randomUUID();
        List<LTCall> rung = ringOnWakeup();
        indoor.signalling.placeCall(outgoingFromIndoor(callID), indoorCall);
        Await.until("the INVITE rings without a wakeup", VoipRig.WAIT, () -> !rung.isEmpty());
        assertEquals("12A", rung.get(0).getCallOptions().extInfo().get("room"));
        acceptAndHearTheIndoorUnit(rung.get(0), callID);
    }

    private void acceptAndHearTheIndoorUnit(LTCall call, String callID) {
        assertEquals(callID, call.getCallID());
        Await.until("registered (ringing)", VoipRig.WAIT, () -> doorCall.count("registered") == 1);
        call.acceptCall();
        Await.until("connected", VoipRig.WAIT, () -> doorCall.count("connected") == 1);
        indoorCall.await("answered", VoipRig.WAIT);
        Await.until("door hears 880 Hz", VoipRig.WAIT, () -> hears(door, INDOOR_TONE, DOOR_TONE));
        call.hangupCall();
        indoorCall.await("ended 1", VoipRig.WAIT);
        Await.until("terminated 1", VoipRig.WAIT, () -> doorCall.count("terminated 1") == 1);
    }

    private List<LTCall> ringOnWakeup() {
        List<LTCall> rung = new CopyOnWriteArrayList<>();
        LTSDK.getCallCenterManager().setCallNotificationListener(new LTCallNotificationListener() {
            @Override
            public void onCallNotification(LTCallNotificationMessage m) {
                LTCall call = LTSDK.getCallCenterManager().startCall(m, doorCall);
                if (!rung.contains(call)) {
                    rung.add(call);
                }
            }
        });
        return rung;
    }

    private CallSetup outgoingFromIndoor(String callID) {
        LTCallOptions options = LTCallOptions.userIDBuilder().userID(rig.users.get(0).userID()).build().withCallID(callID);
        return new CallSetup(callID, LTCallType.OUTGOING, indoor.userID, options, "{\"room\":\"12A\"}", null);
    }

    private String wakeup(String callID) {
        long now = System.currentTimeMillis();
        String me = rig.users.get(0).userID();
        return """
                {"type": "incoming_call", "transID": "w-%s", "receiver": "%s", "sendTime": %d, "expiresAt": %d,
                 "callOptions": {"callID": "%s", "callType": 1, "accountType": 2, "userID": "%s"},
                 "callerInfo": {"userID": "%s", "nickName": "Indoor unit"}}"""
                .formatted(callID, me, now, now + 30_000, callID, indoor.userID, indoor.userID);
    }
}
