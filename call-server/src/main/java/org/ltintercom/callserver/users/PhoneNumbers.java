package org.ltintercom.callserver.users;

import java.util.regex.Pattern;

/** The phone number rule of protocol.md: {@code +} and 4-20 digits, or 4-20 digits (ASCII only). */
public final class PhoneNumbers {
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{4,20}");

    private PhoneNumbers() {
    }

    public static boolean isValid(String s) {
        return s != null && PHONE.matcher(s).matches();
    }
}
