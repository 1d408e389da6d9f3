package org.ltintercom.sdk.internal.sip;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * HTTP digest authentication for SIP (RFC 2617 as used by RFC 3261 section 22): answers a 401
 * {@code WWW-Authenticate} or 407 {@code Proxy-Authenticate} challenge with MD5, with
 * {@code qop=auth} (fresh cnonce, counting nc per nonce) or without qop for old servers.
 * The password lives here only; it is never logged or put in a message.
 */
public final class DigestAuth {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /** Cloned per digest: {@code MessageDigest.getInstance} looks the security provider up each time. */
    private static final MessageDigest MD5 = md5Prototype();

    private final String username;
    private final String password;
    private String lastNonce;
    private int nonceCount;

    public DigestAuth(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /**
     * Adds an {@code Authorization} (401) or {@code Proxy-Authorization} (407) header to
     * {@code request} answering the challenge in {@code challenge}.
     *
     * @throws AuthenticationException when the challenge is not MD5 digest or is malformed
     */
    public void authorize(Request request, Response challenge, HeaderFactory headers) throws AuthenticationException {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        WWWAuthenticateHeader c = (WWWAuthenticateHeader) challenge.getHeader(
                proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        if (c == null) {
            throw new AuthenticationException(challenge.getStatusCode() + " without a "
                    + (proxy ? "Proxy-Authenticate" : "WWW-Authenticate") + " header");
        }
        if (!"Digest".equalsIgnoreCase(c.getScheme())) {
            throw new AuthenticationException("authentication scheme " + c.getScheme() + " is not supported");
        }
        String algorithm = c.getAlgorithm();
        if (algorithm != null && !algorithm.equalsIgnoreCase("MD5")) {
            throw new AuthenticationException("digest algorithm " + algorithm + " is not supported (MD5 only)");
        }
        if (c.getRealm() == null || c.getNonce() == null) {
            throw new AuthenticationException("digest challenge without realm or nonce");
        }
        boolean qopAuth = offersQopAuth(c.getQop());
        if (c.getQop() != null && !qopAuth) {
            throw new AuthenticationException("digest qop " + c.getQop() + " is not supported (auth only)");
        }
        if (!c.getNonce().equals(lastNonce)) {
            lastNonce = c.getNonce();
            nonceCount = 0;
        }
        String uri = request.getRequestURI().toString();
        String cnonce = qopAuth ? newCnonce() : null;
        int nc = qopAuth ? ++nonceCount : 0;
        String response = response(username, c.getRealm(), password, request.getMethod(), uri, c.getNonce(),
                qopAuth ? "auth" : null, nc, cnonce);
        try {
            AuthorizationHeader h = proxy ? headers.createProxyAuthorizationHeader("Digest")
                    : headers.createAuthorizationHeader("Digest");
            h.setUsername(username);
            h.setRealm(c.getRealm());
            h.setNonce(c.getNonce());
            h.setURI(request.getRequestURI());
            h.setResponse(response);
            h.setAlgorithm("MD5");
            if (c.getOpaque() != null) {
                h.setOpaque(c.getOpaque());
            }
            if (qopAuth) {
                h.setQop("auth");
                h.setCNonce(cnonce);
                h.setNonceCount(nc);
            }
            request.removeHeader(h.getName());
            request.addHeader(h);
        } catch (ParseException e) {
            throw new AuthenticationException("digest challenge has unusable values: " + e.getMessage());
        }
    }

    /** Whether this challenge says our earlier credentials were right but the nonce expired. */
    static boolean isStale(Response challenge) {
        var h = challenge.getHeader(challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED
                ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        return h instanceof WWWAuthenticateHeader w && w.isStale();
    }

    private static boolean offersQopAuth(String qop) {
        if (qop == null) {
            return false;
        }
        for (String option : qop.split(",")) {
            if (option.trim().toLowerCase(Locale.ROOT).equals("auth")) {
                return true;
            }
        }
        return false;
    }

    /** The digest response value; {@code qop} null means the RFC 2069 form without nc/cnonce. */
    static String response(String user, String realm, String password, String method, String uri, String nonce,
                           String qop, int nc, String cnonce) {
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        if (qop == null) {
            return md5(ha1 + ":" + nonce + ":" + ha2);
        }
        return md5(ha1 + ":" + nonce + ":" + nonceCount(nc) + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** {@code nc} as 8 lower-case hex digits (what {@code String.format("%08x")} gives, without its parser). */
    static String nonceCount(int nc) {
        return HEX.toHexDigits(nc);
    }

    /** 8 random bytes in hex. {@code nextBytes}, not {@code generateSeed}: a seed read blocks on the kernel's pool. */
    private static String newCnonce() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    private static String md5(String text) {
        MessageDigest md;
        try {
            md = (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            md = md5Prototype();
        }
        return HEX.formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest md5Prototype() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "DigestAuth[" + username + ", password=***]";
    }

    /** A challenge we cannot answer. */
    public static final class AuthenticationException extends Exception {
        private static final long serialVersionUID = 1L;

        AuthenticationException(String message) {
            super("SIP authentication: " + message);
        }
    }
}
