package org.ltintercom.app.behaviour;

import java.time.Duration;

/**
 * Gives the memory of a busy spell back to the system once the device is quiet again. A start
 * (class loading, the first start's acoustic calibration) and every call leave garbage in the Java
 * heap; a generational collector keeps the pages that garbage touched for as long as the heap
 * stays that size, so a door station would carry its busiest minute's footprint for months. A
 * full collection once the device has been idle for {@code quiet} compacts the live objects and
 * lets the heap shrink to them (the JVM's {@code MaxHeapFreeRatio}), returning the rest.
 *
 * <p>Never during a call: the collection pauses every thread, audio included. At most one per
 * quiet spell: a device that stays idle for a week collects once, not every {@code quiet}. Runs on
 * the engines' thread, like every {@link Timers} user.
 */
public final class IdleCompaction {

    /** How long the device must be idle after a call before the heap is compacted. */
    public static final Duration AFTER_CALL = Duration.ofSeconds(10);
    /** After READY=1: the start's garbage is all there is by then. */
    public static final Duration AFTER_START = Duration.ofSeconds(2);

    private final Timers timers;
    private final Runnable compact;
    private Timers.Cancellable pending;
    private boolean inCall;
    private int runs;

    /** {@code compact} is the collection ({@code System::gc} in the app; a counter in tests). */
    public IdleCompaction(Timers timers, Runnable compact) {
        this.timers = timers;
        this.compact = compact;
    }

    /** The app told systemd it is ready: compact the start's garbage soon, unless a call starts first. */
    public void started() {
        if (!inCall) {
            schedule(AFTER_START);
        }
    }

    /** The call state as the status document shows it: {@code idle} ends activity, anything else is a call. */
    public void callState(String state) {
        boolean nowInCall = !"idle".equals(state);
        if (nowInCall) {
            inCall = true;
            cancel();
        } else if (inCall) {
            inCall = false;
            schedule(AFTER_CALL);
        }
    }

    /** How many compactions ran (for the status and the tests). */
    public int runs() {
        return runs;
    }

    private void schedule(Duration delay) {
        cancel();
        pending = timers.schedule(delay, this::due);
    }

    private void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private void due() {
        pending = null;
        if (!inCall) {
            runs++;
            compact.run();
        }
    }
}
