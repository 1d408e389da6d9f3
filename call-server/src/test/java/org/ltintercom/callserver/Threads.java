package org.ltintercom.callserver;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/** Thread bookkeeping for start/stop tests. */
final class Threads {
    private Threads() {
    }

    static Set<String> names() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (t.isAlive()) {
                names.add(t.getName());
            }
        });
        return names;
    }

    /** Polls {@code condition} until it holds or {@code timeoutMillis} passed; returns whether it held. */
    static boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            synchronized (Threads.class) {
                Threads.class.wait(20); // a short pause between polls, bounded by the deadline
            }
        }
        return true;
    }
}
