package org.ltintercom.sdk.test;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** The names of the threads the SDK starts (its own "lt-sdk-" threads and the JDK HTTP client's). */
public final class SdkThreads {
    private SdkThreads() {
    }

    public static Set<String> live() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && (t.getName().startsWith("lt-sdk-") || t.getName().startsWith("HttpClient-"))) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /**
     * Waits until no SDK thread is alive. The JDK HTTP client's selector thread ends only once the
     * client is garbage: hence the gc() while waiting.
     */
    public static void awaitNoneLeft() {
        Await.until("no SDK thread left, still alive: " + live(), Duration.ofSeconds(30), () -> {
            System.gc();
            return live().isEmpty();
        });
    }
}
