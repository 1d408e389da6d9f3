package org.ltintercom.sdk;

/** What the service knows of another user, looked up by phone number or semiUID. */
public record LTUserStatus(String userID, String phoneNumber, String email, String semiUID, String brandID,
                           String corpID, boolean canVOIP, boolean canIM) {
}
