package org.ltintercom.app.testing;

import org.ltintercom.app.behaviour.Timers;

import java.time.Duration;
import java.util.PriorityQueue;

/** Virtual time: timers run on the test's thread, in time order, when the test advances. */
public final class FakeTimers implements Timers {

    private record Entry(long at, long seq, Runnable task, boolean[] cancelled) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Entry(now + delay.toNanos(), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    public void advance(Duration step) {
        long target = now + step.toNanos();
        while (!queue.isEmpty() && queue.peek().at <= target) {
            Entry e = queue.poll();
            now = e.at;
            if (!e.cancelled[0]) {
                e.task.run();
            }
        }
        now = target;
    }

    public void advanceSeconds(long seconds) {
        advance(Duration.ofSeconds(seconds));
    }

    /** Timers that are still to run (not cancelled). */
    public long pending() {
        return queue.stream().filter(e -> !e.cancelled[0]).count();
    }
}
