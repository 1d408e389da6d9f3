package org.ltintercom.sdk.internal.sip;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a user agent's SIP state machine runs: one task at a time, in the order submitted, on its SIP
 * event thread ({@code lt-sip-events-N}), with one exception: a command that may run where it is
 * issued ({@link SipCallLeg#answer}) runs on the caller's thread when the lane has nothing queued or
 * running, instead of waking the event thread for it. On this project's 2-core machine an answer
 * given the moment a call rings then reaches its 200 OK one thread wake-up sooner. In SipSetupBench's
 * SDK -> SDK calls taking turns with baresip's, the ratio of the medians at the proxy was 0.94-1.07
 * before (1.05 or more in 3 runs of 4) and 0.99-1.05 after (3 runs): a small gain, near what this
 * 2-core machine can resolve.
 *
 * <p>The confinement is the lane's turn (a lock) rather than a thread: the event thread takes it for
 * each task; a command run in place takes it with {@code tryLock} and only when nothing is queued, so
 * it never overtakes a task submitted before it and never waits (no thread ever blocks on the turn
 * while holding another lock of ours). Tasks keep seeing each other's writes (the lock orders
 * them). Inside a turn, whatever is submitted (also an event jain-sip raises while a task sends) is
 * queued behind it, never run in place.
 *
 * <p>Handling jain-sip's incoming messages in place on its UDP thread the same way was tried and
 * measured no faster (the per-message hand-over it saved came back as slower steps after it), so
 * messages are always queued.
 *
 * <p>Only {@link #execute} tasks count as queued; delayed tasks ({@code schedule}) are timers, which
 * have no order with commands anyway.
 */
final class SipEventLane extends ScheduledThreadPoolExecutor {
    private final ReentrantLock turn = new ReentrantLock();
    /** Tasks handed to {@link #execute} and not finished yet. */
    private final AtomicInteger queued = new AtomicInteger();

    /** One (non-daemon) thread named {@code name}, started with the first task. */
    SipEventLane(String name) {
        super(1, r -> new Thread(r, name));
    }

    @Override
    public void execute(Runnable task) {
        queued.incrementAndGet();
        try {
            super.execute(() -> {
                try {
                    task.run();
                } finally {
                    queued.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopped) {
            queued.decrementAndGet();
            throw stopped;
        }
    }

    /**
     * Runs {@code task} on the calling thread if the lane is idle: nothing queued, no task running,
     * not stopped, and the caller is not inside a turn already. Returns false, having done nothing,
     * otherwise (the caller then queues it with {@link #execute}). {@code task} must not block: it
     * holds the lane.
     */
    boolean runHereIfIdle(Runnable task) {
        if (queued.get() != 0 || turn.isHeldByCurrentThread() || isShutdown() || !turn.tryLock()) {
            return false;
        }
        try {
            if (queued.get() != 0) {
                return false; // submitted between the check and the lock: it goes first
            }
            task.run();
            return true;
        } finally {
            turn.unlock();
        }
    }

    /** Nothing queued and nobody in a turn (tests: a command given now runs in place). */
    boolean isIdle() {
        return queued.get() == 0 && !turn.isLocked();
    }

    /** Whether the calling thread is running one of this lane's tasks (on the event thread or in place). */
    boolean inTurn() {
        return turn.isHeldByCurrentThread();
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        turn.lock();
        super.beforeExecute(thread, task);
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        try {
            super.afterExecute(task, failure);
        } finally {
            turn.unlock();
        }
    }
}
