package org.ltintercom.sdk.internal.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.sdp.Direction;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;
import org.ltintercom.callserver.testing.peers.Sipp;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outgoing calls and registration corner cases against SIPp UAS scenarios (test resources /sipp). */
class SippCallIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private Sipp sipp;
    private SipUserAgent ua;

    @AfterEach
    void tearDown() {
        if (ua != null) {
            ua.stop();
        }
        if (sipp != null) {
            sipp.close();
        }
    }

    /** Starts SIPp with {@code scenario} and a UA (no registration) that uses it as its proxy. */
    private Recorder agentAgainst(String scenario, int registerExpires, Duration noAnswer) throws Exception {
        return agentAgainst(scenario, registerExpires, noAnswer, Duration.ofSeconds(2));
    }

    private Recorder agentAgainst(String scenario, int registerExpires, Duration noAnswer, Duration keepAlive)
            throws Exception {
        sipp = Sipp.uas(scenario, "door", "udp");
        Recorder r = new Recorder();
        SipConfig c = TestAgents.config("alice", "alice-secret", sipp.port(), "udp").withRegisterExpires(registerExpires)
                .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(2), noAnswer, keepAlive);
        ua = new SipUserAgent(c, r);
        ua.start();
        return r;
    }

    private LTCallStatusCode callEndsWith(String scenario) throws Exception {
        Recorder r = agentAgainst(scenario, 0, WAIT);
        ua.placeCall(TestAgents.callTo("door", 40000), r.calls());
        LTCallStatusCode status = r.awaitEnded(WAIT);
        sipp.awaitSuccess(WAIT);
        return status;
    }

    @Test
    void busyCalleeEndsCallWithStatusBusy() throws Exception {
        assertEquals(LTCallStatusCode.BUSY, callEndsWith("busy486"));
    }

    @Test
    void decliningCalleeEndsCallWithStatusDecline() throws Exception {
        assertEquals(LTCallStatusCode.DECLINE, callEndsWith("decline603"));
    }

    @Test
    void unknownCalleeEndsCallWithCalleeNotFound() throws Exception {
        assertEquals(LTCallStatusCode.CALLEE_NOT_FOUND, callEndsWith("notfound404"));
    }

    @Test
    void forbiddenWithLtReasonNineEndsCallWithBlockCall() throws Exception {
        assertEquals(LTCallStatusCode.BLOCK_CALL, callEndsWith("blocked403"));
    }

    @Test
    void challengedInviteIsRepeatedWithDigestAndAnswered() throws Exception {
        Recorder r = agentAgainst("auth401", 0, WAIT);
        SipCallLeg leg = ua.placeCall(TestAgents.callTo("door", 40000), r.calls());
        NegotiatedMedia media = (NegotiatedMedia) r.await("answered", WAIT).detail();
        assertEquals("opus", media.codec());
        assertEquals(sipp.mediaPort(), media.remotePort());
        leg.hangup();
        assertEquals(LTCallStatusCode.HANGUP, r.awaitEnded(WAIT));
        sipp.awaitSuccess(WAIT);
    }

    @Test
    void credentialsSentAheadAndRefusedWith403AreDroppedAndTheCallAsksAgain() throws Exception {
        Recorder r = agentAgainst("aheadRefused403", 0, WAIT);
        // a challenge from an earlier call, which this server has since forgotten
        var messages = new gov.nist.javax.sip.message.MessageFactoryImpl();
        var headers = new gov.nist.javax.sip.header.HeaderFactoryImpl();
        var addresses = new gov.nist.javax.sip.address.AddressFactoryImpl();
        var to = addresses.createAddress("sip:door@127.0.0.1");
        javax.sip.message.Request earlier = messages.createRequest(to.getURI(), "INVITE",
                headers.createCallIdHeader("earlier"), headers.createCSeqHeader(1L, "INVITE"),
                headers.createFromHeader(addresses.createAddress("sip:alice@127.0.0.1"), "e1"),
                headers.createToHeader(to, null), java.util.List.of(headers.createViaHeader("127.0.0.1", 9, "udp", "z9hG4bKe")),
                headers.createMaxForwardsHeader(70));
        javax.sip.message.Response challenge = messages.createResponse(401, earlier);
        var www = headers.createWWWAuthenticateHeader("Digest");
        www.setRealm("127.0.0.1");
        www.setNonce("forgotten-nonce");
        www.setQop("auth");
        challenge.addHeader(www);
        ua.callAuth().remember(challenge, System.nanoTime());

        SipCallLeg leg = ua.placeCall(TestAgents.callTo("door", 40000), r.calls());
        assertEquals(LTCallStatusCode.BUSY, r.awaitEnded(WAIT), "403 to the remembered credentials is not final");
        sipp.awaitSuccess(WAIT); // the first INVITE carried credentials, the second none, the third a good digest
        assertEquals(3, leg.messages().inviteCseq());
    }

    @Test
    void unansweredRingingCallIsCancelledAfterTheNoAnswerTimeoutWithStatusMiss() throws Exception {
        Recorder r = agentAgainst("ringNoAnswer", 0, Duration.ofSeconds(2));
        ua.placeCall(TestAgents.callTo("door", 40000), r.calls());
        r.await("ringing", WAIT);
        assertEquals(LTCallStatusCode.MISS, r.awaitEnded(WAIT));
        sipp.awaitSuccess(WAIT);
    }

    @Test
    void answerRacingOurCancelIsAckedAndByedAndEndsAsHangup() throws Exception {
        Recorder r = agentAgainst("cancelRace", 0, WAIT);
        SipCallLeg leg = ua.placeCall(TestAgents.callTo("door", 40000), r.calls());
        r.await("ringing", WAIT);
        leg.hangup();
        assertEquals(LTCallStatusCode.HANGUP, r.awaitEnded(WAIT));
        sipp.awaitSuccess(WAIT);
        assertTrue(r.events.stream().noneMatch(e -> e.what().equals("answered")), "a cancelled call is never answered");
    }

    @Test
    void peerHoldIsReportedAndPeerByeEndsCallWithHangup() throws Exception {
        Recorder r = agentAgainst("peerHoldThenBye", 0, WAIT);
        ua.placeCall(TestAgents.callTo("door", 40000), r.calls());
        r.await("answered", WAIT);
        Recorder.Event held = r.await(e -> e.what().equals("heldByPeer") && Boolean.TRUE.equals(e.detail()), WAIT,
                "held by peer");
        assertTrue((Boolean) held.detail());
        NegotiatedMedia onHold = (NegotiatedMedia) r.await("media", WAIT).detail();
        assertEquals(Direction.RECVONLY, onHold.direction());
        assertEquals(LTCallStatusCode.HANGUP, r.awaitEnded(WAIT));
        sipp.awaitSuccess(WAIT);
    }

    @Test
    void incomingCallWithSessionTimerAndInfoDtmfIsAnsweredAndEndedByPeerBye() throws Exception {
        Recorder r = new Recorder();
        ua = new SipUserAgent(TestAgents.config("bob", "bob-secret", 5060, "udp").withRegisterExpires(0), r);
        ua.start();
        sipp = Sipp.uac("uacSessionTimerInfoBye", "bob", ua.port());
        SipCallLeg in = r.awaitIncoming(WAIT);
        assertEquals("lt-sipp-42", in.ltCallId());
        assertEquals("{\"door\":\"sipp\"}", in.extInfoJson());
        assertEquals(org.ltintercom.sdk.call.LTCallAccountType.USER_ID, in.accountType());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!ua.lane().isIdle()) { // the INVITE's task is still sending the 180
            assertTrue(System.nanoTime() < deadline, "the SIP lane stays busy after the INVITE");
            Thread.sleep(1);
        }
        in.answer(new LocalMedia("127.0.0.1", 40000));
        Recorder.Event answered = r.await("answered", WAIT);
        assertEquals("opus", ((NegotiatedMedia) answered.detail()).codec());
        assertEquals(Thread.currentThread().getName(), answered.thread(),
                "an answer given while the SIP lane is idle is sent from the answering thread");
        assertEquals('5', r.await("dtmf", WAIT).detail());
        assertEquals(LTCallStatusCode.HANGUP, r.awaitEnded(WAIT));
        sipp.awaitSuccess(WAIT);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "CANCEL with Reason {0} ends the ringing call with {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "SIP;cause=200;text=\"Call completed elsewhere\" | ANSWERED_ELSEWHERE",
            "SIP;cause=603;text=\"Declined\" | DECLINED_ELSEWHERE",
            "Q.850;cause=16 | MISS"})
    void cancelFromAForkingProxyCarriesWhyTheCallStoppedRinging(String reason, LTCallStatusCode expected)
            throws Exception {
        Recorder r = new Recorder();
        ua = new SipUserAgent(TestAgents.config("bob", "bob-secret", 5060, "udp").withRegisterExpires(0), r);
        ua.start();
        sipp = Sipp.uac("uacCancelWithReason", "bob", ua.port(), java.util.Map.of("reason", reason));
        assertEquals("lt-sipp-cancel", r.awaitIncoming(WAIT).ltCallId());
        assertEquals(expected, r.awaitEnded(WAIT));
        sipp.awaitSuccess(WAIT);
    }

    @Test
    void asTheRefresherWeReInviteWithinTheSessionInterval() throws Exception {
        // no OPTIONS keep-alive during the minute: the scenario expects only the refresh re-INVITE
        Recorder r = agentAgainst("sessionTimerRefresh", 0, WAIT, Duration.ofMinutes(10));
        SipCallLeg leg = ua.placeCall(TestAgents.callTo("door", 40000), r.calls());
        r.await("answered", WAIT);
        // 90 s granted: our refresh re-INVITE is due at 45 s; its answer comes back as a media event
        NegotiatedMedia refreshed = (NegotiatedMedia) r.await("media", Duration.ofSeconds(70)).detail();
        assertEquals(Direction.SENDRECV, refreshed.direction());
        leg.hangup();
        assertEquals(LTCallStatusCode.HANGUP, r.awaitEnded(WAIT));
        sipp.awaitSuccess(WAIT);
    }

    @Test
    void intervalTooBriefIsRetriedWithMinExpires() throws Exception {
        Recorder r = agentAgainst("register423", 300, WAIT);
        RegistrationState s = r.awaitRegistration(WAIT, RegistrationState::isRegistered);
        assertEquals(1200, s.expiresSeconds());
        ua.stop();
        ua = null;
        sipp.awaitSuccess(WAIT);
    }
}
