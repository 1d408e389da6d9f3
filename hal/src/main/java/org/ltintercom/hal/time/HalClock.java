package org.ltintercom.hal.time;

/**
 * The monotonic time source of the HAL. Every timestamp the HAL reports (button events,
 * LED transitions, relay changes) comes from here, so a test can swap in a {@link ManualClock}
 * and assert exact times without ever looking at the wall clock.
 */
public interface HalClock {

    /** Monotonic nanoseconds from an arbitrary origin. */
    long nanoTime();

    /**
     * True when time only moves when someone calls {@link ManualClock#advance}; a scheduler then
     * waits to be woken rather than for a timeout.
     */
    default boolean isManual() {
        return false;
    }

    /** Called by a scheduler that runs on this clock, so a manual clock can wake and settle it. */
    default void attach(HalScheduler scheduler) {
    }

    /** Undoes {@link #attach}. */
    default void detach(HalScheduler scheduler) {
    }

    /** The real monotonic clock ({@link System#nanoTime()}). */
    static HalClock system() {
        return SystemClock.INSTANCE;
    }

    /** The {@link System#nanoTime()} clock. */
    enum SystemClock implements HalClock {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }
    }
}
