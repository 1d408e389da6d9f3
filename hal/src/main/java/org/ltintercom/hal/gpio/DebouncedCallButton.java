package org.ltintercom.hal.gpio;

import org.ltintercom.hal.time.HalClock;
import org.ltintercom.hal.time.HalScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one {@link CallButton} implementation: raw levels from {@link ButtonInputs} (Pi4J pins or
 * the simulator) go through a {@link ButtonDebouncer} per button on the {@code lt-hal-buttons}
 * thread, which also calls the listeners. The GPIO driver's thread only timestamps the edge
 * and hands it over.
 */
public final class DebouncedCallButton implements CallButton {

    /** The dispatcher thread's name. */
    public static final String THREAD_NAME = "lt-hal-buttons";

    private static final Logger log = LoggerFactory.getLogger(DebouncedCallButton.class);

    private final ButtonInputs inputs;
    private final HalScheduler scheduler;
    private final Map<ButtonRole, ButtonDebouncer> debouncers = new EnumMap<>(ButtonRole.class);
    private final List<ButtonListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Reads the start levels and begins watching {@code inputs}. */
    public DebouncedCallButton(ButtonsConfig config, ButtonInputs inputs, HalClock clock) {
        this.inputs = inputs;
        this.scheduler = new HalScheduler(THREAD_NAME, clock);
        for (Map.Entry<ButtonRole, ButtonConfig> e : config.byRole().entrySet()) {
            ButtonRole role = e.getKey();
            debouncers.put(role, new ButtonDebouncer(role, e.getValue().debounce(), config, scheduler, this::dispatch));
        }
        scheduler.runAndWait(() -> debouncers.forEach((role, d) -> d.start(inputs.isActive(role))),
                Duration.ofSeconds(5));
        inputs.start(this::onEdge);
    }

    @Override
    public Set<ButtonRole> roles() {
        return debouncers.keySet();
    }

    @Override
    public void addListener(ButtonListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ButtonListener listener) {
        listeners.remove(listener);
    }

    @Override
    public boolean isPressed(ButtonRole role) {
        ButtonDebouncer debouncer = debouncers.get(role);
        if (debouncer == null) {
            return false;
        }
        boolean[] pressed = new boolean[1];
        scheduler.runAndWait(() -> pressed[0] = debouncer.isPressed(), Duration.ofSeconds(5));
        return pressed[0];
    }

    @Override
    public ButtonStats stats(ButtonRole role) {
        ButtonDebouncer debouncer = debouncers.get(role);
        if (debouncer == null) {
            throw new IllegalArgumentException("role: " + role + " is not configured");
        }
        ButtonStats[] stats = new ButtonStats[1];
        scheduler.runAndWait(() -> stats[0] = debouncer.stats(), Duration.ofSeconds(5));
        return stats[0];
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inputs.close();
        scheduler.runAndWait(() -> debouncers.values().forEach(ButtonDebouncer::cancelTimers), Duration.ofSeconds(5));
        scheduler.close();
    }

    private void onEdge(ButtonRole role, boolean active) {
        if (closed) {
            return;
        }
        long at = scheduler.now();
        ButtonDebouncer debouncer = debouncers.get(role);
        if (debouncer != null) {
            scheduler.execute(() -> debouncer.onRaw(active, at));
        }
    }

    private void dispatch(ButtonEvent event) {
        if (closed) {
            return;
        }
        log.debug("button {}", event);
        for (ButtonListener listener : listeners) {
            try {
                listener.onButton(event);
            } catch (RuntimeException e) {
                log.warn("button listener failed on {}; other listeners still run", event, e);
            }
        }
    }
}
