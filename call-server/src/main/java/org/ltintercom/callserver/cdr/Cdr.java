package org.ltintercom.callserver.cdr;

/** A stored call detail record ({@code LTCallCDRNotificationMessage} of the SDK); times in ms since the epoch. */
public record Cdr(String transID, String msgID, String receiver, String senderID, long sendTime, String callID,
                  String caller, String callee, CallUserInfo callerInfo, CallUserInfo calleeInfo,
                  long callStartTime, long callEndTime, long billingSecond, String isrCode, String forwarder,
                  int endReason) {
}
