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
import java.util.concurrent.TimeUnit;

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

    /**
     * How long a remembered challenge is answered ahead: servers keep nonces valid for minutes
     * (Kamailio and the call-server 5, by default), so a ring plan's calls one after the other skip
     * the 407 round trip, while a door station's next visitor hours later is challenged afresh.
     */
    static final long REUSE_NANOS = TimeUnit.MINUTES.toNanos(4);

    private final String username;
    private final String password;
    private String lastNonce;
    private int nonceCount;
    private WWWAuthenticateHeader remembered;
    private boolean rememberedProxy;
    private long rememberedAt;

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
        authorize(request, challengeHeader(challenge), proxy, headers);
    }

    /**
     * Keeps {@code challenge} (a 401 or 407) for {@link #authorizeAhead}: the next requests of this
     * account answer it before being asked. {@code nowNanos} is {@link System#nanoTime()}.
     */
    public void remember(Response challenge, long nowNanos) {
        WWWAuthenticateHeader c = challengeHeader(challenge);
        if (c == null) {
            forget();
            return;
        }
        remembered = c;
        rememberedProxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        rememberedAt = nowNanos;
    }

    /** Drops the remembered challenge: its credentials were refused. */
    public void forget() {
        remembered = null;
    }

    /**
     * Adds credentials for the remembered challenge to {@code request}, with the next nonce count
     * (RFC 3261 section 22.3 lets a UA reuse a realm's credentials on later requests), if a
     * challenge younger than {@link #REUSE_NANOS} is remembered. A server whose nonce has expired
     * answers with a new challenge, which costs the same round trip as sending none.
     *
     * @return whether credentials were added
     */
    public boolean authorizeAhead(Request request, HeaderFactory headers, long nowNanos)
            throws AuthenticationException {
        WWWAuthenticateHeader c = remembered;
        if (c == null || nowNanos - rememberedAt > REUSE_NANOS) {
            return false;
        }
        authorize(request, c, rememberedProxy, headers);
        return true;
    }

    private static WWWAuthenticateHeader challengeHeader(Response challenge) {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        return (WWWAuthenticateHeader) challenge.getHeader(proxy ? ProxyAuthenticateHeader.NAME
                : WWWAuthenticateHeader.NAME);
    }

    private void authorize(Request request, WWWAuthenticateHeader c, boolean proxy, HeaderFactory headers)
            throws AuthenticationException {
        if (c == null) {
            throw new AuthenticationException((proxy ? "407 without a Proxy-Authenticate"
                    : "401 without a WWW-Authenticate") + " header");
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
