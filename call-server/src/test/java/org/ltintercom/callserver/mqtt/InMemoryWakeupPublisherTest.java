package org.ltintercom.callserver.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InMemoryWakeupPublisherTest {

    @Test
    void recordsWakeupsInOrderAndTellsObservers() {
        InMemoryWakeupPublisher publisher = new InMemoryWakeupPublisher();
        List<InMemoryWakeupPublisher.Wakeup> seen = new CopyOnWriteArrayList<>();
        publisher.onPublish(seen::add);
        publisher.publishIncomingCall("u-1", "{\"callID\":\"a\"}").join();
        publisher.publishWakeup("site/7/door-2", "{\"callID\":\"b\"}").join();
        List<InMemoryWakeupPublisher.Wakeup> expected = List.of(
                new InMemoryWakeupPublisher.Wakeup("lt/v1/u-1/wakeup", "{\"callID\":\"a\"}"),
                new InMemoryWakeupPublisher.Wakeup("site/7/door-2", "{\"callID\":\"b\"}"));
        assertEquals(expected, publisher.published());
        assertEquals(expected, seen);
    }

    @Test
    void invalidTopicAndClosedPublisherFailTheFuture() {
        InMemoryWakeupPublisher publisher = new InMemoryWakeupPublisher();
        assertTrue(publisher.publishWakeup("lt/#", "{}").isCompletedExceptionally());
        publisher.close();
        assertTrue(publisher.publishIncomingCall("u-1", "{}").isCompletedExceptionally());
        assertTrue(publisher.published().isEmpty());
    }
}
