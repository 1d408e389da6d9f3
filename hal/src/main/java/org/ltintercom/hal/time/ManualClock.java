package org.ltintercom.hal.time;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Virtual time for tests and the simulator: time stands still until {@link #advance} moves it.
 * Advancing steps through every deadline of every attached {@link HalScheduler} in order and
 * waits until each scheduler has run what became due, so after {@code advance} returns, every
 * effect up to the new time has happened (on the schedulers' own named threads).
 */
public final class ManualClock implements HalClock {

    private static final long SETTLE_TIMEOUT_MILLIS = 10_000;

    private final AtomicLong now = new AtomicLong();
    private final List<HalScheduler> schedulers = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public boolean isManual() {
        return true;
    }

    @Override
    public void attach(HalScheduler scheduler) {
        schedulers.add(scheduler);
    }

    @Override
    public void detach(HalScheduler scheduler) {
        schedulers.remove(scheduler);
    }

    /** Moves time forward by {@code step}, running every task that falls due on the way, in time order. */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("step: must not be negative, was " + step);
        }
        long target = now.get() + step.toNanos();
        settle();
        while (true) {
            long next = nextDeadline();
            if (next > target) {
                break;
            }
            now.set(Math.max(now.get(), next));
            settle();
        }
        now.set(target);
        settle();
    }

    /** Shorthand for {@code advance(Duration.ofMillis(millis))}. */
    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** Waits until every attached scheduler has run all tasks due at the current time. */
    public void settle() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_TIMEOUT_MILLIS);
        boolean progressed;
        do {
            progressed = false;
            for (HalScheduler scheduler : schedulers) {
                scheduler.wake();
                if (!scheduler.isIdle()) {
                    progressed = true;
                    if (!scheduler.awaitIdle(deadline - System.nanoTime())) {
                        throw new IllegalStateException(scheduler.name() + ": did not settle within "
                                + SETTLE_TIMEOUT_MILLIS + " ms");
                    }
                }
            }
        } while (progressed);
    }

    private long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (HalScheduler scheduler : schedulers) {
            next = Math.min(next, scheduler.nextDeadline());
        }
        return next;
    }
}
