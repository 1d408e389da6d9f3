package org.ltintercom.app.behaviour;

import org.junit.jupiter.api.Test;
import org.ltintercom.app.testing.FakeTimers;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdleCompactionTest {

    private final FakeTimers timers = new FakeTimers();
    private final AtomicInteger collections = new AtomicInteger();
    private final IdleCompaction compaction = new IdleCompaction(timers, collections::incrementAndGet);

    @Test
    void theStartsGarbageIsCollectedOnceSoonAfterReady() {
        compaction.started();
        timers.advance(IdleCompaction.AFTER_START.minusMillis(1));
        assertEquals(0, collections.get(), "not before the delay");
        timers.advanceSeconds(1);
        assertEquals(1, collections.get());
        timers.advanceSeconds(3600);
        assertEquals(1, collections.get(), "an idle device collects once, not every few seconds");
        assertEquals(1, compaction.runs());
    }

    @Test
    void neverDuringACallAndOnceAfterItWhenTheDeviceStaysIdle() {
        compaction.started();
        compaction.callState("ringing"); // the button, before the start's compaction was due
        timers.advanceSeconds(60);
        compaction.callState("connected");
        timers.advanceSeconds(600);
        assertEquals(0, collections.get(), "a collection pauses every thread, audio too");
        compaction.callState("idle");
        timers.advance(IdleCompaction.AFTER_CALL.minusMillis(1));
        assertEquals(0, collections.get());
        timers.advanceSeconds(1);
        assertEquals(1, collections.get());
        compaction.callState("idle"); // the same state again is no new activity
        timers.advanceSeconds(600);
        assertEquals(1, collections.get());
    }

    @Test
    void callsInQuickSuccessionGiveOneCollectionAfterTheLast() {
        for (int i = 0; i < 5; i++) {
            compaction.callState("ringing");
            timers.advanceSeconds(3);
            compaction.callState("idle");
            timers.advanceSeconds(5); // less than AFTER_CALL: the next call comes first
        }
        assertEquals(0, collections.get());
        timers.advance(IdleCompaction.AFTER_CALL);
        assertEquals(1, collections.get());
        assertEquals(0, timers.pending());
    }
}
