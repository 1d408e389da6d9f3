package org.ltintercom.app.config;

/**
 * A password, license key or door code. Its {@link #toString()} is redacted so that logging a
 * configuration record never leaks it; only {@link #reveal()} gives the value, at the point of use.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** The secret itself; never pass it to a logger. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && java.security.MessageDigest.isEqual(
                s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // stable and reveals nothing
    }

    @Override
    public String toString() {
        return "***";
    }
}
