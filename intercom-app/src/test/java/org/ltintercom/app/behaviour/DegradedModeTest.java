package org.ltintercom.app.behaviour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.app.testing.FakeTimers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DegradedModeTest {

    @TempDir
    Path dir;

    private final FakeTimers timers = new FakeTimers();
    private final List<String> signals = new ArrayList<>();
    private final DegradedMode.Signals hal = new DegradedMode.Signals() {
        @Override
        public void playChime() {
            signals.add("chime");
        }

        @Override
        public void showError() {
            signals.add("error-led");
        }

        @Override
        public void restoreLed() {
            signals.add("restore-led");
        }
    };

    @Test
    void buttonWhileSipIsDownChimesShowsErrorAndQueuesAnEventThatSurvivesARestart() throws Exception {
        StateStore store = new StateStore(dir);
        Clock wall = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
        DegradedMode mode = new DegradedMode(timers, wall, hal, new PendingEvents(store, 10));
        assertTrue(mode.onCallButton(), "not registered yet");
        assertEquals(List.of("chime", "error-led"), signals);
        timers.advance(DegradedMode.ERROR_SHOW_TIME);
        assertEquals("restore-led", signals.get(2));

        mode.setSipRegistered(true);
        assertFalse(mode.onCallButton(), "online: the ring plan takes the press");
        mode.setNetworkUp(false);
        assertTrue(mode.onCallButton());

        PendingEvents afterRestart = new PendingEvents(new StateStore(dir), 10);
        assertEquals(2, afterRestart.size());
        List<String> published = new ArrayList<>();
        assertEquals(2, afterRestart.drain(published::add));
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(published.get(0));
        assertEquals("button-pressed-offline", first.get("type").asText());
        assertEquals("sip-unregistered", first.get("reason").asText());
        assertEquals(1_700_000_000_000L, first.get("at").asLong());
        assertEquals("network-down", json.readTree(published.get(1)).get("reason").asText());
        assertEquals(0, new PendingEvents(new StateStore(dir), 10).size(), "drained events are gone from disk");
    }

    @Test
    void queueIsBoundedAndReportsDroppedEventsAndKeepsWhatCouldNotBePublished() throws Exception {
        PendingEvents events = new PendingEvents(new StateStore(dir), 3);
        DegradedMode mode = new DegradedMode(timers, Clock.systemUTC(), hal, events);
        for (int i = 0; i < 5; i++) {
            mode.onCallButton();
        }
        assertEquals(3, events.size());
        assertEquals(2, events.dropped());
        List<String> published = new ArrayList<>();
        assertEquals(1, events.drain(p -> published.add(p) && published.size() < 2), "broker went away after one");
        assertEquals(2, new ObjectMapper().readTree(published.get(0)).get("droppedBefore").asLong());
        assertEquals(2, events.size());
        assertEquals(0, events.dropped());
    }
}
