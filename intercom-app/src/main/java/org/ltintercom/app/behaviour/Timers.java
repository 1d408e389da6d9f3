package org.ltintercom.app.behaviour;

import org.ltintercom.hal.time.HalScheduler;

import java.time.Duration;

/**
 * Time for the behaviour engines: a monotonic clock and one-shot timers. The engines are
 * single-threaded: their methods and their timer callbacks all run on one thread (the app's
 * event loop, an {@link HalScheduler}), so they need no locks. Tests use a fake that runs due
 * timers when the test advances time.
 */
public interface Timers {

    /** Monotonic nanoseconds. */
    long nanoTime();

    /** Runs {@code task} once after {@code delay}, on the engines' thread. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be called off; cancelling twice or after it ran does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /** Timers on a HAL scheduler's thread (the app's event loop). */
    static Timers on(HalScheduler scheduler) {
        return new Timers() {
            @Override
            public long nanoTime() {
                return scheduler.now();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return scheduler.after(delay, task)::cancel;
            }
        };
    }
}
