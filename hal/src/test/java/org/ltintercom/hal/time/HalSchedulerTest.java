package org.ltintercom.hal.time;

import org.junit.jupiter.api.Test;
import org.ltintercom.hal.testing.Threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The HAL's scheduler in virtual and in real time. */
class HalSchedulerTest {

    @Test
    void tasksRunInTimeOrderOnTheNamedThreadAsVirtualTimeAdvances() {
        ManualClock clock = new ManualClock();
        List<String> ran = new ArrayList<>();
        try (HalScheduler scheduler = new HalScheduler("lt-test-scheduler", clock)) {
            scheduler.at(30_000_000, () -> ran.add("30ms@" + clock.nanoTime() + " on " + Thread.currentThread().getName()));
            scheduler.at(10_000_000, () -> ran.add("10ms@" + clock.nanoTime()));
            HalScheduler.Task cancelled = scheduler.at(20_000_000, () -> ran.add("cancelled"));
            cancelled.cancel();
            clock.advanceMillis(25);
            assertEquals(List.of("10ms@10000000"), ran, "stops at each deadline on the way");
            clock.advanceMillis(25);
            assertEquals(List.of("10ms@10000000", "30ms@30000000 on lt-test-scheduler"), ran);
            assertEquals(50_000_000, clock.nanoTime());
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheScheduler() {
        ManualClock clock = new ManualClock();
        List<String> ran = new ArrayList<>();
        try (HalScheduler scheduler = new HalScheduler("lt-test-scheduler", clock)) {
            scheduler.execute(() -> {
                throw new IllegalStateException("boom (expected by the test)");
            });
            scheduler.execute(() -> ran.add("after"));
            clock.settle();
            assertEquals(List.of("after"), ran);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> scheduler.runAndWait(() -> {
                        throw new IllegalArgumentException("bad");
                    }, Duration.ofSeconds(5)));
            assertEquals("bad", e.getCause().getMessage());
        }
    }

    @Test
    void realClockRunsDelayedTasksAndCloseStopsTheThread() throws Exception {
        Set<String> before = Threads.allThreads();
        for (int i = 0; i < 2; i++) {
            CompletableFuture<Long> done = new CompletableFuture<>();
            try (HalScheduler scheduler = new HalScheduler("lt-test-scheduler", HalClock.system())) {
                long start = System.nanoTime();
                scheduler.after(Duration.ofMillis(20), () -> done.complete(System.nanoTime() - start));
                long waited = done.get(10, TimeUnit.SECONDS);
                assertEquals(true, waited >= 20_000_000L, "not before its time: " + waited);
            }
        }
        Threads.awaitNoNewThreads(before);
    }
}
