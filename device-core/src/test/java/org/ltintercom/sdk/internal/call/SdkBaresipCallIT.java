package org.ltintercom.sdk.internal.call;

import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallNotificationListener;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.internal.media.ToneAudioBackend;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.RecordingCallListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK's public API making and taking real calls with a SIP phone (baresip, whose microphone is
 * a 440 Hz sine) through Kamailio, with the SIP account the real call-server's init hands out.
 */
class SdkBaresipCallIT {
    private static final double PHONE_TONE = 440;
    private static final double DOOR_TONE = 1000;

    @TempDir
    Path temp;
    VoipRig rig;
    final ToneAudioBackend door = new ToneAudioBackend(DOOR_TONE);

    @BeforeEach
    void start() throws Exception {
        rig = new VoipRig(temp, 3);
    }

    @AfterEach
    void stop() {
        LTSDK.getCallCenterManager().setCallNotificationListener(null);
        LTSDK.setRegistrationListener(null);
        rig.close();
    }

    /** True once the phone's 440 Hz sine is clearly what the last 0.5 s of our speaker played. */
    static boolean hears(ToneAudioBackend audio, double hz, double otherHz) {
        double tone = audio.recentAmplitudeAt(hz, 25);
        return tone > 300 && tone > 5 * audio.recentAmplitudeAt(otherHz, 25);
    }

    @Test
    void doorCallsAPhoneHearsItsToneAndHangsUpOnce() throws Exception {
        try (Baresip phone = Baresip.start(rig.users.get(1).userID(), rig.users.get(1).sipPassword(),
                rig.kamailio.port(), true)) {
            phone.awaitRegistered(VoipRig.WAIT);
            rig.signIn(0, door);
            assertTrue(LTSDK.isRegistered());
            RecordingCallListener listener = new RecordingCallListener();
            LTCall call = LTSDK.getCallCenterManager().startCall(rig.users.get(0).userID(),
                    LTCallOptions.userIDBuilder().userID(rig.users.get(1).userID()).build(), listener);
            Await.until("connected", VoipRig.WAIT, () -> listener.count("connected") == 1);
            assertEquals(List.of("registered", "connected"), listener.events().subList(0, 2));
            Await.until("the phone's 440 Hz tone in our speaker", VoipRig.WAIT, () -> hears(door, PHONE_TONE, DOOR_TONE));
            call.hangupCall();
            Await.until("terminated", VoipRig.WAIT, () -> listener.count("terminated 1") == 1);
            phone.awaitEvent("CALL_CLOSED", VoipRig.WAIT);
            Await.until("speaker and microphone closed", VoipRig.WAIT, door::allStreamsClosed);
            assertEquals(1, listener.countStartingWith("terminated"), listener.events().toString());
            assertEquals(0, LTSDK.getCallCenterManager().getActiveCallCount());
        }
    }

    @Test
    void aPhoneCallingWithoutWakeupRingsThroughTheNotificationListener() throws Exception {
        try (Baresip phone = Baresip.start(rig.users.get(2).userID(), rig.users.get(2).sipPassword(),
                rig.kamailio.port(), false)) {
            phone.awaitRegistered(VoipRig.WAIT);
            rig.signIn(0, door);
            RecordingCallListener listener = new RecordingCallListener();
            List<LTCall> rung = new CopyOnWriteArrayList<>();
            List<LTCallNotificationMessage> messages = new CopyOnWriteArrayList<>();
            LTSDK.getCallCenterManager().setCallNotificationListener(new LTCallNotificationListener() {
                @Override
                public void onCallNotification(LTCallNotificationMessage m) {
                    messages.add(m);
                    rung.add(LTSDK.getCallCenterManager().startCall(m, listener));
                }
            });
            phone.command("dial", "sip:" + rig.users.get(0).userID() + "@127.0.0.1");
            Await.until("the INVITE rings", VoipRig.WAIT, () -> listener.count("registered") == 1);
            assertEquals(rig.users.get(2).userID(), messages.get(0).callerInfo().userID());
            assertEquals(rig.users.get(0).userID(), messages.get(0).receiver());
            rung.get(0).acceptCall();
            Await.until("connected", VoipRig.WAIT, () -> listener.count("connected") == 1);
            phone.awaitEvent("CALL_ESTABLISHED", VoipRig.WAIT);
            Await.until("the phone's 440 Hz tone in our speaker", VoipRig.WAIT, () -> hears(door, PHONE_TONE, DOOR_TONE));
            phone.command("hangup", null);
            Await.until("terminated by the phone", VoipRig.WAIT, () -> listener.count("terminated 1") == 1);
            Await.until("speaker and microphone closed", VoipRig.WAIT, door::allStreamsClosed);
        }
    }

