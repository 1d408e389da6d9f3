package org.ltintercom.app;

import org.ltintercom.hal.time.HalClock;
import org.ltintercom.hal.time.HalScheduler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The app's two threads: the event loop ({@value IntercomApp#EVENT_THREAD}), where every piece of
 * app state is read and changed, and the worker ({@value IntercomApp#WORKER_THREAD}) for slow work
 * that must not stall the loop (provisioning waits for a SIP registration, the self-test and the
 * acoustic calibration play sound).
 */
final class AppThreads {

    /** Longest wait for the loop to answer a caller on another thread. */
    static final Duration LOOP_WAIT = Duration.ofSeconds(10);

    private final HalScheduler loop;
    private final ExecutorService worker;

    AppThreads() {
        loop = new HalScheduler(IntercomApp.EVENT_THREAD, HalClock.system());
        worker = Executors.newSingleThreadExecutor(r -> new Thread(r, IntercomApp.WORKER_THREAD));
    }

    HalScheduler loop() {
        return loop;
    }

    void execute(Runnable task) {
        loop.execute(task);
    }

    /** Runs {@code task} on the loop and returns its result (at once when called on the loop). */
    <T> T onLoop(Supplier<T> task) {
        if (loop.inSchedulerThread()) {
            return task.get();
        }
        try {
            return onLoopAsync(task).get(LOOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the event loop did not answer: " + e, e);
        }
    }

    <T> CompletableFuture<T> onLoopAsync(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    <T> CompletableFuture<T> onWorker(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, worker);
    }

    void onWorker(Runnable task) {
        worker.execute(task);
    }

    /**
     * Stops the worker (interrupting what it runs), then runs {@code last} on the loop and closes
     * it. A {@code last} that fails or times out is thrown after the loop is closed.
     */
    void close(Runnable last) {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            loop.runAndWait(last, LOOP_WAIT);
        } finally {
            loop.close();
        }
    }
}
