package org.ltintercom.hil;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The threads a rig and its app may own (ours are named {@code lt-*}; Pi4J's say so), for leak checks. */
final class RigThreads {

    private RigThreads() {
    }

    static Set<String> names() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("lt-") || n.toLowerCase().contains("pi4j"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits up to 10 s for every thread not in {@code before} to end, then fails naming those left. */
    static void assertNoneBeyond(Set<String> before, String after) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!before.containsAll(names()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Set<String> left = names();
        left.removeAll(before);
        assertEquals(Set.of(), left, "threads left behind after " + after);
    }
}
