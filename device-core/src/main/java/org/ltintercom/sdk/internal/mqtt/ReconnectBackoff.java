package org.ltintercom.sdk.internal.mqtt;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnect delay: exponential backoff with full jitter and a cap. The delay before attempt n
 * (0-based) is uniform in [0, min(max, min * 2^n)]. The jitter spreads a fleet of intercoms that
 * lost the broker at the same moment, so they do not all come back in the same second.
 */
public final class ReconnectBackoff {

    private final long minMillis;
    private final long maxMillis;
    private final Random random;

    public ReconnectBackoff(Duration min, Duration max, Random random) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.random = random;
    }

    /** The upper bound of the delay before attempt {@code attempt}: min * 2^attempt, capped. */
    public long ceilingMillis(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long ceiling = minMillis << shift;
        return ceiling <= 0 || ceiling > maxMillis ? maxMillis : ceiling;
    }

    /** The delay before attempt {@code attempt} (0 for the first retry after a loss). */
    public synchronized Duration delay(int attempt) {
        long ceiling = ceilingMillis(attempt);
        return Duration.ofMillis((long) (random.nextDouble() * (ceiling + 1)));
    }
}
