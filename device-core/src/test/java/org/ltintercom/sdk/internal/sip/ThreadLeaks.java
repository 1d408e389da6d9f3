package org.ltintercom.sdk.internal.sip;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Snapshots of live threads, to check that a component leaves none behind. */
final class ThreadLeaks {

    private ThreadLeaks() {
    }

    /** Names of live threads, each with its identity so equal names of different threads differ. */
    static Set<String> live() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(t -> t.getName() + "#" + t.getId() + (t.isDaemon() ? "(daemon)" : ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits up to 10 s for every thread not in {@code before} to end; returns those still alive. */
    static Set<String> awaitNoneBeyond(Set<String> before) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Set<String> extra;
        do {
            extra = new TreeSet<>(live());
            extra.removeAll(before);
            extra.removeIf(n -> n.startsWith("surefire") || n.startsWith("process reaper")
                    || n.startsWith("Common-Cleaner") || n.startsWith("ForkJoinPool.commonPool"));
            if (extra.isEmpty()) {
                return extra;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return extra;
    }
}
