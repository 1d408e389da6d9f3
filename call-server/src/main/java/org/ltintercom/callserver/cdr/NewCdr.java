package org.ltintercom.callserver.cdr;

import java.util.Objects;
import java.util.UUID;

/**
 * A call detail record to be stored: everything of a {@link Cdr} except msgID and sendTime,
 * which {@link CdrStore#insert} assigns. {@code proposedSendTime} (ms, nullable = now) is moved
 * forward to the next free millisecond when another CDR holds it.
 */
public record NewCdr(String transID, String receiver, String senderID, String callID, String caller, String callee,
                     CallUserInfo callerInfo, CallUserInfo calleeInfo, long callStartTime, long callEndTime,
                     long billingSecond, String isrCode, String forwarder, int endReason, Long proposedSendTime) {

    public NewCdr {
        Objects.requireNonNull(transID, "transID");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(senderID, "senderID");
        Objects.requireNonNull(callID, "callID");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(callerInfo, "callerInfo");
        Objects.requireNonNull(calleeInfo, "calleeInfo");
        Objects.requireNonNull(isrCode, "isrCode");
        Objects.requireNonNull(forwarder, "forwarder");
        if (callEndTime < callStartTime) {
            throw new IllegalArgumentException("callEndTime: before callStartTime");
        }
        if (billingSecond < 0) {
            throw new IllegalArgumentException("billingSecond: must not be negative");
        }
    }

    /**
     * The usual CDR of an ended call between two users: billing from the call times, the callee
     * as receiver, new random transID, recorded now.
     */
    public static NewCdr of(String callID, String caller, String callee, long callStartTime, long callEndTime,
                            int endReason) {
        return new NewCdr(UUID.randomUUID().toString(), callee, CdrStore.SENDER_ID, callID, caller, callee,
                CallUserInfo.of(caller), CallUserInfo.of(callee), callStartTime, callEndTime,
                (callEndTime - callStartTime) / 1000, "", "", endReason, null);
    }
}
