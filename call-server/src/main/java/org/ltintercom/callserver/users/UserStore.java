package org.ltintercom.callserver.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code users} table. The users file is the directory: at start the table is made equal to it
 * (new users added, changed ones updated, users no longer listed removed with their tokens,
 * notification keys and block entries). CDRs keep the IDs of removed users as history.
 */
public final class UserStore {
    private static final String COLUMNS = "user_id, uuid, semi_uid, phone_number, email, device_id, brand_id,"
            + " corp_id, can_voip, can_im, sip_password, nick_name";

    private UserStore() {
    }

    /** Makes the table equal to {@code users}; returns how many were removed. */
    public static int replaceAll(Connection c, List<UserAccount> users) throws SQLException {
        Set<String> wanted = new HashSet<>();
        users.forEach(u -> wanted.add(u.userID()));
        List<String> stale = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM users");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!wanted.contains(rs.getString(1))) {
                    stale.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE user_id = ?")) {
            for (String id : stale) {
                ps.setString(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // phone numbers and semiUIDs are unique and may move between users in the new file
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET phone_number = NULL, semi_uid = NULL")) {
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
                + " uuid = excluded.uuid, semi_uid = excluded.semi_uid, phone_number = excluded.phone_number,"
                + " email = excluded.email, device_id = excluded.device_id, brand_id = excluded.brand_id,"
                + " corp_id = excluded.corp_id, can_voip = excluded.can_voip, can_im = excluded.can_im,"
                + " sip_password = excluded.sip_password, nick_name = excluded.nick_name")) {
            for (UserAccount u : users) {
                ps.setString(1, u.userID());
                ps.setString(2, u.uuid());
                ps.setString(3, u.semiUID());
                ps.setString(4, u.phoneNumber());
                ps.setString(5, u.email());
                ps.setString(6, u.deviceID());
                ps.setString(7, u.brandID());
                ps.setString(8, u.corpID());
                ps.setBoolean(9, u.canVOIP());
                ps.setBoolean(10, u.canIM());
                ps.setString(11, u.sipPassword());
                ps.setString(12, u.nickName());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return stale.size();
    }

    public static Optional<UserAccount> byUserID(Connection c, String userID) throws SQLException {
        return one(c, "user_id", userID);
    }

    public static Optional<UserAccount> byPhoneNumber(Connection c, String phoneNumber) throws SQLException {
        return one(c, "phone_number", phoneNumber);
    }

    public static Optional<UserAccount> bySemiUID(Connection c, String semiUID) throws SQLException {
        return one(c, "semi_uid", semiUID);
    }

    /** The account running on the device {@code deviceID} (a SIP call may address the callee by it). */
    public static Optional<UserAccount> byDeviceID(Connection c, String deviceID) throws SQLException {
        return one(c, "device_id", deviceID);
    }

    public static boolean exists(Connection c, String userID) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE user_id = ?")) {
            ps.setString(1, userID);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // column is one of the fixed names above, never request data
    private static Optional<UserAccount> one(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static UserAccount read(ResultSet rs) throws SQLException {
        return new UserAccount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getBoolean(10),
                rs.getString(11), rs.getString(12));
    }
}
