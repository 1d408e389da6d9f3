package org.ltintercom.hil;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The rig's one thread ({@code lt-hil-rig}): it holds buttons for their time and samples what the
 * speaker played. Holding a button is the behaviour under test (a finger on the contact for 1.6 s),
 * so it is timed here, on a scheduler, and the caller waits for the release.
 */
final class RigClock implements AutoCloseable {

    static final String THREAD = "lt-hil-rig";

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, THREAD);
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code release} after {@code hold} and returns once it ran. */
    void holdThen(Duration hold, Runnable release) {
        ScheduledFuture<?> done = scheduler.schedule(release, hold.toNanos(), TimeUnit.NANOSECONDS);
        try {
            done.get(hold.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release.run();
            throw new IllegalStateException("interrupted while holding the button", e);
        } catch (ExecutionException | TimeoutException e) {
            release.run();
            throw new IllegalStateException("releasing the button failed", e);
        }
    }

    /** Runs {@code task} every {@code period} until cancelled or the rig closes. */
    ScheduledFuture<?> every(Duration period, Runnable task) {
        return scheduler.scheduleAtFixedRate(task, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
