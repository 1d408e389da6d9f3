package org.ltintercom.sdk.internal.push;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class WakeupGateTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        long millis;

        HandClock(long millis) {
            this.millis = millis;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void aFreshWakeupPassesOnceAndItsDuplicateIsDropped() {
        WakeupGate gate = new WakeupGate(new HandClock(1_000), 16);
        assertNull(gate.admit("w-1", 31_000));
        assertEquals("duplicate transID", gate.admit("w-1", 31_000));
        assertNull(gate.admit("w-2", 31_000));
    }

    @Test
    void aStaleWakeupIsDroppedNotRung() {
        HandClock clock = new HandClock(50_000);
        WakeupGate gate = new WakeupGate(clock, 16);
        assertEquals("stale: expired 1000 ms ago", gate.admit("w-1", 49_000));
        assertNull(gate.admit("w-2", 50_000), "expiring this very millisecond is still fresh");
    }

    @Test
    void memoryIsBoundedByCapacityAndExpiredTransIdsAreForgotten() {
        HandClock clock = new HandClock(0);
        WakeupGate gate = new WakeupGate(clock, 3);
        for (int i = 0; i < 10; i++) {
            assertNull(gate.admit("w-" + i, 10_000));
        }
        assertEquals(3, gate.remembered());
        assertEquals("duplicate transID", gate.admit("w-9", 10_000));
        clock.millis = 20_000;
        assertNull(gate.admit("w-late", 30_000));
        assertEquals(1, gate.remembered(), "the expired ones were forgotten");
    }
}
