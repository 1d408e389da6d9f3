package org.ltintercom.sdk.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofMinutes(2);

    @Test
    void ceilingDoublesPerAttemptUpToTheCap() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, new Random(1));
        assertEquals(1_000, backoff.ceilingMillis(0));
        assertEquals(2_000, backoff.ceilingMillis(1));
        assertEquals(64_000, backoff.ceilingMillis(6));
        assertEquals(120_000, backoff.ceilingMillis(7));
        assertEquals(120_000, backoff.ceilingMillis(1_000_000));
    }

    @Test
    void everyDelayLiesBetweenZeroAndTheCeiling() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, new Random(7));
        for (int attempt = 0; attempt < 100; attempt++) {
            long delay = backoff.delay(attempt).toMillis();
            assertTrue(delay >= 0 && delay <= backoff.ceilingMillis(attempt), "attempt " + attempt + ": " + delay);
        }
    }

    @Test
    void aFleetWithTheSameSettingsDoesNotReconnectInLockstep() {
        Set<Long> firstRetry = new HashSet<>();
        Set<Long> fifthRetry = new HashSet<>();
        // each device seeds its own generator independently (the session uses SecureRandom);
        // note that java.util.Random with consecutive seeds (1000, 1001, ...) gives correlated first draws
        Random seeds = new Random(2026);
        for (int device = 0; device < 100; device++) {
            ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, new Random(seeds.nextLong()));
            firstRetry.add(backoff.delay(0).toMillis());
            fifthRetry.add(backoff.delay(4).toMillis());
        }
        assertTrue(firstRetry.size() > 80, "first retries of 100 devices spread over " + firstRetry.size() + " values");
        assertTrue(fifthRetry.size() > 90, "fifth retries of 100 devices spread over " + fifthRetry.size() + " values");
    }

    @Test
    void sameSeedGivesTheSameDelays() {
        ReconnectBackoff a = new ReconnectBackoff(MIN, MAX, new Random(42));
        ReconnectBackoff b = new ReconnectBackoff(MIN, MAX, new Random(42));
        for (int attempt = 0; attempt < 10; attempt++) {
            assertEquals(a.delay(attempt), b.delay(attempt));
        }
    }
}