    @Test
    void aPhoneThatDiesMidCallIsHungUpWith204WhenItsVoiceStaysAway() throws Exception {
        try (Baresip phone = Baresip.start(rig.users.get(1).userID(), rig.users.get(1).sipPassword(),
                rig.kamailio.port(), true);
             VoipRig.Peer door2 = rig.peer(2, door, m -> m.withNoRtp(Duration.ofSeconds(1), Duration.ofSeconds(3)))) {
            phone.awaitRegistered(VoipRig.WAIT);
            RecordingCallEvents events = new RecordingCallEvents();
            String callID = "c-" + java.util.UUID.randomUUID();
            door2.signalling.placeCall(new CallSetup(callID, org.ltintercom.sdk.call.LTCallType.OUTGOING, door2.userID,
                    LTCallOptions.userIDBuilder().userID(rig.users.get(1).userID()).build().withCallID(callID), null, null),
                    events);
            events.await("answered", VoipRig.WAIT);
            Await.until("the phone's tone", VoipRig.WAIT, () -> hears(door, PHONE_TONE, DOOR_TONE));
            phone.kill(); // no BYE: only the missing voice tells
            events.await("warning 204", VoipRig.WAIT);
            events.await("ended 204", VoipRig.WAIT);
            assertEquals(1, events.events().stream().filter(e -> e.startsWith("ended")).count(), events.events().toString());
            Await.until("speaker and microphone closed", VoipRig.WAIT, door::allStreamsClosed);
            Await.until("the call is forgotten", VoipRig.WAIT, () -> door2.signalling.openCalls() == 0);
        }
    }

    @Test
    void signInAndShutdownTwiceLeavesNoSipOrMediaThreadBehind() throws Exception {
        Set<String> before = callThreads();
        for (int cycle = 0; cycle < 2; cycle++) {
            rig.signIn(0, door);
            assertTrue(callThreads().stream().anyMatch(n -> n.startsWith("lt-sip-")), callThreads().toString());
            LTSDK.shutdown();
            assertTrue(!LTSDK.isRegistered());
            Await.until("SIP threads gone, left: " + callThreads() + " before: " + before, VoipRig.WAIT,
                    () -> callThreads().equals(before));
        }
    }

    /**
     * Live threads a signed-in SDK may own: everything but the JVM's, the test runner's, the
     * call-server's (its SIP stack grows its UDP thread pool on demand), the JDK HTTP client's (which ends only when garbage collected) and JNA's one
     * cleaner (started once per JVM when the process-wide libopus is loaded).
     */
    private static Set<String> callThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> !(n.startsWith("surefire") || n.startsWith("failsafe") || n.startsWith("process reaper")
                        || n.startsWith("Common-Cleaner") || n.startsWith("ForkJoinPool") || n.startsWith("HttpClient-")
                        || n.startsWith("lt-callserver") || n.startsWith("lt-cs-") || n.startsWith("sqlite") || n.equals("main")
                        || n.equals("Reference Handler") || n.equals("Finalizer") || n.equals("Signal Dispatcher")
                        || n.equals("Attach Listener") || n.equals("JNA Cleaner") || n.equals("Notification Thread")))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
