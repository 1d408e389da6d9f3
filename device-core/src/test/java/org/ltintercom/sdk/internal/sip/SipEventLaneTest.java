package org.ltintercom.sdk.internal.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipEventLaneTest {
    private static final String NAME = "lt-test-sip-lane";
    private final SipEventLane lane = new SipEventLane(NAME);

    @AfterEach
    void stop() throws InterruptedException {
        lane.shutdownNow();
        assertTrue(lane.awaitTermination(5, TimeUnit.SECONDS), "the lane's thread must end on shutdown");
    }

    @Test
    void anIdleLaneRunsTheCommandOnTheCallingThreadInItsTurn() {
        AtomicBoolean inTurn = new AtomicBoolean();
        List<String> threads = new CopyOnWriteArrayList<>();
        assertFalse(lane.inTurn());
        assertTrue(lane.runHereIfIdle(() -> {
            threads.add(Thread.currentThread().getName());
            inTurn.set(lane.inTurn());
        }));
        assertEquals(List.of(Thread.currentThread().getName()), threads);
        assertTrue(inTurn.get(), "a command run in place holds the lane's turn");
        assertFalse(lane.inTurn(), "the turn is given back");
    }

    @Test
    void aCommandNeverOvertakesAQueuedTaskAndIsNotRunWhileOneRuns() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        lane.execute(() -> {
            running.countDown();
            await(release);
            order.add("first task");
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        AtomicInteger ran = new AtomicInteger();
        assertFalse(lane.runHereIfIdle(ran::incrementAndGet), "a task is running: the command must be queued");
        lane.execute(() -> order.add("queued command"));
        release.countDown();
        CountDownLatch drained = new CountDownLatch(1);
        lane.execute(drained::countDown);
        assertTrue(drained.await(5, TimeUnit.SECONDS));
        assertEquals(0, ran.get());
        assertEquals(List.of("first task", "queued command"), order);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!lane.runHereIfIdle(ran::incrementAndGet)) { // the last task is still giving its turn back
            assertTrue(System.nanoTime() < deadline, "the lane must be idle again once its queue drained");
            Thread.onSpinWait();
        }
        assertEquals(1, ran.get());
    }

    @Test
    void inATurnWhatIsRaisedIsQueuedBehindIt() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean nestedInPlace = new AtomicBoolean(true);
        assertTrue(lane.runHereIfIdle(() -> {
            // e.g. jain-sip raising an event from inside a send made by this turn
            nestedInPlace.set(lane.runHereIfIdle(() -> order.add("nested in place")));
            lane.execute(() -> {
                order.add("raised, on " + Thread.currentThread().getName());
                done.countDown();
            });
            order.add("turn ends");
        }));
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertFalse(nestedInPlace.get());
        assertEquals(List.of("turn ends", "raised, on " + NAME), order);
    }

    @Test
    void theEventThreadWaitsForATurnTakenInPlace() throws Exception {
        CountDownLatch inPlace = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        Thread receiver = new Thread(() -> lane.runHereIfIdle(() -> {
            inPlace.countDown();
            await(release);
            order.add("command in place");
        }), "lt-test-caller");
        receiver.start();
        assertTrue(inPlace.await(5, TimeUnit.SECONDS));
        CountDownLatch ran = new CountDownLatch(1);
        lane.execute(() -> {
            order.add("task, in turn " + lane.inTurn());
            ran.countDown();
        });
        assertFalse(ran.await(200, TimeUnit.MILLISECONDS), "a task must not run while a command holds the turn");
        release.countDown();
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        receiver.join(5000);
        assertEquals(List.of("command in place", "task, in turn true"), order);
    }

    @Test
    void aStoppedLaneRunsNothingInPlace() {
        lane.shutdown();
        AtomicInteger ran = new AtomicInteger();
        assertFalse(lane.runHereIfIdle(ran::incrementAndGet));
        assertEquals(0, ran.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
