package org.ltintercom.sdk.internal.sip;

/** Reads the digit of a SIP INFO body in the {@code application/dtmf-relay} form ({@code Signal=5}). */
final class DtmfRelay {

    private DtmfRelay() {
    }

    /** The digit (0-9 * # A-D), or null when the body carries none. */
    static Character digit(String body) {
        if (body == null) {
            return null;
        }
        for (String line : body.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).trim().equalsIgnoreCase("Signal")) {
                String v = line.substring(eq + 1).trim().toUpperCase(java.util.Locale.ROOT);
                if (v.length() == 1 && "0123456789*#ABCD".indexOf(v.charAt(0)) >= 0) {
                    return v.charAt(0);
                }
            }
        }
        return null;
    }
}
