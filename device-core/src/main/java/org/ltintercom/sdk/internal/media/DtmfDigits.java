package org.ltintercom.sdk.internal.media;

/** The RFC 4733 event codes of DTMF digits (0-9, *, #, A-D) and their dual-tone frequencies. */
public final class DtmfDigits {
    private static final String DIGITS = "0123456789*#ABCD";
    private static final int[] LOW = {697, 770, 852, 941};
    private static final int[] HIGH = {1209, 1336, 1477, 1633};
    private static final String KEYPAD = "123A456B789C*0#D";

    private DtmfDigits() {
    }

    /** The event code of {@code digit}, or -1 if it is not a DTMF digit (lower-case a-d accepted). */
    public static int eventOf(char digit) {
        return DIGITS.indexOf(Character.toUpperCase(digit));
    }

    /** The digit of an event code 0..15, or 0 for other events (flash, tones). */
    public static char digitOf(int event) {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : 0;
    }

    /** The row (low) frequency of {@code digit} in Hz. */
    public static int lowHz(char digit) {
        return LOW[position(digit) / 4];
    }

    /** The column (high) frequency of {@code digit} in Hz. */
    public static int highHz(char digit) {
        return HIGH[position(digit) % 4];
    }

    private static int position(char digit) {
        int p = KEYPAD.indexOf(Character.toUpperCase(digit));
        if (p < 0) {
            throw new IllegalArgumentException("digit: not a DTMF digit: '" + digit + "'");
        }
        return p;
    }
}
