package org.ltintercom.callserver.sip;

import org.ltintercom.callserver.store.Database;
import org.ltintercom.callserver.users.UserAccount;
import org.ltintercom.callserver.users.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ServerTransaction;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.sql.SQLException;
import java.text.ParseException;
import java.util.Optional;

/**
 * Who sent a REGISTER (401/WWW-Authenticate) or INVITE (407/Proxy-Authenticate): a user of the
 * users file proving its SIP password by digest. Without credentials the request is challenged;
 * wrong ones (bad response, unknown user, foreign realm) get 403; an expired nonce gets a new
 * challenge with {@code stale=true}, a nonce this run did not make (devices answer a remembered
 * challenge ahead, and a restart changes the key) a new challenge without it. Either way this class has answered the request when it
 * returns empty.
 */
final class RequestAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAuthenticator.class);

    private final DigestChallenge digest;
    private final Database db;
    private final Replies replies;
    private final ProxyStack stack;

    RequestAuthenticator(DigestChallenge digest, Database db, Replies replies, ProxyStack stack) {
        this.digest = digest;
        this.db = db;
        this.replies = replies;
        this.stack = stack;
    }

    /** The authenticated user, or empty after a challenge, 403 or 500 was sent. */
    Optional<UserAccount> authenticate(Request request, ServerTransaction st, boolean asProxy) {
        AuthorizationHeader auth = (AuthorizationHeader) request.getHeader(
                asProxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME);
        if (auth == null || auth.getUsername() == null) {
            challenge(request, st, asProxy, false);
            return Optional.empty();
        }
        Optional<UserAccount> user;
        try {
            user = db.inReadTransaction(c -> UserStore.byUserID(c, auth.getUsername()));
        } catch (SQLException e) {
            LOG.warn("SIP {}: user lookup failed: {}", request.getMethod(), e.getMessage());
            replies.send(st, request, Response.SERVER_INTERNAL_ERROR);
            return Optional.empty();
        }
        DigestChallenge.Verdict verdict = user.isEmpty() || user.get().sipPassword() == null
                ? DigestChallenge.Verdict.WRONG
                : digest.check(auth, request.getMethod(), user.get().sipPassword());
        switch (verdict) {
            case OK -> {
                return user;
            }
            case STALE -> challenge(request, st, asProxy, true);
            case UNKNOWN_NONCE -> challenge(request, st, asProxy, false);
            default -> {
                LOG.info("SIP {} from {}: wrong credentials, 403", request.getMethod(), auth.getUsername());
                replies.send(st, request, Response.FORBIDDEN);
            }
        }
        return Optional.empty();
    }

    private void challenge(Request request, ServerTransaction st, boolean asProxy, boolean stale) {
        try {
            WWWAuthenticateHeader h = asProxy
                    ? stack.headers.createProxyAuthenticateHeader("Digest")
                    : stack.headers.createWWWAuthenticateHeader("Digest");
            h.setRealm(digest.realm());
            h.setNonce(digest.nonce());
            h.setAlgorithm("MD5");
            h.setQop("auth");
            if (stale) {
                h.setStale(true);
            }
            replies.send(st, request, asProxy ? Response.PROXY_AUTHENTICATION_REQUIRED : Response.UNAUTHORIZED, h);
        } catch (ParseException e) {
            replies.send(st, request, Response.SERVER_INTERNAL_ERROR);
        }
    }
}
