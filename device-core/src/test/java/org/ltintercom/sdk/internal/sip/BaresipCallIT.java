package org.ltintercom.sdk.internal.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTCallAccountType;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.callserver.testing.peers.FreePorts;
import org.ltintercom.callserver.testing.peers.Kamailio;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls between our user agent (alice) and a real baresip phone (bob), both registered with Kamailio. */
class BaresipCallIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private Kamailio kamailio;
    private Baresip bob;
    private SipUserAgent alice;
    private Recorder recorder;

    @BeforeEach
    void start() throws Exception {
        kamailio = Kamailio.start(Map.of("alice", "alice-secret", "bob", "bob-secret"), 60, true);
    }

    @AfterEach
    void stop() {
        if (alice != null) {
            alice.stop();
        }
        if (bob != null) {
            bob.close();
        }
        kamailio.close();
    }

    private void startBoth(boolean bobAutoAnswers) throws Exception {
        bob = Baresip.start("bob", "bob-secret", kamailio.port(), bobAutoAnswers);
        bob.awaitRegistered(WAIT);
        recorder = new Recorder();
        alice = new SipUserAgent(TestAgents.config("alice", "alice-secret", kamailio.port(), "udp"), recorder);
        alice.start();
        recorder.awaitRegistration(WAIT, RegistrationState::isRegistered);
    }

    /** The SDP body Kamailio logged for the first INVITE or 2xx ("request INVITE" / "reply 200 INVITE"). */
    private String wire(String what) {
        Matcher m = Pattern.compile("lt-wire " + Pattern.quote(what) + "[^\\n]*\\n(.*?)(?=\\n\\s*\\d+\\(\\d+\\)|\\z)",
                Pattern.DOTALL).matcher(kamailio.log());
        assertTrue(m.find(), "no '" + what + "' in the Kamailio log:\n" + kamailio.log());
        return m.group(1);
    }

    @Test
    void sdkCallsBaresipThroughKamailioWithOpusOfferedAndAccepted() throws Exception {
        startBoth(true);
        int rtp = FreePorts.one();
        SipCallLeg leg = alice.placeCall(new OutgoingCall("bob", LTCallAccountType.USER_ID, "lt-call-1",
                "{\"door\":\"front\"}", new LocalMedia("127.0.0.1", rtp)), recorder.calls());
        NegotiatedMedia media = (NegotiatedMedia) recorder.await("answered", WAIT).detail();
        assertEquals("opus", media.codec());
        assertEquals(48000, media.clockRate());
        assertEquals("127.0.0.1", media.remoteAddress());
        bob.awaitEvent("CALL_ESTABLISHED", WAIT);

        String offer = wire("request INVITE");
        assertTrue(offer.contains("a=rtpmap:111 opus/48000/2"), offer);
        assertTrue(offer.contains("a=fmtp:111 useinbandfec=1; usedtx=1; stereo=0"), offer);
        assertTrue(offer.contains("m=audio " + rtp + " RTP/AVP 111 0 8 101 100"), offer);
        String answer = wire("reply 200 INVITE");
        assertTrue(answer.matches("(?s).*m=audio \\d+ RTP/AVP 111\\b.*"), "baresip answered with Opus first:\n" + answer);
        // the proxy's own clock: first INVITE in (before the digest challenge) -> 200 OK in, as SipSetupBench reads it
        java.util.Map<String, Long> setup = kamailio.inviteToOkMicros();
        assertEquals(1, setup.size(), "one answered call timed:\n" + kamailio.log());
        long micros = setup.values().iterator().next();
        assertTrue(micros > 0 && micros < WAIT.toMillis() * 1000, micros + " us");

        leg.hangup();
        assertEquals(LTCallStatusCode.HANGUP, recorder.awaitEnded(WAIT));
        bob.awaitEvent("CALL_CLOSED", WAIT);
    }

    @Test
    void baresipCallsSdkWhichAnswersWithOpusAndSeesBaresipHangUp() throws Exception {
        startBoth(false);
        bob.command("dial", "sip:alice@127.0.0.1");
        SipCallLeg incoming = recorder.awaitIncoming(WAIT);
        assertTrue(incoming.remoteUser().contains("bob"), incoming.remoteUser());
        assertEquals(LTCallAccountType.NULL, incoming.accountType(), "baresip sends no X-LT headers");
        incoming.answer(new LocalMedia("127.0.0.1", FreePorts.one()));
        NegotiatedMedia media = (NegotiatedMedia) recorder.await("answered", WAIT).detail();
        assertEquals("opus", media.codec());
        bob.awaitEvent("CALL_ESTABLISHED", WAIT);

        assertTrue(wire("request INVITE").contains("opus/48000/2"), "baresip offered Opus");
        String ourAnswer = wire("reply 200 INVITE");
        assertTrue(ourAnswer.contains("opus/48000/2") && ourAnswer.contains("a=sendrecv"), ourAnswer);
        assertTrue(!ourAnswer.contains("PCMU"), "we answer with the one chosen codec:\n" + ourAnswer);

        bob.command("hangup", null);
        assertEquals(LTCallStatusCode.HANGUP, recorder.awaitEnded(WAIT));
    }

    @Test
    void holdFromSdkIsAcceptedByBaresipAndResumed() throws Exception {
        startBoth(true);
        SipCallLeg leg = alice.placeCall(TestAgents.callTo("bob", FreePorts.one()), recorder.calls());
        recorder.await("answered", WAIT);
        leg.hold(true);
        NegotiatedMedia held = (NegotiatedMedia) recorder.await("media", WAIT).detail();
        assertEquals(org.ltintercom.sdk.internal.sdp.Direction.SENDONLY, held.direction());
        recorder.events.clear();
        leg.hold(false);
        NegotiatedMedia resumed = (NegotiatedMedia) recorder.await("media", WAIT).detail();
        assertEquals(org.ltintercom.sdk.internal.sdp.Direction.SENDRECV, resumed.direction());
        assertNotNull(resumed.codec());
        leg.hangup();
        assertEquals(LTCallStatusCode.HANGUP, recorder.awaitEnded(WAIT));
    }

    @Test
    void ringingIncomingCallCancelledByBaresipEndsAsMiss() throws Exception {
        startBoth(false);
        bob.command("dial", "sip:alice@127.0.0.1");
        recorder.awaitIncoming(WAIT);
        bob.awaitEvent("CALL_RINGING", WAIT);
        bob.command("hangup", null);
        assertEquals(LTCallStatusCode.MISS, recorder.awaitEnded(WAIT));
    }
}
