package org.ltintercom.app.behaviour;

import org.junit.jupiter.api.Test;
import org.ltintercom.app.config.Secret;
import org.ltintercom.app.config.Settings;
import org.ltintercom.app.testing.FakeTimers;
import org.ltintercom.hal.gpio.DoorRelay;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoorCodeLockTest {

    private final FakeTimers timers = new FakeTimers();
    private int pulses;
    private final DoorRelay relay = new DoorRelay() {
        @Override
        public void pulse() {
            pulses++;
        }

        @Override
        public boolean isEnergised() {
            return false;
        }

        @Override
        public void addListener(RelayListener listener) {
        }

        @Override
        public void close() {
        }
    };
    private final DoorCodeLock lock = new DoorCodeLock(new Settings.DoorCode(Secret.of("4711"), 3,
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofSeconds(5)), timers, relay);

    private DoorCodeLock.Result type(String keys) {
        DoorCodeLock.Result last = null;
        for (char c : keys.toCharArray()) {
            last = lock.onDigit(c);
        }
        return last;
    }

    @Test
    void correctCodeOpensTheDoor() {
        assertEquals(DoorCodeLock.Result.COLLECTING, type("471"));
        assertEquals(DoorCodeLock.Result.OPENED, type("1"));
        assertEquals(1, pulses);
    }

    @Test
    void aPauseLongerThanTheDigitTimeoutDiscardsTheKeysTypedSoFar() {
        type("47");
        timers.advanceSeconds(5);
        assertEquals(DoorCodeLock.Result.COLLECTING, type("11"), "only 2 keys count now");
        assertEquals(DoorCodeLock.Result.WRONG, type("47"), "1147 is wrong");
        assertEquals(0, pulses);
        timers.advanceSeconds(4);
        assertEquals(DoorCodeLock.Result.OPENED, type("4711"));
    }

    @Test
    void wrongCodesLockTheCodeForAGrowingTime() {
        assertEquals(DoorCodeLock.Result.WRONG, type("0000"));
        assertEquals(DoorCodeLock.Result.WRONG, type("0001"));
        assertEquals(DoorCodeLock.Result.LOCKED_OUT, type("0002"));
        assertTrue(lock.isLocked());
        assertEquals(DoorCodeLock.Result.LOCKED, type("4711"), "even the right code is refused while locked");
        assertEquals(0, pulses);

        timers.advanceSeconds(30);
        assertFalse(lock.isLocked());
        type("1111");
        type("1112");
        assertEquals(DoorCodeLock.Result.LOCKED_OUT, type("1113"));
        timers.advanceSeconds(30);
        assertTrue(lock.isLocked(), "second lockout is twice as long");
        timers.advanceSeconds(30);
        assertFalse(lock.isLocked());

        assertEquals(Duration.ofMinutes(2), lock.lockoutAfter(2));
        assertEquals(Duration.ofMinutes(2), lock.lockoutAfter(40), "capped at maxLockout");
    }

    @Test
    void hangingUpDoesNotResetTheLockoutButACorrectCodeResetsTheCounter() {
        type("9999");
        type("9998");
        lock.onCallEnded();
        assertEquals(2, lock.wrongAttempts());
        assertEquals(DoorCodeLock.Result.OPENED, type("4711"));
        assertEquals(0, lock.wrongAttempts());
        lock.onDigit('4');
        lock.onCallEnded();
        assertEquals(DoorCodeLock.Result.COLLECTING, type("471"), "keys of the ended call were dropped");
    }
}
