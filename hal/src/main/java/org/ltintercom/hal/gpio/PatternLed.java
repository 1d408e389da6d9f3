package org.ltintercom.hal.gpio;

import org.ltintercom.hal.gpio.LedPattern.LedStep;
import org.ltintercom.hal.time.HalScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one {@link StatusLed} implementation: plays a pattern's steps on the shared outputs
 * scheduler ({@code lt-hal-outputs}) onto a {@link LedOutput} (Pi4J pin or PWM, or nothing in
 * the simulator). Step times are absolute from the pattern's start, so a late step does not
 * shift the ones after it.
 */
public final class PatternLed implements StatusLed {

    private static final Logger log = LoggerFactory.getLogger(PatternLed.class);

    private final String name;
    private final LedOutput output;
    private final HalScheduler scheduler;
    private final List<LedListener> listeners = new CopyOnWriteArrayList<>();
    private volatile LedPattern pattern = LedPattern.OFF;
    private HalScheduler.Task nextStep;
    private double lastBrightness = -1;
    /** The pattern step's own brightness, before {@link #level} scales it. */
    private double stepBrightness;
    private volatile double level = 1.0;
    private boolean closed;
    private volatile long transitions;
    private volatile long maxLatenessNanos;

    /** Creates the LED dark ({@link LedPattern#OFF}). */
    public PatternLed(String name, LedOutput output, HalScheduler scheduler) {
        this.name = name;
        this.output = output;
        this.scheduler = scheduler;
        scheduler.runAndWait(() -> apply(0, scheduler.now(), true), Duration.ofSeconds(5));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void show(LedPattern newPattern) {
        scheduler.execute(() -> {
            if (closed || newPattern == pattern) {
                return;
            }
            log.debug("LED {}: {} -> {}", name, pattern, newPattern);
            pattern = newPattern;
            if (nextStep != null) {
                nextStep.cancel();
            }
            playStep(newPattern, newPattern.steps(output.dimmable()), 0, scheduler.now());
        });
    }

    @Override
    public void setBrightness(double newLevel) {
        if (!(newLevel >= 0.0 && newLevel <= 1.0)) { // also rejects NaN
            throw new IllegalArgumentException("ledBrightness: must be between 0.0 and 1.0, was " + newLevel);
        }
        double old = level;
        level = newLevel; // the next step reads it; brightness() tells it at once
        if (old == newLevel) {
            return;
        }
        log.info("LED {}: brightness {} -> {}", name, old, newLevel);
        scheduler.execute(() -> {
            if (!closed) {
                apply(stepBrightness, scheduler.now(), false); // the step showing now takes the new level at once
            }
        });
    }

    @Override
    public double brightness() {
        return level;
    }

    @Override
    public LedPattern pattern() {
        return pattern;
    }

    @Override
    public boolean dimmable() {
        return output.dimmable();
    }

    @Override
    public LedStats stats() {
        return new LedStats(transitions, maxLatenessNanos);
    }

    @Override
    public void addListener(LedListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(LedListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        scheduler.runAndWait(() -> {
            if (closed) {
                return;
            }
            if (nextStep != null) {
                nextStep.cancel();
            }
            pattern = LedPattern.OFF;
            apply(0, scheduler.now(), true);
            closed = true;
            output.close();
        }, Duration.ofSeconds(5));
    }

    private void playStep(LedPattern playing, List<LedStep> steps, int index, long scheduledAt) {
        if (closed || playing != pattern) {
            return;
        }
        LedStep step = steps.get(index);
        apply(step.brightness(), scheduledAt, index == 0);
        if (step.millis() == 0 || (!playing.repeating() && index == steps.size() - 1)) {
            nextStep = null;
            return;
        }
        int next = (index + 1) % steps.size();
        long nextAt = scheduledAt + step.millis() * 1_000_000L;
        nextStep = scheduler.at(nextAt, () -> playStep(playing, steps, next, nextAt));
    }

    /**
     * What the output shows for a step: scaled on a PWM output; without PWM a dimmed LED would be
     * dark (the pin switches at 0.5), so there any level above 0 keeps the pattern as designed.
     */
    private double scaled(double step) {
        if (output.dimmable()) {
            return step * level;
        }
        return level > 0 ? step : 0;
    }

    /** Sets the output; a repeat of the same level is not reported unless it starts a pattern. */
    private void apply(double step, long scheduledAt, boolean patternStart) {
        stepBrightness = step;
        double brightness = scaled(step);
        if (brightness == lastBrightness && !patternStart) {
            return;
        }
        lastBrightness = brightness;
        try {
            output.set(brightness);
        } catch (RuntimeException e) {
            log.warn("LED {}: setting {} failed: {}", name, brightness, e.toString());
        }
        LedTransition transition = new LedTransition(name, pattern, brightness, scheduledAt, scheduler.now());
        transitions++;
        maxLatenessNanos = Math.max(maxLatenessNanos, transition.actualNanos() - scheduledAt);
        for (LedListener listener : listeners) {
            try {
                listener.onLedChanged(transition);
            } catch (RuntimeException e) {
                log.warn("LED listener failed", e);
            }
        }
    }

}
