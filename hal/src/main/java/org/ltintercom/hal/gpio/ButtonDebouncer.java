package org.ltintercom.hal.gpio;

import org.ltintercom.hal.time.HalScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Turns one button's raw edges into gestures. Runs entirely on the button dispatcher thread.
 *
 * <pre>
 *   raw edge --(level stable for debounce)--> stable level
 *   stable down: PRESSED, then LONG_PRESS at +longPress, STUCK at +stuckLimit (each once)
 *   stable up:   SHORT_PRESS (if neither long nor stuck fired), RELEASED
 * </pre>
 *
 * Settling (trailing-edge) debounce rather than "first edge wins": a spike on a long cable to
 * the door never counts as a press. A button that reads pressed at start (held through a
 * restart, or stuck) is ignored until it has been seen released, so a restart never rings.
 * More than {@code chatterPresses} presses within {@code chatterWindow} is CHATTER: reported
 * once, then presses are ignored until the input has been quiet for the same window.
 */
final class ButtonDebouncer {

    private static final Logger log = LoggerFactory.getLogger(ButtonDebouncer.class);

    private final ButtonRole role;
    private final long debounceNanos;
    private final long longPressNanos;
    private final long stuckNanos;
    private final int chatterPresses;
    private final long chatterWindowNanos;
    private final HalScheduler scheduler;
    private final Consumer<ButtonEvent> sink;

    private boolean raw;
    private long rawSinceNanos;
    private boolean stable;
    private boolean heldAtStart;
    private boolean longFired;
    private boolean stuck;
    private HalScheduler.Task settleTask;
    private HalScheduler.Task longTask;
    private HalScheduler.Task stuckTask;
    private final java.util.ArrayDeque<Long> recentPresses = new java.util.ArrayDeque<>();
    private boolean chattering;
    private HalScheduler.Task quietTask;
    private long edges;
    private long filtered;
    private long presses;
    private long longPresses;
    private long stuckReports;

    ButtonDebouncer(ButtonRole role, Duration debounce, ButtonsConfig limits, HalScheduler scheduler,
                    Consumer<ButtonEvent> sink) {
        this.role = role;
        this.debounceNanos = debounce.toNanos();
        this.longPressNanos = limits.longPress().toNanos();
        this.stuckNanos = limits.stuckLimit().toNanos();
        this.chatterPresses = limits.chatterPresses();
        this.chatterWindowNanos = limits.chatterWindow().toNanos();
        this.scheduler = scheduler;
        this.sink = sink;
    }

    /** Sets the level read at start; a pressed button is ignored until released. */
    void start(boolean activeAtStart) {
        raw = activeAtStart;
        stable = activeAtStart;
        rawSinceNanos = scheduler.now();
        if (activeAtStart) {
            heldAtStart = true;
            log.warn("{} button reads pressed at start; ignored until it is released", role);
        }
    }

    /** A raw edge seen at {@code atNanos}. */
    void onRaw(boolean active, long atNanos) {
        if (active == raw) {
            return;
        }
        raw = active;
        rawSinceNanos = atNanos;
        edges++;
        if (chattering) {
            if (quietTask != null) {
                quietTask.cancel();
            }
            quietTask = scheduler.at(atNanos + chatterWindowNanos, this::quiet);
        }
        if (settleTask != null) {
            settleTask.cancel();
        }
        settleTask = scheduler.at(atNanos + debounceNanos, this::settle);
    }

    ButtonStats stats() {
        return new ButtonStats(edges, filtered, presses, longPresses, stuckReports);
    }

    boolean isPressed() {
        return stable && !heldAtStart && !chattering;
    }

    void cancelTimers() {
        for (HalScheduler.Task task : new HalScheduler.Task[] {settleTask, longTask, stuckTask, quietTask}) {
            if (task != null) {
                task.cancel();
            }
        }
    }

    private void settle() {
        settleTask = null;
        if (raw == stable) {
            filtered++;
            return;
        }
        stable = raw;
        if (stable) {
            onStableDown(rawSinceNanos);
        } else {
            onStableUp(rawSinceNanos);
        }
    }

    private void onStableDown(long at) {
        if (chattering) {
            return;
        }
        long windowStart = at - chatterWindowNanos;
        while (!recentPresses.isEmpty() && recentPresses.peekFirst() < windowStart) {
            recentPresses.pollFirst();
        }
        recentPresses.addLast(at);
        if (recentPresses.size() > chatterPresses) {
            chattering = true;
            recentPresses.clear();
            log.warn("{} button pressed more than {} times in {} ms: chatter, ignored until quiet that long", role,
                    chatterPresses, chatterWindowNanos / 1_000_000);
            quietTask = scheduler.at(at + chatterWindowNanos, this::quiet);
            emit(ButtonGesture.CHATTER, at);
            return;
        }
        longFired = false;
        stuck = false;
        presses++;
        emit(ButtonGesture.PRESSED, at);
        longTask = scheduler.at(at + longPressNanos, () -> {
            longFired = true;
            longPresses++;
            emit(ButtonGesture.LONG_PRESS, at + longPressNanos);
        });
        stuckTask = scheduler.at(at + stuckNanos, () -> {
            stuck = true;
            stuckReports++;
            log.warn("{} button held for {} ms: reported as stuck, ignored until released", role,
                    stuckNanos / 1_000_000);
            emit(ButtonGesture.STUCK, at + stuckNanos);
        });
    }

    private void quiet() {
        quietTask = null;
        if (!chattering) {
            return;
        }
        chattering = false;
        if (stable) {
            heldAtStart = true;   // quiet but down: like a button held at start, wait for a release
        }
        log.info("{} button quiet again; armed", role);
    }

    private void onStableUp(long at) {
        if (chattering) {
            return;
        }
        if (heldAtStart) {
            heldAtStart = false;
            log.info("{} button released after start; now armed", role);
            return;
        }
        longTask.cancel();
        stuckTask.cancel();
        if (stuck) {
            log.info("{} button released after being stuck; armed again", role);
        } else if (!longFired) {
            emit(ButtonGesture.SHORT_PRESS, at);
        }
        emit(ButtonGesture.RELEASED, at);
    }

    private void emit(ButtonGesture gesture, long at) {
        sink.accept(new ButtonEvent(role, gesture, at));
    }
}
