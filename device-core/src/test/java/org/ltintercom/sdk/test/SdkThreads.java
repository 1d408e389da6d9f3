package org.ltintercom.sdk.test;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the threads the SDK starts: its own "lt-sdk-" threads, and the JDK's HTTP keep-alive
 * timer, which its REST client must never start (it asks for {@code Connection: close}).
 */
public final class SdkThreads {
    private SdkThreads() {
    }

    public static Set<String> live() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && (t.getName().startsWith("lt-sdk-") || t.getName().equals("Keep-Alive-Timer"))) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /** Waits until no SDK thread is alive (a thread pool's idle threads may take a moment to end). */
    public static void awaitNoneLeft() {
        Await.until("no SDK thread left, still alive: " + live(), Duration.ofSeconds(30), () -> {
            return live().isEmpty();
        });
    }
}
