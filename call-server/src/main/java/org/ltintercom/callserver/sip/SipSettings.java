package org.ltintercom.callserver.sip;

import java.time.Duration;
import java.util.Objects;

/**
 * How call-server's SIP half runs: where it listens ({@code port} 0 = a port free for UDP and
 * TCP), its digest realm ({@code domain}), how long a call may ring or wait for a woken device
 * ({@code ringTimeout}), whether one device's 603 ends the call on all ({@code declineEverywhere}), and
 * whether every call publishes the callee's wakeup or only a call to a callee registered nowhere
 * ({@code wakeupAlways}).
 */
public record SipSettings(String host, int port, String domain, Duration ringTimeout, boolean declineEverywhere,
                          int minExpires, int maxExpires, boolean wakeupAlways) {
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MIN_EXPIRES = 60;
    public static final int DEFAULT_MAX_EXPIRES = 3600;

    public SipSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("sipPort: must be 0-65535, was " + port);
        }
        if (ringTimeout.isNegative() || ringTimeout.isZero() || ringTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("ringTimeout: must be more than 0 and at most 10 minutes, was " + ringTimeout);
        }
        if (minExpires < 1 || maxExpires < minExpires) {
            throw new IllegalArgumentException("minExpires/maxExpires: need 1 <= minExpires <= maxExpires");
        }
    }
}
