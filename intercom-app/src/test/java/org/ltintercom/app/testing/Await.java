package org.ltintercom.app.testing;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting on conditions with a deadline (never a fixed sleep), and thread-leak checks. */
public final class Await {

    private Await() {
    }

    public static <T> T value(Supplier<Optional<T>> poll, long timeoutMillis, String what) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            Optional<T> v = poll.get();
            if (v.isPresent()) {
                return v.get();
            }
            if (System.nanoTime() > deadline) {
                fail("not within " + timeoutMillis + " ms: " + what);
            }
            Thread.yield();
        }
    }

    public static void condition(BooleanSupplier condition, long timeoutMillis, Supplier<String> what) {
        value(() -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty(), timeoutMillis, what.get());
    }

    /**
     * Names of our live threads ({@code lt-*}); JVM-wide singletons started on first use (JNA's
     * cleaner, the JDK's process reaper) are not ours to stop.
     */
    public static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("lt-")).forEach(t -> names.add(t.getName()));
        return names;
    }

    /** Waits until no thread exists that did not exist in {@code before}. */
    public static void noNewThreads(Set<String> before) {
        condition(() -> before.containsAll(threadNames()), 5000, () -> {
            Set<String> now = threadNames();
            now.removeAll(before);
            return "threads left behind: " + now;
        });
    }
}
