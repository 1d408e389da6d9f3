package org.ltintercom.callserver.cdr;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.ltintercom.callserver.json.Json;
import org.ltintercom.callserver.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Call detail records. Every CDR gets a {@code sendTime} that no other CDR has (a CDR recorded in
 * a taken millisecond gets the next free one), which is what makes markTS paging exact.
 * The msgID is derived from it ({@code cdr-<sendTime>}), so it is unique too.
 * Each method runs in its own transaction.
 */
public final class CdrStore {
    /** The senderID of CDRs this service records. */
    public static final String SENDER_ID = "call-server";

    private static final int MAX_ATTEMPTS = 10;
    private static final int SCAN = 256;
    private static final String COLUMNS = "trans_id, msg_id, receiver, sender_id, send_time, call_id, caller, callee,"
            + " caller_info, callee_info, call_start_time, call_end_time, billing_second, isr_code, forwarder, end_reason";

    private final Database db;
    private final LongSupplier clock;
    // One writer at a time in this JVM picks the free millisecond; the primary key on send_time
    // catches another process doing the same, and the insert is then retried.
    private final ReentrantLock insertLock = new ReentrantLock();

    public CdrStore(Database db) {
        this(db, System::currentTimeMillis);
    }

    CdrStore(Database db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records a CDR and returns the msgID and sendTime it was given. */
    public CdrReceipt insert(NewCdr cdr) throws SQLException {
        long proposed = cdr.proposedSendTime() != null ? cdr.proposedSendTime() : clock.getAsLong();
        insertLock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return db.inTransaction(c -> insert(c, cdr, firstFree(c, proposed)));
                } catch (SQLException e) {
                    if (!isUniqueViolation(e) || attempt == MAX_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } finally {
            insertLock.unlock();
        }
    }

    /** One page of the user's CDRs (as caller or callee), see {@link CdrQuery}. */
    public CdrPage query(CdrQuery q) throws SQLException {
        return db.inReadTransaction(c -> query(c, q));
    }

    public long count() throws SQLException {
        return db.inReadTransaction(CdrStore::count);
    }

    public static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cdrs");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One page read inside the caller's transaction. */
    public static CdrPage query(Connection c, CdrQuery q) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM cdrs WHERE (caller = ? OR callee = ?) AND "
                + (q.forward() ? "send_time > ? ORDER BY send_time ASC" : "send_time < ? ORDER BY send_time DESC")
                + " LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, q.userID());
            ps.setString(2, q.userID());
            ps.setLong(3, q.markTS());
            ps.setInt(4, q.limit());
            List<Cdr> out = new ArrayList<>(q.limit());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return new CdrPage(q.nextMark(out), out);
        }
    }

    /** The smallest millisecond >= proposed that no CDR holds. */
    private static long firstFree(Connection c, long proposed) throws SQLException {
        long candidate = proposed;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT send_time FROM cdrs WHERE send_time >= ? ORDER BY send_time LIMIT " + SCAN)) {
            while (true) {
                ps.setLong(1, candidate);
                int rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        if (rs.getLong(1) != candidate) {
                            return candidate;
                        }
                        candidate++;
                    }
                }
                if (rows < SCAN) {
                    return candidate;
                }
            }
        }
    }

    private static CdrReceipt insert(Connection c, NewCdr cdr, long sendTime) throws SQLException {
        String msgID = "cdr-" + sendTime;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cdrs (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, cdr.transID());
            ps.setString(2, msgID);
            ps.setString(3, cdr.receiver());
            ps.setString(4, cdr.senderID());
            ps.setLong(5, sendTime);
            ps.setString(6, cdr.callID());
            ps.setString(7, cdr.caller());
            ps.setString(8, cdr.callee());
            ps.setString(9, Json.writeString(cdr.callerInfo()));
            ps.setString(10, Json.writeString(cdr.calleeInfo()));
            ps.setLong(11, cdr.callStartTime());
            ps.setLong(12, cdr.callEndTime());
            ps.setLong(13, cdr.billingSecond());
            ps.setString(14, cdr.isrCode());
            ps.setString(15, cdr.forwarder());
            ps.setInt(16, cdr.endReason());
            ps.executeUpdate();
        }
        return new CdrReceipt(msgID, sendTime);
    }

    private static Cdr read(ResultSet rs) throws SQLException {
        return new Cdr(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getString(8), info(rs.getString(9)), info(rs.getString(10)),
                rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getString(14), rs.getString(15), rs.getInt(16));
    }

    private static CallUserInfo info(String json) throws SQLException {
        try {
            return Json.mapper().readValue(json, CallUserInfo.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored call party is not valid JSON", e);
        }
    }

    /** SQLState class 23 (PostgreSQL) or SQLITE_CONSTRAINT (19). */
    private static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        return (state != null && state.startsWith("23")) || e.getErrorCode() == 19;
    }
}
