package org.ltintercom.callserver.sip;

import org.ltintercom.callserver.block.BlockStore;
import org.ltintercom.callserver.store.Database;
import org.ltintercom.callserver.users.UserAccount;
import org.ltintercom.callserver.users.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A new call: the caller proves who it is (407 digest), the callee is looked up by the
 * Request-URI's user part as the {@code X-LT-Account-Type} says (or as userID, phone number,
 * semiUID, then deviceID), and the call is refused (404 unknown, 403 {@code Reason: LT;cause=9}
 * blocked, each with its CDR) or forked to the callee's devices, waking it first when it has none.
 */
final class CallRouter {
    private static final Logger LOG = LoggerFactory.getLogger(CallRouter.class);
    static final int DEVICE_ID = 1;
    static final int USER_ID = 2;
    static final int SEMI_UID = 3;
    static final int PHONE_NUMBER = 4;

    private final ProxyContext ctx;
    private final RequestAuthenticator authenticator;
    private final Database db;
    private final WakeupSender wakeups;

    CallRouter(ProxyContext ctx, RequestAuthenticator authenticator, Database db, WakeupSender wakeups) {
        this.ctx = ctx;
        this.authenticator = authenticator;
        this.db = db;
        this.wakeups = wakeups;
    }

    void invite(Request request, ServerTransaction st) {
        Replies replies = ctx.replies();
        Optional<UserAccount> caller = authenticator.authenticate(request, st, true);
        if (caller.isEmpty()) {
            return;
        }
        replies.send(st, request, Response.TRYING);
        Request template = (Request) request.clone();
        ctx.hops().popOurRoute(template);
        if (!ctx.hops().decrementMaxForwards(template)) {
            replies.send(st, request, Response.TOO_MANY_HOPS);
            return;
        }
        LtCallHeaders lt = LtCallHeaders.of(request);
        long now = ctx.clock().getAsLong();
        String key = request.getRequestURI() instanceof SipURI u && u.getUser() != null ? u.getUser() : "";
        Lookup found;
        boolean blocked;
        try {
            found = db.inReadTransaction(c -> lookup(c, key, lt.accountType()));
            blocked = found.callee != null
                    && db.inReadTransaction(c -> BlockStore.isBlocked(c, found.callee.userID(), caller.get().userID()));
        } catch (SQLException e) {
            LOG.warn("call from {}: callee lookup failed: {}", caller.get().userID(), e.getMessage());
            replies.send(st, request, Response.SERVER_INTERNAL_ERROR);
            return;
        }
        CallParties parties = new CallParties(caller.get(), found.callee, key, found.accountType, lt, now);
        if (found.callee == null) {
            LOG.info("call {}: {} called unknown '{}', 404", lt.callID(), caller.get().userID(), key);
            replies.send(st, request, Response.NOT_FOUND, replies.reason("LT", CdrRecorder.CALLEE_NOT_FOUND, "Callee not found"));
            ctx.cdrs().ended(parties, 0, now, CdrRecorder.CALLEE_NOT_FOUND);
            return;
        }
        if (blocked) {
            LOG.info("call {}: {} has blocked {}, 403", lt.callID(), found.callee.userID(), caller.get().userID());
            replies.send(st, request, Response.FORBIDDEN, replies.reason("LT", CdrRecorder.BLOCK_CALL, "Blocked"));
            ctx.cdrs().ended(parties, 0, now, CdrRecorder.BLOCK_CALL);
            return;
        }
        String sipCallID = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        try {
            ctx.hops().recordRoute(template);
            if (!lt.callIDGiven()) {
                template.setHeader(ctx.stack().headers.createHeader(LtCallHeaders.CALL_ID, lt.callID()));
            }
        } catch (java.text.ParseException e) {
            replies.send(st, request, Response.SERVER_INTERNAL_ERROR);
            return;
        }
        Forking call = new Forking(ctx, parties, st, template, sipCallID);
        if (!ctx.calls().add(sipCallID, call)) {
            replies.send(st, request, Response.LOOP_DETECTED);
            return;
        }
        List<Binding> bindings = ctx.locations().bindingsOf(found.callee.userID());
        if (bindings.isEmpty() || ctx.settings().wakeupAlways()) {
            wakeups.wake(parties, now, bindings.size());
        }
        call.start(bindings);
    }

    /** The caller's CANCEL of a ringing call (matched by Call-ID and the INVITE's Via branch). */
    void cancel(Request cancel, ServerTransaction st) {
        String sipCallID = ((CallIdHeader) cancel.getHeader(CallIdHeader.NAME)).getCallId();
        Forking call = ctx.calls().get(sipCallID);
        String branch = ((ViaHeader) cancel.getHeader(ViaHeader.NAME)).getBranch();
        if (call == null || branch == null || !branch.equals(call.callerBranch())) {
            ctx.replies().send(st, cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        ctx.replies().send(st, cancel, Response.OK);
        call.callerCancelled();
    }

    private record Lookup(UserAccount callee, int accountType) {
    }

    private static Lookup lookup(Connection c, String key, int accountType) throws SQLException {
        if (key.isEmpty()) {
            return new Lookup(null, accountType == 0 ? USER_ID : accountType);
        }
        int[] order = accountType != 0 ? new int[] {accountType} : new int[] {USER_ID, PHONE_NUMBER, SEMI_UID, DEVICE_ID};
        for (int type : order) {
            Optional<UserAccount> u = switch (type) {
                case DEVICE_ID -> UserStore.byDeviceID(c, key);
                case SEMI_UID -> UserStore.bySemiUID(c, key);
                case PHONE_NUMBER -> UserStore.byPhoneNumber(c, key);
                default -> UserStore.byUserID(c, key);
            };
            if (u.isPresent()) {
                return new Lookup(u.get(), type);
            }
        }
        return new Lookup(null, order[0]);
    }
}
