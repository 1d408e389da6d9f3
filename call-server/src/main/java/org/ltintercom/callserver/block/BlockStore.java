package org.ltintercom.callserver.block;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Per-user block lists: calls from a blocked user to the blocking user are refused. Idempotent. */
public final class BlockStore {
    private BlockStore() {
    }

    public static void block(Connection c, String userID, Collection<String> blockedIDs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO blocks (user_id, blocked_user_id, created_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (user_id, blocked_user_id) DO NOTHING")) {
            long now = System.currentTimeMillis();
            for (String blocked : blockedIDs) {
                ps.setString(1, userID);
                ps.setString(2, blocked);
                ps.setLong(3, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static void unblock(Connection c, String userID, Collection<String> blockedIDs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM blocks WHERE user_id = ? AND blocked_user_id = ?")) {
            for (String blocked : blockedIDs) {
                ps.setString(1, userID);
                ps.setString(2, blocked);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The users {@code userID} blocks, sorted by userID. */
    public static List<String> list(Connection c, String userID) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT blocked_user_id FROM blocks WHERE user_id = ? ORDER BY blocked_user_id")) {
            ps.setString(1, userID);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                // databases collate differently (PostgreSQL by locale): the contract is Java's String order
                Collections.sort(out);
                return out;
            }
        }
    }

    /** Whether {@code userID} blocks calls from {@code otherID} (for the SIP proxy). */
    public static boolean isBlocked(Connection c, String userID, String otherID) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM blocks WHERE user_id = ? AND blocked_user_id = ?")) {
            ps.setString(1, userID);
            ps.setString(2, otherID);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
