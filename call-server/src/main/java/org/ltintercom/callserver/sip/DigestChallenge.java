package org.ltintercom.callserver.sip;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sip.header.AuthorizationHeader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/**
 * SIP digest authentication (RFC 2617/3261, MD5, qop=auth) without server-side nonce state:
 * a nonce is {@code <issued ms>.<HMAC of it>} under a key made at start, so a nonce from another
 * server run is refused, and one older than {@link #NONCE_LIFETIME_MILLIS} is answered with a new
 * challenge marked {@code stale=true} (the device retries without asking its user again).
 */
final class DigestChallenge {
    static final long NONCE_LIFETIME_MILLIS = 5 * 60_000;

    /** The outcome of checking an Authorization/Proxy-Authorization header. */
    enum Verdict { OK, STALE, UNKNOWN_NONCE, WRONG }

    private final String realm;
    private final LongSupplier clock;
    private final byte[] key = new byte[32];

    DigestChallenge(String realm, LongSupplier clock) {
        this.realm = realm;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    String realm() {
        return realm;
    }

    /** A fresh nonce. */
    String nonce() {
        String issued = Long.toString(clock.getAsLong());
        return issued + "." + mac(issued);
    }

    /**
     * Checks the credentials the request carries against the user's SIP password for
     * {@code method}. WRONG covers a bad response and another realm; UNKNOWN_NONCE a nonce this
     * server run did not make (an earlier run's, which a device reuses after a restart, or a forged one).
     */
    Verdict check(AuthorizationHeader auth, String method, String password) {
        String nonce = auth.getNonce();
        String response = auth.getResponse();
        String uri = auth.getURI() == null ? null : auth.getURI().toString();
        if (nonce == null || response == null || uri == null || !realm.equals(auth.getRealm())) {
            return Verdict.WRONG;
        }
        int dot = nonce.indexOf('.');
        if (dot <= 0 || !MessageDigest.isEqual(mac(nonce.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.UNKNOWN_NONCE;
        }
        String ha1 = md5(auth.getUsername() + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String qop = auth.getQop();
        String expected;
        if (qop == null) {
            expected = md5(ha1 + ":" + nonce + ":" + ha2);
        } else if ("auth".equalsIgnoreCase(qop) && auth.getCNonce() != null) {
            String nc = String.format("%08x", auth.getNonceCount());
            expected = md5(ha1 + ":" + nonce + ":" + nc + ":" + auth.getCNonce() + ":" + qop + ":" + ha2);
        } else {
            return Verdict.WRONG;
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.WRONG;
        }
        long issued;
        try {
            issued = Long.parseLong(nonce.substring(0, dot));
        } catch (NumberFormatException e) {
            return Verdict.WRONG;
        }
        return clock.getAsLong() - issued > NONCE_LIFETIME_MILLIS ? Verdict.STALE : Verdict.OK;
    }

    private String mac(String text) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(m.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }
}
