package org.ltintercom.callserver.sip;

import org.junit.jupiter.api.Test;

import javax.sip.SipFactory;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The registrar's digest check: the RFC 2617 computation, nonce forgery, expiry (stale) and qop. */
class DigestChallengeTest {
    private final AtomicLong now = new AtomicLong(1_764_160_000_000L);
    private final DigestChallenge digest = new DigestChallenge("127.0.0.1", now::get);

    private AuthorizationHeader answer(String nonce, String password, String realm) throws Exception {
        HeaderFactory h = SipFactory.getInstance().createHeaderFactory();
        AuthorizationHeader a = h.createAuthorizationHeader("Digest");
        a.setUsername("indoor-1");
        a.setRealm(realm);
        a.setNonce(nonce);
        a.setURI(SipFactory.getInstance().createAddressFactory().createURI("sip:127.0.0.1"));
        a.setQop("auth");
        a.setCNonce("c0ffee");
        a.setNonceCount(1);
        String ha1 = DigestChallenge.md5("indoor-1:" + realm + ":" + password);
        String ha2 = DigestChallenge.md5("REGISTER:sip:127.0.0.1");
        a.setResponse(DigestChallenge.md5(ha1 + ":" + nonce + ":00000001:c0ffee:auth:" + ha2));
        a.setAlgorithm("MD5");
        return a;
    }

    @Test
    void theRightPasswordPassesAndAWrongOneDoesNot() throws Exception {
        String nonce = digest.nonce();
        assertEquals(DigestChallenge.Verdict.OK, digest.check(answer(nonce, "secret-1", "127.0.0.1"), "REGISTER", "secret-1"));
        assertEquals(DigestChallenge.Verdict.WRONG, digest.check(answer(nonce, "guess", "127.0.0.1"), "REGISTER", "secret-1"));
        assertEquals(DigestChallenge.Verdict.WRONG, digest.check(answer(nonce, "secret-1", "elsewhere"), "REGISTER", "secret-1"));
    }

    @Test
    void aForgedOrForeignNonceIsUnknownAndAnOldOneIsStale() throws Exception {
        assertEquals(DigestChallenge.Verdict.UNKNOWN_NONCE,
                digest.check(answer("1764160000000.forged", "secret-1", "127.0.0.1"), "REGISTER", "secret-1"));
        String otherServers = new DigestChallenge("127.0.0.1", now::get).nonce();
        assertEquals(DigestChallenge.Verdict.UNKNOWN_NONCE,
                digest.check(answer(otherServers, "secret-1", "127.0.0.1"), "REGISTER", "secret-1"));
        String nonce = digest.nonce();
        now.addAndGet(DigestChallenge.NONCE_LIFETIME_MILLIS + 1);
        assertEquals(DigestChallenge.Verdict.STALE, digest.check(answer(nonce, "secret-1", "127.0.0.1"), "REGISTER", "secret-1"));
        assertEquals(DigestChallenge.Verdict.WRONG, digest.check(answer(nonce, "guess", "127.0.0.1"), "REGISTER", "secret-1"),
                "an old nonce with a wrong password is wrong, not stale");
    }
}
