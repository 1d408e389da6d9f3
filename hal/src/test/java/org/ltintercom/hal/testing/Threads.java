package org.ltintercom.hal.testing;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Thread-leak checks and condition waits for tests (no sleeps with fixed durations). */
public final class Threads {

    private Threads() {
    }

    /** Names of the live threads that start with {@code lt-}. */
    public static Set<String> ltThreads() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("lt-")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /** All live thread names. */
    public static Set<String> allThreads() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /** Waits until the live threads are no more than {@code before} (threads take a moment to die). */
    public static void awaitNoNewThreads(Set<String> before) {
        awaitCondition(() -> !hasNew(before), 5_000,
                () -> "threads left behind: " + newOnes(before));
    }

    private static boolean hasNew(Set<String> before) {
        return !newOnes(before).isEmpty();
    }

    private static Set<String> newOnes(Set<String> before) {
        Set<String> now = allThreads();
        now.removeAll(before);
        return now;
    }

    /** Polls {@code condition} until true or the deadline passes. */
    public static void awaitCondition(BooleanSupplier condition, long timeoutMillis, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + timeoutMillis + " ms: " + what.get());
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5); // poll interval of a deadline wait, not a timing assumption
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
