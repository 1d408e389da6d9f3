package org.ltintercom.sdk.internal.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTCallAccountType;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.sdp.Direction;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.callserver.testing.peers.FreePorts;
import org.ltintercom.callserver.testing.peers.Kamailio;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two of our user agents (a door station "alice" and an indoor unit "bob") calling through Kamailio. */
class KamailioCallIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private Kamailio kamailio;
    private SipUserAgent alice;
    private SipUserAgent bob;
    private final Recorder aliceEvents = new Recorder();
    private final Recorder bobEvents = new Recorder();

    @BeforeEach
    void start() throws Exception {
        kamailio = Kamailio.start(Map.of("alice", "alice-secret", "bob", "bob-secret", "carol", "carol-secret"), 60, true);
        alice = new SipUserAgent(TestAgents.config("alice", "alice-secret", kamailio.port(), "udp"), aliceEvents);
        bob = new SipUserAgent(TestAgents.config("bob", "bob-secret", kamailio.port(), "tcp"), bobEvents);
        alice.start();
        bob.start();
        aliceEvents.awaitRegistration(WAIT, RegistrationState::isRegistered);
        bobEvents.awaitRegistration(WAIT, RegistrationState::isRegistered);
    }

    @AfterEach
    void stop() {
        alice.stop();
        bob.stop();
        kamailio.close();
    }

    private SipCallLeg[] connectedCall() throws Exception {
        SipCallLeg out = alice.placeCall(TestAgents.callTo("bob", FreePorts.one()), aliceEvents.calls());
        SipCallLeg in = bobEvents.awaitIncoming(WAIT);
        aliceEvents.await("ringing", WAIT);
        in.answer(new LocalMedia("127.0.0.1", FreePorts.one()));
        aliceEvents.await("answered", WAIT);
        bobEvents.await("answered", WAIT);
        return new SipCallLeg[]{out, in};
    }

    @Test
    void ltHeadersReachTheCalleeSoItCanMatchTheWakeup() throws Exception {
        OutgoingCall call = new OutgoingCall("bob", LTCallAccountType.SEMI_UID, "lt-7f3a",
                "{\"door\":\"front\",\"name\":\"Café 3\"}", new LocalMedia("127.0.0.1", FreePorts.one()));
        alice.placeCall(call, aliceEvents.calls());
        SipCallLeg in = bobEvents.awaitIncoming(WAIT);
        assertEquals("lt-7f3a", in.ltCallId());
        assertEquals("{\"door\":\"front\",\"name\":\"Café 3\"}", in.extInfoJson());
        assertEquals(LTCallAccountType.SEMI_UID, in.accountType());
        assertTrue(in.remoteUser().startsWith("sip:alice@"), in.remoteUser());
        in.reject(LTCallStatusCode.BUSY);
        assertEquals(LTCallStatusCode.BUSY, aliceEvents.awaitEnded(WAIT));
        assertEquals(LTCallStatusCode.BUSY, bobEvents.awaitEnded(WAIT));
    }

    @Test
    void hangingUpARingingIncomingCallDeclinesIt() throws Exception {
        alice.placeCall(TestAgents.callTo("bob", FreePorts.one()), aliceEvents.calls());
        bobEvents.awaitIncoming(WAIT).hangup();
        assertEquals(LTCallStatusCode.DECLINE, aliceEvents.awaitEnded(WAIT));
    }

    @Test
    void callerHangingUpWhileRingingIsHangupForCallerAndMissForCallee() throws Exception {
        SipCallLeg out = alice.placeCall(TestAgents.callTo("bob", FreePorts.one()), aliceEvents.calls());
        bobEvents.awaitIncoming(WAIT);
        aliceEvents.await("ringing", WAIT);
        out.hangup();
        assertEquals(LTCallStatusCode.HANGUP, aliceEvents.awaitEnded(WAIT));
        assertEquals(LTCallStatusCode.MISS, bobEvents.awaitEnded(WAIT));
    }

    @Test
    void callingAnUnregisteredUserEndsWithCalleeNotFound() throws Exception {
        alice.placeCall(TestAgents.callTo("carol", FreePorts.one()), aliceEvents.calls());
        assertEquals(LTCallStatusCode.CALLEE_NOT_FOUND, aliceEvents.awaitEnded(WAIT));
    }

    @Test
    void laterCallsAnswerTheProxysChallengeAheadAndARestartedProxysNewOneIsAnswered() throws Exception {
        // carol is not registered: Kamailio answers 404 only to an INVITE whose credentials it accepted
        assertEquals(2, invitesOfACallToCarol(), "the first call is challenged: INVITE, 407, INVITE with credentials");
        assertEquals(1, invitesOfACallToCarol(), "the second call's one INVITE carries credentials");
        assertEquals(1, invitesOfACallToCarol(), "and the third's, with the nonce count going on");

        kamailio.restart(); // a new nonce secret: the remembered nonce means nothing to the new process
        assertEquals(2, invitesOfACallToCarol(), "the 407 for an unknown nonce is answered, not taken as a refusal");
        assertEquals(1, invitesOfACallToCarol(), "the new challenge is the one remembered");
    }

    /** Calls carol, waits for the 404 and returns how many INVITEs the call sent (its last CSeq). */
    private long invitesOfACallToCarol() throws Exception {
        SipCallLeg call = alice.placeCall(TestAgents.callTo("carol", FreePorts.one()), aliceEvents.calls());
        Recorder.Event ended = aliceEvents.await(e -> e.what().equals("ended") && e.leg() == call, WAIT, "ended");
        assertEquals(LTCallStatusCode.CALLEE_NOT_FOUND, ended.detail());
        return call.messages().inviteCseq();
    }

    @Test
    void holdIsSeenByThePeerAndBothHoldingAtOnceResolvesTheGlare() throws Exception {
        SipCallLeg[] legs = connectedCall();
        legs[0].hold(true);
        bobEvents.await(e -> e.what().equals("heldByPeer") && Boolean.TRUE.equals(e.detail()), WAIT, "bob held");
        legs[0].hold(false);
        bobEvents.await(e -> e.what().equals("heldByPeer") && Boolean.FALSE.equals(e.detail()), WAIT, "bob resumed");

        aliceEvents.events.clear();
        bobEvents.events.clear();
        legs[0].hold(true);
        legs[1].hold(true); // both re-INVITE at once: 491 on both sides, retried after the random delay
        aliceEvents.await(e -> e.what().equals("heldByPeer") && Boolean.TRUE.equals(e.detail()), Duration.ofSeconds(30),
                "alice held");
        bobEvents.await(e -> e.what().equals("heldByPeer") && Boolean.TRUE.equals(e.detail()), Duration.ofSeconds(30),
                "bob held");
        assertTrue(aliceEvents.events.stream().noneMatch(e -> e.what().equals("warning")), aliceEvents.events.toString());
        assertTrue(bobEvents.events.stream().noneMatch(e -> e.what().equals("warning")), bobEvents.events.toString());
        legs[1].hangup();
        assertEquals(LTCallStatusCode.HANGUP, aliceEvents.awaitEnded(WAIT));
    }

    @Test
    void dtmfByInfoReachesThePeer() throws Exception {
        SipCallLeg[] legs = connectedCall();
        legs[0].sendDtmfInfo('#');
        legs[0].sendDtmfInfo('7');
        // two INFOs may overtake each other through a multi-process proxy: wait for each
        bobEvents.await(e -> e.what().equals("dtmf") && Character.valueOf('#').equals(e.detail()), WAIT, "dtmf #");
        bobEvents.await(e -> e.what().equals("dtmf") && Character.valueOf('7').equals(e.detail()), WAIT, "dtmf 7");
        legs[0].hangup();
        assertEquals(LTCallStatusCode.HANGUP, bobEvents.awaitEnded(WAIT));
    }

    @Test
    void holdBeforeTheCallIsAnsweredIsReportedAsOperationNotAvailable() throws Exception {
        SipCallLeg out = alice.placeCall(TestAgents.callTo("bob", FreePorts.one()), aliceEvents.calls());
        bobEvents.awaitIncoming(WAIT);
        aliceEvents.await("ringing", WAIT);
        out.hold(true);
        assertEquals(LTCallStatusCode.OPERATION_NOT_AVAILABLE, aliceEvents.await("warning", WAIT).detail());
        out.hangup();
        aliceEvents.awaitEnded(WAIT);
    }

    @Test
    void crashedPeerIsDetectedByKeepAliveAndEndsWithNetworkDisconnect() throws Exception {
        try (Baresip dave = Baresip.start("carol", "carol-secret", kamailio.port(), true)) {
            dave.awaitRegistered(WAIT);
            alice.placeCall(TestAgents.callTo("carol", FreePorts.one()), aliceEvents.calls());
            NegotiatedMedia m = (NegotiatedMedia) aliceEvents.await("answered", WAIT).detail();
            assertEquals(Direction.SENDRECV, m.direction());
            dave.kill();
            assertEquals(LTCallStatusCode.NETWORK_DISCONNECT, aliceEvents.awaitEnded(Duration.ofSeconds(40)));
        }
    }
}
