package org.ltintercom.callserver.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Bearer tokens returned by init. Only the SHA-256 of a token is stored, so a copy of the
 * database does not let anyone sign in. One token per user and device: a new init replaces it.
 */
public final class TokenStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who a token belongs to. */
    public record Session(String userID, String deviceID) {
    }

    private TokenStore() {
    }

    /** Issues a new token for the user on the device, revoking the previous one of that pair. */
    public static String issue(Connection c, String userID, String deviceID) throws SQLException {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tokens WHERE user_id = ? AND device_id = ?")) {
            ps.setString(1, userID);
            ps.setString(2, deviceID);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tokens (token_hash, user_id, device_id, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, hash(token));
            ps.setString(2, userID);
            ps.setString(3, deviceID);
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
        }
        return token;
    }

    public static Optional<Session> resolve(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, device_id FROM tokens WHERE token_hash = ?")) {
            ps.setString(1, hash(token));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Session(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
