package org.ltintercom.hal.gpio;

import org.ltintercom.hal.time.HalScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one {@link DoorRelay} implementation, timed on the outputs scheduler; the pin is a
 * {@code Consumer<Boolean>} (Pi4J output, or nothing in the simulator).
 */
public final class PulsedDoorRelay implements DoorRelay {

    private static final Logger log = LoggerFactory.getLogger(PulsedDoorRelay.class);

    private final RelayConfig config;
    private final Consumer<Boolean> pin;
    private final Runnable releasePin;
    private final HalScheduler scheduler;
    private final List<RelayListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean energised;
    private long pulseStartedNanos;
    private HalScheduler.Task offTask;
    private boolean closed;

    /**
     * @param pin        sets the relay (true = energised); polarity is applied by the caller
     * @param releasePin frees the pin at close
     */
    public PulsedDoorRelay(RelayConfig config, Consumer<Boolean> pin, Runnable releasePin, HalScheduler scheduler) {
        this.config = config;
        this.pin = pin;
        this.releasePin = releasePin;
        this.scheduler = scheduler;
        scheduler.runAndWait(() -> set(false), Duration.ofSeconds(5));
    }

    /** A relay on a Pi4J output pin. */
    public static PulsedDoorRelay onPi4j(RelayConfig config, Pi4jGpio gpio, HalScheduler scheduler) {
        var output = gpio.output(config.pin(), config.polarity().pinLevel(false));
        return new PulsedDoorRelay(config,
                on -> output.state(config.polarity().pinLevel(on)
                        ? com.pi4j.io.gpio.digital.DigitalState.HIGH : com.pi4j.io.gpio.digital.DigitalState.LOW),
                () -> gpio.release(output.id()), scheduler);
    }

    @Override
    public void pulse() {
        scheduler.execute(() -> {
            if (closed) {
                return;
            }
            long now = scheduler.now();
            if (!energised) {
                pulseStartedNanos = now;
                log.info("door relay: open for {} ms", config.pulse().toMillis());
                set(true);
            }
            if (offTask != null) {
                offTask.cancel();
            }
            long offAt = Math.min(now + config.pulse().toNanos(), pulseStartedNanos + config.maxHold().toNanos());
            offTask = scheduler.at(offAt, () -> set(false));
        });
    }

    @Override
    public boolean isEnergised() {
        return energised;
    }

    @Override
    public void addListener(RelayListener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        scheduler.runAndWait(() -> {
            if (closed) {
                return;
            }
            if (offTask != null) {
                offTask.cancel();
            }
            set(false);
            closed = true;
            releasePin.run();
        }, Duration.ofSeconds(5));
    }

    private void set(boolean on) {
        try {
            pin.accept(on);
        } catch (RuntimeException e) {
            log.warn("door relay: setting {} failed: {}", on, e.toString());
        }
        boolean changed = energised != on;
        energised = on;
        if (changed) {
            long at = scheduler.now();
            listeners.forEach(l -> l.onRelayChanged(on, at));
        }
    }
}
