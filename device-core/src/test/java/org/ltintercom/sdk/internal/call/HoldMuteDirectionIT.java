package org.ltintercom.sdk.internal.call;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.internal.media.CallQuality;
import org.ltintercom.sdk.internal.media.ToneAudioBackend;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.RecordingCallListener;

import java.nio.file.Path;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mute and hold through call-server, judged by what each side's speaker plays and by the RTP the
 * indoor unit counts: the door station is the {@link LTSDK} (its microphone a 1000 Hz sine), the indoor
 * unit the SDK's user agent driven through the seam (880 Hz). Mute silences only the muted microphone
 * while RTP goes on; hold silences both directions (the held side stops sending as SDP says, the
 * holding side's microphone stays private) and resuming brings both back.
 */
class HoldMuteDirectionIT {
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
    LTCall call;
    CallLeg indoorLeg;

    @BeforeEach
    void start() throws Exception {
        rig = VoipRig.throughCallServer(temp, 2);
        indoor = rig.peer(1, indoorAudio);
        rig.signIn(0, door);
        call = LTSDK.getCallCenterManager().startCall(rig.users.get(0).userID(),
                LTCallOptions.userIDBuilder().userID(indoor.userID).build(), doorCall);
        indoorLeg = indoor.signalling.awaitIncomingCall(new CallSetup(call.getCallID(), LTCallType.INCOMING,
                indoor.userID, call.getCallOptions().withCallType(LTCallType.INCOMING), null, null), indoorCall);
        indoorCall.await("ringing", VoipRig.WAIT);
        indoorLeg.answer();
        Await.until("door connected", VoipRig.WAIT, () -> doorCall.count("connected") == 1);
        bothHearEachOther("at the start");
    }

    @AfterEach
    void stop() {
        try {
            if (call != null) {
                call.hangupCall();
                Await.until("audio streams closed", VoipRig.WAIT, () -> door.allStreamsClosed()
                        && indoorAudio.allStreamsClosed());
            }
        } finally {
            if (indoor != null) {
                indoor.close();
            }
            rig.close();
        }
    }

    private CallQuality indoorQuality() {
        return ((SipCall) indoorLeg).media().session().quality();
    }

    private void bothHearEachOther(String when) {
        Await.until("door hears the indoor unit " + when, VoipRig.WAIT, () -> door.hears(INDOOR_TONE, DOOR_TONE));
        Await.until("indoor unit hears the door " + when, VoipRig.WAIT, () -> indoorAudio.hears(DOOR_TONE, INDOOR_TONE));
    }

    /** Waits until {@code counter} of the indoor unit's RTP has moved on by {@code packets} from now. */
    private void indoorRtpMovesOn(String what, ToLongFunction<CallQuality> counter, long packets) {
        long from = counter.applyAsLong(indoorQuality());
        Await.until(what, VoipRig.WAIT, () -> counter.applyAsLong(indoorQuality()) >= from + packets);
    }

    /** Asserts that {@code counter} stays (almost) still while the indoor unit plays {@code frames} more frames. */
    private void indoorRtpStandsStill(String what, ToLongFunction<CallQuality> counter, int frames) {
        long from = counter.applyAsLong(indoorQuality());
        int played = indoorAudio.playedFrames();
        Await.until(frames + " frames played", VoipRig.WAIT, () -> indoorAudio.playedFrames() >= played + frames);
        long moved = counter.applyAsLong(indoorQuality()) - from;
        assertTrue(moved <= 2, what + ": " + moved + " packets over " + frames + " frames");
    }

    @Test
    void aMutedDoorIsSilentAtTheIndoorUnitWhileItStillHearsTheIndoorUnitAndRtpFlows() {
        call.setCallMuted(true);
        Await.until("indoor unit hears silence from the muted door", VoipRig.WAIT, () -> indoorAudio.silentAt(DOOR_TONE));
        indoorRtpMovesOn("the muted door still sends RTP", CallQuality::packetsReceived, 10);
        assertTrue(indoorAudio.silentAt(DOOR_TONE), "the muted door stays silent");
        assertTrue(door.hears(INDOOR_TONE, DOOR_TONE), "muting the door must not silence what the door hears");

        call.setCallMuted(false);
        bothHearEachOther("after unmuting");
    }

    @Test
    void aMutedIndoorUnitIsSilentAtTheDoorOnly() {
        indoorLeg.setMuted(true);
        Await.until("door hears silence from the muted indoor unit", VoipRig.WAIT, () -> door.silentAt(INDOOR_TONE));
        indoorRtpMovesOn("the muted indoor unit still sends RTP", CallQuality::packetsSent, 10);
        assertTrue(indoorAudio.hears(DOOR_TONE, INDOOR_TONE), "the muted indoor unit still hears the door");

        indoorLeg.setMuted(false);
        bothHearEachOther("after unmuting");
    }

    @Test
    void whileTheDoorHoldsNeitherSideHearsTheOtherAndTheHeldSideStopsSending() {
        call.setCallHeld(true);
        indoorCall.await("heldByPeer true", VoipRig.WAIT);
        Await.until("the holding door plays nothing", VoipRig.WAIT, () -> door.silentAt(INDOOR_TONE));
        Await.until("the held indoor unit hears no door microphone", VoipRig.WAIT, () -> indoorAudio.silentAt(DOOR_TONE));
        indoorRtpStandsStill("the held indoor unit (recvonly) sends nothing", CallQuality::packetsSent, 50);
        indoorRtpMovesOn("the holding door (sendonly) keeps its stream alive", CallQuality::packetsReceived, 3);
        assertTrue(door.silentAt(INDOOR_TONE) && indoorAudio.silentAt(DOOR_TONE), "both stay silent on hold");

        call.setCallHeld(false);
        indoorCall.await("heldByPeer false", VoipRig.WAIT);
        bothHearEachOther("after resuming");
        indoorRtpMovesOn("the resumed indoor unit sends again", CallQuality::packetsSent, 10);
    }

    @Test
    void whileTheIndoorUnitHoldsAndThenBothHoldNoAudioFlowsAndResumingRestoresBothWays() {
        indoorLeg.hold(true);
        Await.until("the door learns it is held", VoipRig.WAIT, () -> doorCall.count("media CALL_HELD") == 1);
        Await.until("the holding indoor unit plays nothing", VoipRig.WAIT, () -> indoorAudio.silentAt(DOOR_TONE));
        Await.until("the held door hears no indoor microphone", VoipRig.WAIT, () -> door.silentAt(INDOOR_TONE));
        indoorRtpStandsStill("the held door (recvonly) sends nothing", CallQuality::packetsReceived, 50);

        call.setCallHeld(true); // both hold: a=inactive both ways
        indoorCall.await("heldByPeer true", VoipRig.WAIT);
        indoorRtpStandsStill("nothing reaches the indoor unit while both hold", CallQuality::packetsReceived, 50);
        indoorRtpStandsStill("the indoor unit sends nothing while both hold", CallQuality::packetsSent, 50);
        assertTrue(door.silentAt(INDOOR_TONE) && indoorAudio.silentAt(DOOR_TONE), "both silent while both hold");

        indoorLeg.hold(false);
        call.setCallHeld(false);
        indoorCall.await("heldByPeer false", VoipRig.WAIT);
        bothHearEachOther("after both resumed");
    }
}
