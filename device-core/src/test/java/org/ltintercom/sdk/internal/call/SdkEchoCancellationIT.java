package org.ltintercom.sdk.internal.call;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.sdk.LTAcousticCalibration;
import org.ltintercom.sdk.LTAudioProcessing;
import org.ltintercom.sdk.LTAudioProcessingStatus;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.internal.media.RoomAudioBackend;
import org.ltintercom.sdk.internal.media.SpeakingAudioBackend;
import org.ltintercom.sdk.internal.media.SpeexDsp;
import org.ltintercom.sdk.internal.media.ToneAudioBackend;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.LogCapture;
import org.ltintercom.sdk.test.RecordingCallListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Echo cancellation as an SDK user gets it: {@code LTSDKOptions.audioProcessing} through init, the SIP
 * signalling and the call's media pipeline, with the door station (u-1) in a synthetic room calling
 * the resident's indoor unit (u-2) through Kamailio.
 */
class SdkEchoCancellationIT {
    private static final Logger log = LoggerFactory.getLogger(SdkEchoCancellationIT.class);
    private static final Duration CALL_AUDIO = Duration.ofSeconds(60);

    @TempDir
    Path temp;
    VoipRig rig;
    VoipRig.Peer indoor;
    final RecordingCallListener doorCall = new RecordingCallListener();
    final RecordingCallEvents indoorCall = new RecordingCallEvents();

    @BeforeEach
    void start() throws Exception {
        rig = new VoipRig(temp, 2);
    }

    @AfterEach
    void stop() {
        System.clearProperty(SpeexDsp.LIBRARY_PROPERTY);
        LTSDK.setRegistrationListener(null);
        if (indoor != null) {
            indoor.close();
        }
        rig.close();
    }

    /** The door calls the indoor unit, which answers. */
    private CallLeg doorCallsIndoorAndIsAnswered() {
        LTCall call = LTSDK.getCallCenterManager().startCall(rig.users.get(0).userID(),
                LTCallOptions.userIDBuilder().userID(indoor.userID).build(), doorCall);
        CallSetup announced = new CallSetup(call.getCallID(), LTCallType.INCOMING, indoor.userID,
                call.getCallOptions().withCallType(LTCallType.INCOMING), null, null);
        CallLeg leg = indoor.signalling.awaitIncomingCall(announced, indoorCall);
        indoorCall.await("ringing", VoipRig.WAIT);
        leg.answer();
        Await.until("door connected", VoipRig.WAIT, () -> doorCall.count("connected") == 1);
        return leg;
    }

    @Test
    void calibratedDoorStationWithDefaultProcessingSendsTheResidentNoEchoOfTheirVoice() throws Exception {
        RoomAudioBackend door = new RoomAudioBackend(50);
        LTAcousticCalibration calibration = LTAudioProcessing.calibrate(door, LTAudioRoute.BUILTIN);
        assertTrue(calibration.echoDetected(), calibration.toString());
        assertTrue(Math.abs(calibration.delayMillis() - door.echoDelayMillis()) <= 2, calibration.toString());
        assertTrue(door.allStreamsClosed(), "the calibration closed its streams");

        SpeakingAudioBackend resident = SpeakingAudioBackend.resident();
        indoor = rig.peer(1, resident);
        rig.signIn(rig.optionsFor(0, door).audioProcessing(LTAudioProcessing.doorStation().withCalibration(calibration)).build());
        LTAudioProcessingStatus status = LTSDK.getAudioProcessingStatus();
        assertEquals(new LTAudioProcessingStatus(LTAudioProcessingStatus.State.ACTIVE, true, true, ""), status);

        doorCallsIndoorAndIsAnswered();
        Await.until("10 s of the door's audio at the resident", CALL_AUDIO, () -> resident.heardFrames() >= 500);
        double returned = resident.heardRelativeDb(300, 500);
        double roomEcho = door.echoLevelDb(Arrays.copyOf(resident.speech(), 10 * 48_000));
        log.info("resident hears their own voice back at {} dB through the SDK's call; the room couples at {} dB",
                String.format("%.1f", returned), String.format("%.1f", roomEcho));
        assertTrue(roomEcho > -15, "the room must really couple: " + roomEcho + " dB");
        assertTrue(returned <= roomEcho - 25, "the SDK's call removed only " + (roomEcho - returned) + " dB of echo");
    }

    @Test
    void withoutLibspeexdspTheDoorsCallCarriesAudioAndTheDeviceIsWarnedOnce() {
        Path missing = temp.resolve("nowhere").resolve("libspeexdsp.so.1");
        System.setProperty(SpeexDsp.LIBRARY_PROPERTY, missing.toString());
        ToneAudioBackend door = new ToneAudioBackend(1000);
        ToneAudioBackend indoorAudio = new ToneAudioBackend(880);
        indoor = rig.peer(1, indoorAudio);
        try (LogCapture speexLog = new LogCapture(SpeexDsp.class)) {
            rig.signIn(rig.optionsFor(0, door).audioProcessing(LTAudioProcessing.doorStation()).build());
            LTAudioProcessingStatus status = LTSDK.getAudioProcessingStatus();
            assertEquals(LTAudioProcessingStatus.State.UNAVAILABLE, status.state());
            assertTrue(!status.echoCancellation() && !status.preprocessing());
            assertTrue(status.detail().contains(missing.toString()), status.detail());

            CallLeg leg = doorCallsIndoorAndIsAnswered();
            Await.until("indoor hears the door's 1000 Hz", VoipRig.WAIT,
                    () -> indoorAudio.recentAmplitudeAt(1000, 25) > 300);
            Await.until("door hears the indoor 880 Hz", VoipRig.WAIT, () -> door.recentAmplitudeAt(880, 25) > 300);
            leg.hangup();
            Await.until("terminated 1", VoipRig.WAIT, () -> doorCall.count("terminated 1") == 1);

            List<String> warnings = speexLog.messages().stream().filter(m -> m.startsWith("WARN")).toList();
            assertEquals(1, warnings.size(), "one warning for init and the call: " + warnings);
            assertTrue(warnings.get(0).contains("libspeexdsp1") && warnings.get(0).contains("OFF"), warnings.get(0));
        }
    }
}
