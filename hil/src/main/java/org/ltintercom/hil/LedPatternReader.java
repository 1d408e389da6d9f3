package org.ltintercom.hil;

import org.ltintercom.hal.gpio.LedPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the status LED's patterns ({@link LedPattern}) from the level changes seen on its pin,
 * the way a person looking at the LED would: by the rhythm, not by exact times. The tolerances are
 * wide (a loaded Pi is late by tens of milliseconds), and the patterns differ in structure:
 *
 * <ul>
 *   <li>ON / OFF: the level held for longer than any blinking pattern holds it;</li>
 *   <li>ERROR: three short flashes between long dark gaps; DOUBLE_BLINK: two;</li>
 *   <li>SLOW_BLINK: one long flash (about 500 ms) between dark gaps of about 500 ms;</li>
 *   <li>FAST_BLINK: a run of short flashes and short gaps (longer than ERROR's run of five);</li>
 *   <li>BREATHING on a digital pin: about 1.8 s lit, 0.2 s dark.</li>
 * </ul>
 * The status LED must be configured {@code dimmable: false} on a rig, so its pin carries levels, not PWM.
 */
public final class LedPatternReader {

    /** A level held this long is steady ON or OFF (ERROR's 1 s dark is the longest blink step). */
    static final long STEADY_MS = 1_500;
    /** Flashes and gaps of FAST_BLINK (125 ms) and ERROR (100 ms) fall in this band. */
    static final long SHORT_MIN_MS = 30;
    static final long SHORT_MAX_MS = 260;
    /** The dark gap that ends a cycle: ERROR 1000 ms, DOUBLE_BLINK 760 ms, SLOW_BLINK 500 ms. */
    static final long LONG_GAP_MS = 380;

    private LedPatternReader() {
    }

    /** A held level: lit or dark for {@code millis} (the last one may still be going on). */
    record Segment(boolean lit, long startNanos, long millis, boolean complete) {
    }

    /** What the LED shows at {@code nowNanos}, judged from the edges of {@code timeline} since {@code fromNanos}. */
    public static Optional<LedPattern> recognise(SignalTimeline timeline, long fromNanos, long nowNanos) {
        return recognise(segments(timeline.since(fromNanos), nowNanos));
    }

    /** The time the LED started showing {@code pattern} in its current run (the start of the first cycle seen). */
    public static long patternStart(SignalTimeline timeline, LedPattern pattern, long fromNanos, long nowNanos) {
        List<Segment> all = segments(timeline.since(fromNanos), nowNanos);
        // the earliest suffix from which the pattern is still recognised; a pattern shows from its first flash
        int first = -1;
        for (int i = all.size() - 1; i >= 0; i--) {
            if (recognise(all.subList(i, all.size())).filter(p -> p == pattern).isPresent()) {
                first = i;
            } else if (first >= 0 && i < first - 8) {
                break;
            }
        }
        if (first < 0) {
            return nowNanos;
        }
        boolean steady = pattern == LedPattern.ON || pattern == LedPattern.OFF;
        Segment opening = all.get(first);
        if (!steady && opening.lit() && opening.complete() && opening.startNanos() == fromNanos) {
            // lit since before fromNanos (the idle ON): the pattern's first flash began without an
            // edge, one flash length before this level ended
            long flash = pattern.steps(false).get(0).millis() * 1_000_000L;
            long end = opening.startNanos() + opening.millis() * 1_000_000L;
            return Math.max(fromNanos, end - flash);
        }
        if (!steady && !all.get(first).lit() && first + 1 < all.size()) {
            first++;
        }
        return all.get(first).startNanos();
    }

    /**
     * Waits until the LED shows {@code pattern} (judged from the edges since {@code fromNanos});
     * returns when that showing began: the first flash of the run that is recognised.
     */
    public static long await(SignalTimeline led, LedPattern pattern, long fromNanos, java.time.Duration timeout) {
        long[] seenAt = {0};
        led.await("LED pattern " + pattern, timeout, t -> {
            long now = System.nanoTime();
            if (recognise(t, fromNanos, now).filter(p -> p == pattern).isPresent()) {
                seenAt[0] = now;
                return true;
            }
            return false;
        });
        return patternStart(led, pattern, fromNanos, seenAt[0]);
    }

    /** Waits until the LED no longer shows {@code pattern}: another pattern is recognised; returns it. */
    public static LedPattern awaitOther(SignalTimeline led, LedPattern pattern, long fromNanos, java.time.Duration timeout) {
        LedPattern[] seen = {null};
        led.await("an LED pattern other than " + pattern, timeout, t -> {
            Optional<LedPattern> now = recognise(t, fromNanos, System.nanoTime());
            now.ifPresent(p -> seen[0] = p);
            return now.isPresent() && now.get() != pattern;
        });
        return seen[0];
    }

    /** Waits until the LED shows any pattern that can be told (not in the middle of a change); returns it. */
    public static LedPattern awaitAny(SignalTimeline led, long fromNanos, java.time.Duration timeout) {
        LedPattern[] seen = {null};
        led.await("a recognisable LED pattern", timeout, t -> {
            recognise(t, fromNanos, System.nanoTime()).ifPresent(p -> seen[0] = p);
            return seen[0] != null;
        });
        return seen[0];
    }

    static List<Segment> segments(List<SignalTimeline.Edge> edges, long nowNanos) {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            SignalTimeline.Edge e = edges.get(i);
            boolean last = i == edges.size() - 1;
            long end = last ? nowNanos : edges.get(i + 1).atNanos();
            out.add(new Segment(e.high(), e.atNanos(), Math.max(0, (end - e.atNanos()) / 1_000_000), !last));
        }
        return out;
    }

    static Optional<LedPattern> recognise(List<Segment> segments) {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        Segment current = segments.get(segments.size() - 1);
        if (current.millis() >= STEADY_MS && !(current.lit() && current.millis() < 1_950 && breathing(segments))) {
            return Optional.of(current.lit() ? LedPattern.ON : LedPattern.OFF);
        }
        List<Segment> done = segments.stream().filter(Segment::complete).toList();
        if (breathing(segments)) {
            return Optional.of(LedPattern.BREATHING);
        }
        // the last complete cycle: flashes between the last two long gaps
        int lastGap = -1;
        int previousGap = -1;
        for (int i = done.size() - 1; i >= 0; i--) {
            Segment s = done.get(i);
            if (!s.lit() && s.millis() >= LONG_GAP_MS) {
                if (lastGap < 0) {
                    lastGap = i;
                } else {
                    previousGap = i;
                    break;
                }
            }
        }
        if (previousGap >= 0) {
            List<Segment> cycle = done.subList(previousGap + 1, lastGap);
            long flashes = cycle.stream().filter(Segment::lit).count();
            boolean allShort = cycle.stream().allMatch(LedPatternReader::isShort);
            if (allShort && flashes == 3) {
                return Optional.of(LedPattern.ERROR);
            }
            if (allShort && flashes == 2) {
                return Optional.of(LedPattern.DOUBLE_BLINK);
            }
            if (flashes == 1 && cycle.get(0).millis() >= 300 && cycle.get(0).millis() <= 900
                    && done.get(lastGap).millis() <= 900) {
                return Optional.of(LedPattern.SLOW_BLINK);
            }
        }
        int run = 0;
        for (int i = done.size() - 1; i >= 0 && isShort(done.get(i)); i--) {
            run++;
        }
        if (run >= 7) {
            return Optional.of(LedPattern.FAST_BLINK);
        }
        return Optional.empty();
    }

    private static boolean isShort(Segment s) {
        return s.millis() >= SHORT_MIN_MS && s.millis() <= SHORT_MAX_MS;
    }

    /** Lit about 1.8 s, dark about 0.2 s, twice in a row (BREATHING without PWM). */
    private static boolean breathing(List<Segment> segments) {
        List<Segment> done = segments.stream().filter(Segment::complete).toList();
        int cycles = 0;
        for (int i = done.size() - 1; i >= 1 && cycles < 2; i -= 2) {
            Segment dark = done.get(i);
            Segment lit = done.get(i - 1);
            if (dark.lit() || !lit.lit() || dark.millis() > 400 || lit.millis() < 1_300 || lit.millis() > 2_300) {
                return false;
            }
            cycles++;
        }
        return cycles == 2;
    }
}
