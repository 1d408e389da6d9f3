package org.ltintercom.hal.time;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One named thread that runs tasks at absolute times of a {@link HalClock}. The HAL's timing
 * (debounce, long press, LED patterns, relay pulses, tone pacing) runs here instead of on
 * {@code ScheduledExecutorService}, because this scheduler also obeys a {@link ManualClock}:
 * tests move virtual time and get exact, repeatable timestamps.
 *
 * <p>Tasks are scheduled for absolute clock times so that periodic patterns do not drift: a
 * late step does not delay the next one.
 */
public final class HalScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HalScheduler.class);

    private final String name;
    private final HalClock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final Thread thread;
    private long sequence;
    private boolean running = true;
    private boolean busy;

    /** Starts the thread, named {@code threadName} (by convention {@code lt-hal-<what>}). */
    public HalScheduler(String threadName, HalClock clock) {
        this.name = threadName;
        this.clock = clock;
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        clock.attach(this);
        thread.start();
    }

    public String name() {
        return name;
    }

    public HalClock clock() {
        return clock;
    }

    public long now() {
        return clock.nanoTime();
    }

    /** True on this scheduler's own thread. */
    public boolean inSchedulerThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} as soon as possible. */
    public Task execute(Runnable task) {
        return at(Long.MIN_VALUE, task);
    }

    /** Runs {@code task} after {@code delay} from now. */
    public Task after(Duration delay, Runnable task) {
        return at(clock.nanoTime() + delay.toNanos(), task);
    }

    /** Runs {@code task} when the clock reaches {@code atNanos}. */
    public Task at(long atNanos, Runnable task) {
        lock.lock();
        try {
            Task scheduled = new Task(atNanos, sequence++, task);
            if (!running) {
                scheduled.cancelled = true;
                return scheduled;
            }
            queue.add(scheduled);
            changed.signalAll();
            return scheduled;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code task} on this thread and waits for it (or runs it in place when called from
     * this thread); used for shutdown steps that must have happened before close returns.
     */
    public void runAndWait(Runnable task, Duration timeout) {
        if (inSchedulerThread()) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + ": task failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + ": task did not finish within " + timeout);
        }
    }

    /** Stops the thread after the task that is running, drops pending tasks, and joins the thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!running) {
                return;
            }
            running = false;
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        clock.detach(this);
        if (!inSchedulerThread()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("{}: thread did not stop within 5 s", name);
            }
        }
    }

    // --- used by ManualClock ---

    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isIdle() {
        lock.lock();
        try {
            return idleLocked();
        } finally {
            lock.unlock();
        }
    }

    boolean awaitIdle(long timeoutNanos) {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (!idleLocked()) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    long nextDeadline() {
        lock.lock();
        try {
            dropCancelledHead();
            Task head = queue.peek();
            return head == null ? Long.MAX_VALUE : head.atNanos;
        } finally {
            lock.unlock();
        }
    }

    private boolean idleLocked() {
        if (busy) {
            return false;
        }
        dropCancelledHead();
        Task head = queue.peek();
        return !running || head == null || head.atNanos > clock.nanoTime();
    }

    private void dropCancelledHead() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
    }

    private void loop() {
        lock.lock();
        try {
            while (running) {
                dropCancelledHead();
                Task head = queue.peek();
                if (head == null) {
                    changed.await();
                    continue;
                }
                long now = clock.nanoTime();
                if (head.atNanos > now) {
                    if (clock.isManual()) {
                        changed.await();
                    } else {
                        changed.awaitNanos(head.atNanos - now);
                    }
                    continue;
                }
                queue.poll();
                busy = true;
                lock.unlock();
                try {
                    head.runnable.run();
                } catch (RuntimeException | Error e) {
                    log.error("{}: task failed; the scheduler keeps running", name, e);
                } finally {
                    lock.lock();
                    busy = false;
                    changed.signalAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            busy = false;
            changed.signalAll();
            lock.unlock();
        }
    }

    /** A scheduled task; cancel it to keep it from running. */
    public static final class Task implements Comparable<Task> {
        private final long atNanos;
        private final long sequence;
        private final Runnable runnable;
        private volatile boolean cancelled;

        private Task(long atNanos, long sequence, Runnable runnable) {
            this.atNanos = atNanos;
            this.sequence = sequence;
            this.runnable = runnable;
        }

        public void cancel() {
            cancelled = true;
        }

        public long atNanos() {
            return atNanos;
        }

        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(atNanos, other.atNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
