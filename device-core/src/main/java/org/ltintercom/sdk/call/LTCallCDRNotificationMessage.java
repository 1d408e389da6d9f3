package org.ltintercom.sdk.call;

/**
 * A call detail record: one ended call, as {@code queryCDR} returns it and as
 * {@link LTCallNotificationListener#onCallCDRNotification} announces it. Times are ms since the epoch.
 *
 * @param endReason the {@link LTCallStatusCode} code that ended the call
 */
public record LTCallCDRNotificationMessage(String transID, String msgID, String receiver, String senderID,
                                           long sendTime, String callID, String caller, String callee,
                                           LTCallUserInfo callerInfo, LTCallUserInfo calleeInfo,
                                           long callStartTime, long callEndTime, long billingSecond,
                                           String isrCode, String forwarder, int endReason) {
}
