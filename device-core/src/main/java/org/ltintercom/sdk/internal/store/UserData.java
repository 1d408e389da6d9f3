package org.ltintercom.sdk.internal.store;

import org.ltintercom.sdk.LTUser;
import org.ltintercom.sdk.internal.service.SipAccount;

/**
 * What the device keeps of its signed-in user between runs: the init result (token, user, SIP
 * account) and the registered wakeup topic (null until {@code updateNotificationKey} succeeded).
 */
public record UserData(String userID, String token, LTUser user, SipAccount sip, String notificationKey) {

    public UserData withNotificationKey(String topic) {
        return new UserData(userID, token, user, sip, topic);
    }

    @Override
    public String toString() {
        return "UserData{userID=" + userID + ", token=***, user=" + user + ", sip=" + sip
                + ", notificationKey=" + notificationKey + "}";
    }
}
