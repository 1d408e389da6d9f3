package org.ltintercom.callserver.sip;

import org.ltintercom.callserver.cdr.CdrStore;
import org.ltintercom.callserver.cdr.NewCdr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.UUID;

/**
 * Writes the CDR of each call that ended, at the moment it ended (so {@code queryCDR} sees it at
 * once): from the INVITE to the end, billing the seconds from the answer to the BYE (0 when
 * unanswered), with the LT end reason (1 hang-up, 2 miss, 4 decline, 5 busy, 8 callee not found,
 * 9 blocked).
 */
final class CdrRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(CdrRecorder.class);

    static final int HANGUP = 1;
    static final int MISS = 2;
    static final int DECLINE = 4;
    static final int BUSY = 5;
    static final int CALLEE_NOT_FOUND = 8;
    static final int BLOCK_CALL = 9;

    private final CdrStore cdrs;

    CdrRecorder(CdrStore cdrs) {
        this.cdrs = cdrs;
    }

    /** An ended call; {@code answeredAt} 0 = never answered. A database failure is logged, never thrown. */
    void ended(CallParties call, long answeredAt, long endedAt, int endReason) {
        long end = Math.max(endedAt, call.startMillis());
        long billing = answeredAt > 0 ? Math.max(0, end - answeredAt) / 1000 : 0;
        NewCdr cdr = new NewCdr(UUID.randomUUID().toString(), call.calleeID(), CdrStore.SENDER_ID, call.lt().callID(),
                call.caller().userID(), call.calleeID(), call.callerInfo(), call.calleeInfo(), call.startMillis(), end,
                billing, call.lt().isrCode(), "", endReason, null);
        try {
            cdrs.insert(cdr);
            LOG.info("CDR: call {} {} -> {} ended, reason {}, {} s billed", call.lt().callID(),
                    call.caller().userID(), call.calleeID(), endReason, billing);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("CDR of call {} not recorded: {}", call.lt().callID(), e.getMessage());
        }
    }
}
