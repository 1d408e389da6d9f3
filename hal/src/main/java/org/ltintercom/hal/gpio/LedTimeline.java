package org.ltintercom.hal.gpio;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records LED transitions (the simulated twin's way of "seeing" the LED, and the tests'). */
public final class LedTimeline implements LedListener {

    private final List<LedTransition> transitions = new ArrayList<>();

    @Override
    public synchronized void onLedChanged(LedTransition transition) {
        transitions.add(transition);
    }

    public synchronized List<LedTransition> transitions() {
        return List.copyOf(transitions);
    }

    /** The transitions of one pattern, in order. */
    public synchronized List<LedTransition> of(LedPattern pattern) {
        return transitions.stream().filter(t -> t.pattern() == pattern).toList();
    }

    public synchronized List<LedTransition> matching(Predicate<LedTransition> filter) {
        return transitions.stream().filter(filter).toList();
    }

    public synchronized void clear() {
        transitions.clear();
    }
}
