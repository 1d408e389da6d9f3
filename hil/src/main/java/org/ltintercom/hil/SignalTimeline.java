package org.ltintercom.hil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One digital output of the intercom (the status LED, the door relay) as the rig saw it: the
 * level at the start, then every change with its monotonic time. Readers wait on conditions over
 * the recording (no sleeping, no polling): every new edge wakes them.
 */
public final class SignalTimeline {

    /** One change of level, seen at {@code atNanos} ({@link System#nanoTime()}). */
    public record Edge(boolean high, long atNanos) {
    }

    /** How often a waiter re-checks without a new edge (conditions on how long a level is held). */
    private static final long HOLD_CHECK_MILLIS = 50;

    private final String name;
    private final List<Edge> edges = new ArrayList<>();

    /** A signal whose level is {@code initial} at {@code atNanos}. */
    public SignalTimeline(String name, boolean initial, long atNanos) {
        this.name = name;
        edges.add(new Edge(initial, atNanos));
    }

    public String name() {
        return name;
    }

    /** Records a level seen now; a repeat of the current level is not an edge. */
    public void record(boolean high) {
        record(high, System.nanoTime());
    }

    public synchronized void record(boolean high, long atNanos) {
        if (edges.get(edges.size() - 1).high() == high) {
            return;
        }
        edges.add(new Edge(high, atNanos));
        notifyAll();
    }

    public synchronized boolean level() {
        return edges.get(edges.size() - 1).high();
    }

    /** Every edge so far; the first entry is the level when recording started. */
    public synchronized List<Edge> edges() {
        return List.copyOf(edges);
    }

    /** The edges at or after {@code fromNanos}, preceded by the level in force at that instant. */
    public synchronized List<Edge> since(long fromNanos) {
        List<Edge> out = new ArrayList<>();
        boolean before = edges.get(0).high();
        for (Edge e : edges) {
            if (e.atNanos() < fromNanos) {
                before = e.high();
            } else {
                out.add(e);
            }
        }
        if (out.isEmpty() || out.get(0).atNanos() > fromNanos) {
            out.add(0, new Edge(before, fromNanos));
        }
        return out;
    }

    /** The first change to {@code high} at or after {@code fromNanos}. */
    public synchronized Optional<Edge> firstEdge(boolean high, long fromNanos) {
        return edges.stream().skip(1).filter(e -> e.high() == high && e.atNanos() >= fromNanos).findFirst();
    }

    /**
     * Waits until {@code condition} holds for the recording (checked now and at every new edge),
     * failing with the recording in the message after {@code timeout}.
     */
    public synchronized void await(String what, Duration timeout, Predicate<SignalTimeline> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + ": not within " + timeout.toMillis() + " ms: " + what + "; recorded "
                        + describe(edges));
            }
            try {
                // edges wake us; the slice re-checks conditions about how long a level has been held
                wait(Math.max(1, Math.min(HOLD_CHECK_MILLIS, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(name + ": interrupted while waiting for " + what, e);
            }
        }
    }

    /** Waits until the level is {@code high}; returns the edge that made it so (or the start, if it already was). */
    public Edge awaitLevel(boolean high, Duration timeout) {
        await("level " + (high ? "high" : "low"), timeout, t -> t.level() == high);
        synchronized (this) {
            return edges.get(edges.size() - 1);
        }
    }

    /** Waits for a change to {@code high} at or after {@code fromNanos}; returns it. */
    public Edge awaitEdge(boolean high, long fromNanos, Duration timeout) {
        await("an edge to " + (high ? "high" : "low"), timeout, t -> t.firstEdge(high, fromNanos).isPresent());
        return firstEdge(high, fromNanos).orElseThrow();
    }

    /** "low, +12ms high, +112ms low, ..." relative to the first entry, for failure messages. */
    public static String describe(List<Edge> edges) {
        if (edges.isEmpty()) {
            return "(nothing)";
        }
        long t0 = edges.get(0).atNanos();
        StringBuilder s = new StringBuilder();
        int from = Math.max(0, edges.size() - 60);
        if (from > 0) {
            s.append("... ");
        }
        for (int i = from; i < edges.size(); i++) {
            Edge e = edges.get(i);
            if (i > from) {
                s.append(", +").append((e.atNanos() - t0) / 1_000_000).append("ms ");
            }
            s.append(e.high() ? "high" : "low");
        }
        return s.toString();
    }
}
