package org.ltintercom.sdk.internal.push;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets each wakeup through once and only while it is fresh: a wakeup whose {@code expiresAt} has
 * passed is stale (the caller has given up; ringing now would ring for nobody), and one whose
 * transID was let through before is a duplicate (QoS 1 delivers at least once). Remembers at most
 * {@code capacity} transIDs, each only until it expires.
 */
public final class WakeupGate {
    private final Clock clock;
    private final int capacity;
    private final Map<String, Long> seen = new LinkedHashMap<>();

    public WakeupGate(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Null when the wakeup may pass (and is now remembered), else why it is dropped. */
    public synchronized String admit(String transID, long expiresAt) {
        long now = clock.millis();
        forgetExpired(now);
        if (expiresAt < now) {
            return "stale: expired " + (now - expiresAt) + " ms ago";
        }
        if (seen.containsKey(transID)) {
            return "duplicate transID";
        }
        if (seen.size() >= capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        seen.put(transID, expiresAt);
        return null;
    }

    synchronized int remembered() {
        return seen.size();
    }

    private void forgetExpired(long now) {
        // a wakeup that has expired is refused as stale anyway, so its transID need not be kept
        seen.values().removeIf(expiresAt -> expiresAt < now);
    }
}
