package org.ltintercom.sdk;

/** One account of the signed-in user, as {@code LTSDK.getUsers()} returns it. */
public record LTUser(String userID, String uuid, String phoneNumber, String semiUID, String deviceID,
                     String accountSrc, boolean canUseVoice) {

    /** Masks the uuid: it authenticates the user and must not end up in a log. */
    @Override
    public String toString() {
        return "LTUser{userID=" + userID + ", uuid=***, phoneNumber=" + phoneNumber + ", semiUID=" + semiUID
                + ", deviceID=" + deviceID + ", accountSrc=" + accountSrc + ", canUseVoice=" + canUseVoice + "}";
    }
}
