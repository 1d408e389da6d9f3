package org.ltintercom.callserver.sip;

import org.ltintercom.callserver.cdr.CallUserInfo;
import org.ltintercom.callserver.users.UserAccount;

/**
 * Who calls whom: the authenticated caller, the callee found by {@code calleeKey} (null when no
 * user matches), how the key was meant ({@code accountType}, 1-4, the one that matched when the
 * caller did not say) and the INVITE's LT headers.
 */
record CallParties(UserAccount caller, UserAccount callee, String calleeKey, int accountType, LtCallHeaders lt,
                   long startMillis) {

    String calleeID() {
        return callee != null ? callee.userID() : calleeKey;
    }

    CallUserInfo callerInfo() {
        return info(caller, lt.extInfo());
    }

    CallUserInfo calleeInfo() {
        return callee != null ? info(callee, null) : CallUserInfo.of(calleeKey);
    }

    private static CallUserInfo info(UserAccount u, com.fasterxml.jackson.databind.node.ObjectNode extInfo) {
        return new CallUserInfo(u.userID(), orEmpty(u.phoneNumber()), orEmpty(u.semiUID()), orEmpty(u.deviceID()),
                orEmpty(u.nickName()), extInfo);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
