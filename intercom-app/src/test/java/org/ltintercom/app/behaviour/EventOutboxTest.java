package org.ltintercom.app.behaviour;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.control.DeviceReporter;
import org.ltintercom.app.control.DeviceStatus;
import org.ltintercom.app.state.StateStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Events go out at once while MQTT takes them, queue on disk while it cannot, and leave in order. */
class EventOutboxTest {

    @TempDir
    Path dir;

    /** An MQTT face that is up or down. */
    static final class Link implements DeviceReporter {
        final List<Object> sent = new ArrayList<>();
        boolean up;

        @Override
        public void statusChanged(DeviceStatus status) {
        }

        @Override
        public boolean event(Map<String, Object> event) {
            if (up) {
                sent.add(event.get("n"));
            }
            return up;
        }
    }

    @Test
    void eventsWaitWhileTheLinkIsDownAndLeaveInOrderBeforeNewOnes() {
        Link link = new Link();
        DeviceReporter[] reporter = {null};
        EventOutbox outbox = new EventOutbox(new PendingEvents(new StateStore(dir), 10), () -> reporter[0]);

        outbox.report(Map.of("type", "call", "n", 1)); // no reporter yet (before MQTT started)
        reporter[0] = link;
        outbox.report(Map.of("type", "call", "n", 2)); // link down
        assertEquals(2, outbox.queued());
        assertEquals(List.of(), link.sent);

        link.up = true;
        outbox.report(Map.of("type", "call", "n", 3)); // goes behind the queued ones
        assertEquals(List.of(1, 2, 3), link.sent);
        assertEquals(0, outbox.queued());

        outbox.report(Map.of("type", "call", "n", 4)); // nothing queued: straight out
        assertEquals(List.of(1, 2, 3, 4), link.sent);
    }

    @Test
    void queuedEventsSurviveARestartAndDrainWhenTheLinkReturns() {
        Link link = new Link();
        new EventOutbox(new PendingEvents(new StateStore(dir), 10), () -> link).report(Map.of("n", 7));

        EventOutbox afterRestart = new EventOutbox(new PendingEvents(new StateStore(dir), 10), () -> link);
        assertEquals(1, afterRestart.queued());
        link.up = true;
        afterRestart.drain();
        assertEquals(List.of(7), link.sent);
        assertEquals(0, afterRestart.queued());
    }
}
