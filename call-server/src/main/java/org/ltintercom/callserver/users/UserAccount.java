package org.ltintercom.callserver.users;

/**
 * One account of the call service, as listed in the users file: the LT user (userID + uuid
 * authenticate init), how others find it (phoneNumber, semiUID), the device it runs on,
 * its permissions and its SIP credentials.
 */
public record UserAccount(String userID, String uuid, String semiUID, String phoneNumber, String email,
                          String deviceID, String brandID, String corpID, boolean canVOIP, boolean canIM,
                          String sipPassword, String nickName) {

    @Override
    public String toString() {
        // never print uuid or sipPassword: both are credentials
        return "UserAccount[userID=" + userID + ", deviceID=" + deviceID + "]";
    }
}
