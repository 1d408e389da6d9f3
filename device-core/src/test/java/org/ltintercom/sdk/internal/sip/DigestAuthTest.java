package org.ltintercom.sdk.internal.sip;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.junit.jupiter.api.Test;

import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestAuthTest {

    @Test
    void qopAuthResponseMatchesTheRfc2617Example() {
        assertEquals("6629fae49393a05397450978507c4ef1", DigestAuth.response("Mufasa", "testrealm@host.com",
                "Circle Of Life", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", 1,
                "0a4f113b"));
    }

    @Test
    void responseWithoutQopMatchesTheRfc2069Example() {
        assertEquals("1949323746fe6a43ef61f9606e7febea", DigestAuth.response("Mufasa", "testrealm@host.com",
                "CircleOfLife", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", null, 0, null));
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertFalse(new DigestAuth("alice", "s3cret-pw").toString().contains("s3cret-pw"));
        assertFalse(SipConfig.of(java.net.InetAddress.getLoopbackAddress(), 0, "alice", "s3cret-pw", "127.0.0.1",
                "127.0.0.1", 5060, "udp").toString().contains("s3cret-pw"));
    }

    @Test
    void nonceCountIsEightLowerCaseHexDigits() {
        assertEquals("00000001", DigestAuth.nonceCount(1));
        assertEquals("000000ff", DigestAuth.nonceCount(255));
        assertEquals("abcdef12", DigestAuth.nonceCount(0xabcdef12));
    }

    @Test
    void responsesStayRightWhenComputedOneAfterAnother() {
        // the MD5 engine is cloned per digest: no state may leak from one response into the next
        for (int i = 0; i < 3; i++) {
            qopAuthResponseMatchesTheRfc2617Example();
            responseWithoutQopMatchesTheRfc2069Example();
        }
    }

    private final HeaderFactory headers = new HeaderFactoryImpl();
    private final AddressFactory addresses = new AddressFactoryImpl();
    private final MessageFactory messages = new MessageFactoryImpl();

    private Request invite(long cseq) throws Exception {
        var to = addresses.createAddress("sip:bob@127.0.0.1");
        return messages.createRequest(to.getURI(), Request.INVITE, headers.createCallIdHeader("c-" + cseq),
                headers.createCSeqHeader(cseq, Request.INVITE),
                headers.createFromHeader(addresses.createAddress("sip:alice@127.0.0.1"), "f1"),
                headers.createToHeader(to, null),
                List.of(headers.createViaHeader("127.0.0.1", 5070, "udp", "z9hG4bK-" + cseq)),
                headers.createMaxForwardsHeader(70));
    }

    private Response challenge(Request request, String nonce) throws Exception {
        Response r = messages.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED, request);
        ProxyAuthenticateHeader h = headers.createProxyAuthenticateHeader("Digest");
        h.setRealm("127.0.0.1");
        h.setNonce(nonce);
        h.setQop("auth");
        r.addHeader(h);
        return r;
    }

    private static ProxyAuthorizationHeader credentials(Request r) {
        return (ProxyAuthorizationHeader) r.getHeader(ProxyAuthorizationHeader.NAME);
    }

    @Test
    void aRememberedChallengeIsAnsweredAheadWithTheNonceCountGoingOn() throws Exception {
        DigestAuth auth = new DigestAuth("alice", "alice-secret");
        Request first = invite(1);
        assertFalse(auth.authorizeAhead(first, headers, 0), "nothing remembered yet");
        assertNull(credentials(first));

        Response challenge = challenge(first, "n-1");
        auth.authorize(first, challenge, headers);
        auth.remember(challenge, 1_000);
        assertEquals(1, credentials(first).getNonceCount());

        Request next = invite(2);
        assertTrue(auth.authorizeAhead(next, headers, 2_000));
        ProxyAuthorizationHeader ahead = credentials(next);
        assertEquals("n-1", ahead.getNonce());
        assertEquals(2, ahead.getNonceCount(), "the same nonce is never answered with the same count twice");
        assertNotEquals(credentials(first).getCNonce(), ahead.getCNonce());
        assertEquals(DigestAuth.response("alice", "127.0.0.1", "alice-secret", "INVITE", "sip:bob@127.0.0.1", "n-1",
                "auth", 2, ahead.getCNonce()), ahead.getResponse());

        auth.forget();
        assertFalse(auth.authorizeAhead(invite(3), headers, 3_000), "forgotten after a refusal");
    }

    @Test
    void aChallengeIsAnsweredAheadOnlyForAFewMinutes() throws Exception {
        DigestAuth auth = new DigestAuth("alice", "alice-secret");
        Request first = invite(1);
        auth.remember(challenge(first, "n-1"), 0);
        assertTrue(auth.authorizeAhead(invite(2), headers, DigestAuth.REUSE_NANOS));
        Request late = invite(3);
        assertFalse(auth.authorizeAhead(late, headers, DigestAuth.REUSE_NANOS + 1));
        assertNull(credentials(late));
    }

    @Test
    void aNewNonceStartsItsCountAgainAndABadChallengeIsRefusedNamingWhy() throws Exception {
        DigestAuth auth = new DigestAuth("alice", "alice-secret");
        Request first = invite(1);
        auth.authorize(first, challenge(first, "n-1"), headers);
        auth.authorize(invite(2), challenge(first, "n-1"), headers);
        Request third = invite(3);
        auth.authorize(third, challenge(third, "n-2"), headers);
        assertEquals(1, credentials(third).getNonceCount());

        Response bare = messages.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED, invite(4));
        var e = assertThrows(DigestAuth.AuthenticationException.class, () -> auth.authorize(invite(4), bare, headers));
        assertTrue(e.getMessage().contains("407 without a Proxy-Authenticate header"), e.getMessage());
        auth.remember(bare, 0);
        assertFalse(auth.authorizeAhead(invite(5), headers, 1), "a challenge without its header is not kept");
    }
}
