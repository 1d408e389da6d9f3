package org.ltintercom.sdk.internal.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one SDK event thread, {@value #NAME}: every listener call, every future completion handed to
 * the application and every call state-machine side effect runs here, one at a time, in the order
 * submitted. Tasks are submitted while holding locks is fine; tasks never run under an SDK lock.
 *
 * <p>A task that throws (a listener of the application) is logged and the thread goes on.
 * {@link #close(Duration)} runs what was already queued and then lets the thread end.
 */
public final class EventThread implements Executor {
    public static final String NAME = "lt-sdk-events";
    private static final Logger log = LoggerFactory.getLogger(EventThread.class);

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    public EventThread() {
        // one thread; immediate tasks keep submission order (equal trigger times are ordered by sequence)
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, NAME);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Queues a task; after {@link #close} the task is dropped with a debug line. */
    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException closed) {
            log.debug("event thread closed; dropped {}", task);
        }
    }

    /** Runs {@code task} every {@code period}, first after one period; cancel the result to stop. */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        long nanos = period.toNanos();
        try {
            return executor.scheduleAtFixedRate(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            return new CancelledSchedule();
        }
    }

    /**
     * A future that completes on this thread once {@code source} completes, so the application's
     * continuations run here. If the thread is already closed, completes on the caller's thread
     * rather than never.
     */
    public <T> CompletableFuture<T> completeHere(CompletionStage<T> source) {
        CompletableFuture<T> result = new CompletableFuture<>();
        source.whenComplete((value, failure) -> {
            Runnable complete = () -> {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            };
            try {
                executor.execute(guarded(complete));
            } catch (RejectedExecutionException closed) {
                complete.run();
            }
        });
        return result;
    }

    /**
     * Sends one of the application's requests: a null or invalid argument found while preparing it
     * ({@link IllegalArgumentException}) fails the future; otherwise it completes here, as {@link #completeHere}.
     */
    public <T> CompletableFuture<T> deliver(Supplier<CompletableFuture<T>> request) {
        CompletableFuture<T> sent;
        try {
            sent = request.get();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return completeHere(sent);
    }

    public boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs the tasks already queued, then ends the thread; waits for that at most {@code wait}
     * (not at all when called from the event thread itself, which would wait for itself).
     */
    public void close(Duration wait) {
        executor.shutdown();
        if (isCurrentThread()) {
            return;
        }
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} did not finish its queued tasks within {}; interrupting it", NAME, wait);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // an application listener failed: log it, keep the SDK running
                log.error("a listener or SDK task threw; the SDK carries on", e);
            }
        };
    }

    /** What {@link #every} returns once the thread is closed. */
    private static final class CancelledSchedule extends CompletableFuture<Void> implements ScheduledFuture<Void> {
        CancelledSchedule() {
            cancel(false);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(java.util.concurrent.Delayed other) {
            return 0;
        }
    }
}
