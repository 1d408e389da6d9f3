package org.ltintercom.hal.gpio;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Button levels set from code: the simulated twin's "wires". */
public final class SimulatedButtonInputs implements ButtonInputs {

    private final Map<ButtonRole, Boolean> levels = new EnumMap<>(ButtonRole.class);
    private volatile EdgeSink sink;

    public SimulatedButtonInputs(Set<ButtonRole> roles) {
        roles.forEach(role -> levels.put(role, false));
    }

    /** Sets the raw level (true = pressed), as a finger (or a bouncing contact) would. */
    public void set(ButtonRole role, boolean pressed) {
        synchronized (levels) {
            if (!levels.containsKey(role)) {
                throw new IllegalArgumentException("role: " + role + " is not configured");
            }
            if (levels.put(role, pressed) == pressed) {
                return;
            }
        }
        EdgeSink current = sink;
        if (current != null) {
            current.onLevel(role, pressed);
        }
    }

    @Override
    public Set<ButtonRole> roles() {
        return levels.keySet();
    }

    @Override
    public boolean isActive(ButtonRole role) {
        synchronized (levels) {
            return levels.getOrDefault(role, false);
        }
    }

    @Override
    public void start(EdgeSink edgeSink) {
        this.sink = edgeSink;
    }

    @Override
    public void close() {
        sink = null;
    }
}
