package org.ltintercom.sdk.call;

/**
 * An incoming-call notification (the wakeup, the headless VoIP push) handed to
 * {@link LTCallNotificationListener#onCallNotification}; pass it to
 * {@link LTCallCenterManager#startCall(LTCallNotificationMessage, LTCallStateListener)} to ring.
 *
 * @param sendTime  when the service sent it, ms since the epoch
 * @param expiresAt after this instant (ms since the epoch) the call is no longer worth ringing
 */
public record LTCallNotificationMessage(String transID, String receiver, LTCallOptions callOptions,
                                        LTCallUserInfo callerInfo, LTCallUserInfo calleeInfo,
                                        long sendTime, long expiresAt) {

    /** True when this message announces an incoming call (it carries the call's options). */
    public boolean isIncomingCallMessage() {
        return callOptions != null && callOptions.callType() == LTCallType.INCOMING && callOptions.callID() != null;
    }
}
