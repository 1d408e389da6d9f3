package org.ltintercom.sdk.internal.call;

/** The DTMF alphabet of RFC 4733 events 0-15: 0-9, *, #, A-D. */
public final class DtmfDigits {
    private static final String ALPHABET = "0123456789*#ABCD";

    private DtmfDigits() {
    }

    /**
     * {@code digits} with a-d upper-cased.
     *
     * @throws IllegalArgumentException naming the first character that is not a DTMF digit
     */
    public static String check(String digits) {
        if (digits == null || digits.isEmpty()) {
            throw new IllegalArgumentException("digits: required, one or more of 0-9 * # A-D");
        }
        String upper = digits.toUpperCase(java.util.Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            if (ALPHABET.indexOf(upper.charAt(i)) < 0) {
                throw new IllegalArgumentException("digits[" + i + "]: '" + digits.charAt(i) + "' is not a DTMF digit (0-9 * # A-D)");
            }
        }
        return upper;
    }

    /** The RFC 4733 event code of a checked digit (0-9 -> 0-9, * -> 10, # -> 11, A-D -> 12-15). */
    public static int eventCode(char digit) {
        int code = ALPHABET.indexOf(Character.toUpperCase(digit));
        if (code < 0) {
            throw new IllegalArgumentException("digit: '" + digit + "' is not a DTMF digit (0-9 * # A-D)");
        }
        return code;
    }
}
