package org.ltintercom.callserver.http;

import org.ltintercom.callserver.cdr.CallUserInfo;
import org.ltintercom.callserver.cdr.CdrPage;
import org.ltintercom.callserver.cdr.CdrQuery;
import org.ltintercom.callserver.cdr.CdrReceipt;
import org.ltintercom.callserver.cdr.CdrStore;
import org.ltintercom.callserver.cdr.NewCdr;
import org.ltintercom.callserver.json.FieldException;
import org.ltintercom.callserver.json.JsonFields;
import org.ltintercom.callserver.store.Database;
import org.ltintercom.callserver.users.TokenStore;

import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

/** cdr/query for users, and the operators' CDR insert. */
final class CdrEndpoints {
    private static final Set<String> QUERY_FIELDS = Set.of("userID", "markTS", "afterN");
    private static final Set<String> INSERT_FIELDS = Set.of("transID", "receiver", "senderID", "callID", "caller",
            "callee", "callerInfo", "calleeInfo", "callStartTime", "callEndTime", "billingSecond", "isrCode",
            "forwarder", "endReason", "sendTime");
    private static final Set<String> PARTY_FIELDS = Set.of("userID", "phoneNumber", "semiUID", "deviceID",
            "nickName", "extInfo");

    private final Database db;
    private final Authenticator auth;
    private final CdrStore cdrs;

    CdrEndpoints(Database db, Authenticator auth, CdrStore cdrs) {
        this.db = db;
        this.auth = auth;
        this.cdrs = cdrs;
    }

    ApiResponse query(ApiRequest request) throws SQLException {
        // the token check and the page read share one transaction
        return db.inReadTransaction(c -> {
            TokenStore.Session session = auth.session(request, c);
            JsonFields f = request.json(QUERY_FIELDS);
            String userID = f.text("userID");
            long markTS = f.longValue("markTS");
            long afterN = f.longValue("afterN");
            if (!CdrQuery.validAfterN(afterN)) {
                throw new FieldException("afterN", "must be between -" + CdrQuery.MAX_PAGE + " and "
                        + CdrQuery.MAX_PAGE + " and not 0");
            }
            Authenticator.requireSelf(session, userID);
            CdrPage page = CdrStore.query(c, new CdrQuery(userID, markTS, (int) afterN));
            return ApiResponse.ok().with("markTS", page.markTS()).with("count", page.cdrs().size())
                    .with("cdrMessages", page.cdrs());
        });
    }

    ApiResponse insert(ApiRequest request) throws SQLException {
        auth.requireAdmin(request);
        NewCdr cdr = newCdr(request.json(INSERT_FIELDS));
        CdrReceipt receipt = cdrs.insert(cdr);
        return ApiResponse.ok().with("msgID", receipt.msgID()).with("sendTime", receipt.sendTime());
    }

    static NewCdr newCdr(JsonFields f) {
        String caller = f.text("caller");
        String callee = f.text("callee");
        long start = nonNegative(f, "callStartTime", f.longValue("callStartTime"));
        long end = nonNegative(f, "callEndTime", f.longValue("callEndTime"));
        if (end < start) {
            throw new FieldException("callEndTime", "before callStartTime");
        }
        long billing = nonNegative(f, "billingSecond", f.optionalLong("billingSecond").orElse((end - start) / 1000));
        int endReason = f.intValue("endReason", 0, 100_000);
        Long sendTime = f.optionalLong("sendTime").orElse(null);
        if (sendTime != null) {
            nonNegative(f, "sendTime", sendTime);
        }
        return new NewCdr(f.text("transID", UUID.randomUUID().toString()), f.text("receiver", callee),
                f.text("senderID", CdrStore.SENDER_ID), f.text("callID", UUID.randomUUID().toString()), caller, callee,
                party(f, "callerInfo", caller), party(f, "calleeInfo", callee), start, end, billing,
                f.text("isrCode", ""), f.text("forwarder", ""), endReason, sendTime);
    }

    private static CallUserInfo party(JsonFields f, String name, String defaultUserID) {
        return f.object(name, PARTY_FIELDS).map(p -> new CallUserInfo(p.text("userID", defaultUserID),
                p.text("phoneNumber", ""), p.text("semiUID", ""), p.text("deviceID", ""), p.text("nickName", ""),
                p.rawObject("extInfo").orElse(null))).orElse(CallUserInfo.of(defaultUserID));
    }

    private static long nonNegative(JsonFields f, String name, long value) {
        if (value < 0) {
            throw new FieldException(f.path(name), "must not be negative");
        }
        return value;
    }
}
