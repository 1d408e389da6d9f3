package org.ltintercom.sdk.internal.event;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.LogCapture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventThreadTest {

    @Test
    void tasksRunOneAtATimeInSubmissionOrderOnTheNamedThread() {
        EventThread events = new EventThread();
        try {
            List<Integer> order = new ArrayList<>();
            List<String> threads = new ArrayList<>();
            IntStream.range(0, 500).forEach(i -> events.execute(() -> {
                order.add(i);
                threads.add(Thread.currentThread().getName());
            }));
            Await.drained(events);
            assertEquals(IntStream.range(0, 500).boxed().toList(), order);
            assertTrue(threads.stream().allMatch("lt-sdk-events"::equals));
        } finally {
            events.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void aThrowingListenerIsLoggedAndTheNextTaskStillRuns() {
        EventThread events = new EventThread();
        try (LogCapture log = new LogCapture(EventThread.class)) {
            List<String> ran = new ArrayList<>();
            events.execute(() -> {
                throw new IllegalStateException("listener bug");
            });
            events.execute(() -> {
                throw new AssertionError("listener error");
            });
            events.execute(() -> ran.add("after"));
            Await.drained(events);
            assertEquals(List.of("after"), ran);
            assertEquals(2, log.messages().stream().filter(m -> m.contains("the SDK carries on")).count());
        } finally {
            events.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void futuresHandedToTheApplicationCompleteOnTheEventThread() {
        EventThread events = new EventThread();
        try {
            CompletableFuture<String> source = new CompletableFuture<>();
            AtomicReference<String> thread = new AtomicReference<>();
            CompletableFuture<String> delivered = events.completeHere(source);
            CompletableFuture<String> seen = delivered.thenApply(v -> {
                thread.set(Thread.currentThread().getName());
                return v;
            });
            new Thread(() -> source.complete("done"), "lt-test-http").start();
            assertEquals("done", Await.result(seen));
            assertEquals("lt-sdk-events", thread.get());
        } finally {
            events.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void closeRunsWhatWasQueuedThenEndsTheThread() {
        EventThread events = new EventThread();
        List<Integer> ran = new ArrayList<>();
        events.execute(() -> ran.add(1));
        events.execute(() -> ran.add(2));
        events.close(Duration.ofSeconds(5));
        assertEquals(List.of(1, 2), ran);
        events.execute(() -> ran.add(3));
        assertEquals(List.of(1, 2), ran, "tasks after close are dropped");
        Await.until("event thread gone", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("lt-sdk-events")));
    }

    @Test
    void aFutureCompletingAfterCloseStillCompletesRatherThanHanging() {
        EventThread events = new EventThread();
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> delivered = events.completeHere(source);
        events.close(Duration.ofSeconds(5));
        source.complete("late");
        assertEquals("late", Await.result(delivered));
    }

    @Test
    void periodicTasksStopWhenCancelled() {
        EventThread events = new EventThread();
        try {
            List<Integer> ticks = new ArrayList<>();
            ScheduledFuture<?> ticker = events.every(Duration.ofMillis(10), () -> ticks.add(ticks.size()));
            Await.until("three ticks", () -> {
                Await.drained(events);
                return ticks.size() >= 3;
            });
            ticker.cancel(false);
            Await.drained(events);
            int after = ticks.size();
            events.execute(() -> {
            });
            Await.drained(events);
            assertTrue(ticker.isCancelled());
            assertEquals(after, ticks.size());
        } finally {
            events.close(Duration.ofSeconds(5));
        }
        assertTrue(events.every(Duration.ofSeconds(1), () -> {
        }).isCancelled(), "a schedule asked for after close is cancelled at once");
    }
}
