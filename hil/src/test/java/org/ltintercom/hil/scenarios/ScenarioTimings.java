package org.ltintercom.hil.scenarios;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key timings of one scenario, as measured on the rig (monotonic clock): e.g. "button -> INVITE",
 * "wakeup -> ring", "answer -> first audio". Reported, never asserted: machines are noisy.
 */
public final class ScenarioTimings {

    public static final String BUTTON_TO_INVITE = "button -> INVITE";
    public static final String WAKEUP_TO_RING = "wakeup -> ring";
    public static final String ANSWER_TO_FIRST_AUDIO = "answer -> first audio";

    private final Map<String, Duration> timings = new LinkedHashMap<>();

    /** Records {@code name} as the time from {@code fromNanos} to {@code toNanos} ({@link System#nanoTime()}). */
    public synchronized void record(String name, long fromNanos, long toNanos) {
        timings.put(name, Duration.ofNanos(toNanos - fromNanos));
    }

    public synchronized Map<String, Duration> all() {
        return Map.copyOf(timings);
    }

    /** "name 123 ms, other 45 ms" in recording order. */
    @Override
    public synchronized String toString() {
        StringBuilder s = new StringBuilder();
        timings.forEach((name, d) -> {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(name).append(' ').append(d.toMillis()).append(" ms");
        });
        return s.toString();
    }
}
