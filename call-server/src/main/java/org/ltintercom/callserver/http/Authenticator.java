package org.ltintercom.callserver.http;

import org.ltintercom.callserver.users.TokenStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;

/** Checks bearer tokens: a user's token from init, or the operator's admin token. */
final class Authenticator {
    private final byte[] adminToken;

    Authenticator(String adminToken) {
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    }

    /** The signed-in user and device, or 1 WRONG_USER_OR_PASSWORD. */
    TokenStore.Session session(ApiRequest request, Connection c) throws SQLException {
        String token = request.bearerToken().orElseThrow(() -> new ApiException(ReturnCode.WRONG_USER_OR_PASSWORD,
                "Authorization: missing bearer token"));
        return TokenStore.resolve(c, token).orElseThrow(() -> new ApiException(ReturnCode.WRONG_USER_OR_PASSWORD,
                "Authorization: unknown or revoked token"));
    }

    void requireAdmin(ApiRequest request) {
        String token = request.bearerToken().orElseThrow(() -> new ApiException(ReturnCode.WRONG_USER_OR_PASSWORD,
                "Authorization: missing bearer token"));
        if (!MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(ReturnCode.WRONG_USER_OR_PASSWORD, "Authorization: not the admin token");
        }
    }

    /** Endpoints that name a userID in the body act only for the signed-in user. */
    static void requireSelf(TokenStore.Session session, String userID) {
        if (!session.userID().equals(userID)) {
            throw ApiException.notSignedInUser();
        }
    }
}
