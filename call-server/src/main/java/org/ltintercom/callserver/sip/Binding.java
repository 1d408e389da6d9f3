package org.ltintercom.callserver.sip;

/**
 * One registered device of a user: where to send its requests ({@code contact}, a SIP URI as
 * the device registered it), identified by its {@code +sip.instance} or else by the contact
 * itself, valid until {@code expiresAtMillis}.
 */
public record Binding(String userID, String key, String contact, long expiresAtMillis) {

    /** Seconds left at {@code nowMillis}, at least 0. */
    public long secondsLeft(long nowMillis) {
        return Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }
}
