package org.ltintercom.callserver.sip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Where each user's devices are: the registrar's bindings, in memory (a restarted call-server
 * learns them again from the devices' next REGISTER). Several devices per user, one binding per
 * device; expired bindings are invisible and dropped on the next look.
 */
public final class LocationService {
    private final Map<String, Map<String, Binding>> byUser = new ConcurrentHashMap<>();
    private final List<Consumer<Binding>> watchers = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;

    public LocationService(LongSupplier clock) {
        this.clock = clock;
    }

    /** Adds or refreshes a binding, then tells the watchers (calls waiting for this user's device). */
    public void put(Binding binding) {
        synchronized (this) {
            byUser.computeIfAbsent(binding.userID(), u -> new LinkedHashMap<>()).put(binding.key(), binding);
        }
        watchers.forEach(w -> w.accept(binding));
    }

    /** Removes one binding (un-REGISTER of one device). */
    public synchronized void remove(String userID, String key) {
        Map<String, Binding> m = byUser.get(userID);
        if (m != null) {
            m.remove(key);
            if (m.isEmpty()) {
                byUser.remove(userID);
            }
        }
    }

    /** Removes all of the user's bindings ({@code Contact: *}). */
    public synchronized void removeAll(String userID) {
        byUser.remove(userID);
    }

    /** The user's live bindings, oldest registration first. */
    public synchronized List<Binding> bindingsOf(String userID) {
        Map<String, Binding> m = byUser.get(userID);
        if (m == null) {
            return List.of();
        }
        long now = clock.getAsLong();
        m.values().removeIf(b -> b.expiresAtMillis() <= now);
        if (m.isEmpty()) {
            byUser.remove(userID);
            return List.of();
        }
        return new ArrayList<>(m.values());
    }

    /** Number of live bindings of all users (health and tests). */
    public synchronized int size() {
        long now = clock.getAsLong();
        return byUser.values().stream().mapToInt(m -> (int) m.values().stream()
                .filter(b -> b.expiresAtMillis() > now).count()).sum();
    }

    /** Calls {@code watcher} for every binding added or refreshed from now on; returns the handle to remove it. */
    public Runnable watch(Consumer<Binding> watcher) {
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }
}
