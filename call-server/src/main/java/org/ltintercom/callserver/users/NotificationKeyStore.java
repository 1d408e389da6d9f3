package org.ltintercom.callserver.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The MQTT wakeup topic of each user's devices: where an incoming-call wakeup (the headless
 * counterpart of a VoIP push) is published.
 */
public final class NotificationKeyStore {
    /** 1-256 characters of {@code [A-Za-z0-9/_.-]}: a concrete MQTT topic, never a filter. */
    public static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9/_.-]{1,256}");

    private NotificationKeyStore() {
    }

    /** Registers the device's topic; with {@code cleanOld} the user's other devices lose theirs. */
    public static void register(Connection c, String userID, String deviceID, String topic, boolean cleanOld)
            throws SQLException {
        if (cleanOld) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM notification_keys WHERE user_id = ? AND device_id <> ?")) {
                ps.setString(1, userID);
                ps.setString(2, deviceID);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification_keys"
                + " (user_id, device_id, wakeup_topic, updated_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (user_id, device_id) DO UPDATE SET wakeup_topic = excluded.wakeup_topic,"
                + " updated_at = excluded.updated_at")) {
            ps.setString(1, userID);
            ps.setString(2, deviceID);
            ps.setString(3, topic);
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    /** The wakeup topics of all of the user's devices (for the wakeup publisher). */
    public static List<String> topics(Connection c, String userID) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT wakeup_topic FROM notification_keys WHERE user_id = ? ORDER BY device_id")) {
            ps.setString(1, userID);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }
}
