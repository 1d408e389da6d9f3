package org.ltintercom.callserver.http;

import org.ltintercom.callserver.users.UserAccount;

/** Wire forms of a user: {@code User} (LTUser) and {@code UserStatus} (LTUserStatus); absent strings are "". */
final class UserJson {
    static final String ACCOUNT_SRC = "lt-intercom";

    record User(String userID, String uuid, String phoneNumber, String semiUID, String deviceID, String accountSrc,
                boolean canUseVoice) {
    }

    record UserStatus(String userID, String phoneNumber, String email, String semiUID, String brandID,
                      String corpID, boolean canVOIP, boolean canIM) {
    }

    private UserJson() {
    }

    static User user(UserAccount u) {
        return new User(u.userID(), u.uuid(), orEmpty(u.phoneNumber()), orEmpty(u.semiUID()), u.deviceID(),
                ACCOUNT_SRC, u.canVOIP());
    }

    static UserStatus status(UserAccount u) {
        return new UserStatus(u.userID(), orEmpty(u.phoneNumber()), orEmpty(u.email()), orEmpty(u.semiUID()),
                u.brandID(), u.corpID(), u.canVOIP(), u.canIM());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
