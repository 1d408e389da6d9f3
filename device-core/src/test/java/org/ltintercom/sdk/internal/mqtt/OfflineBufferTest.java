package org.ltintercom.sdk.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OfflineBufferTest {

    @Test
    void fullBufferDropsAndCountsTheOldest() {
        OfflineBuffer buffer = new OfflineBuffer(2);
        assertNull(buffer.add(pending("a")));
        assertNull(buffer.add(pending("b")));
        assertEquals("a", buffer.add(pending("c")).topic());
        assertEquals(1, buffer.droppedTotal());
        assertEquals(3, buffer.bufferedTotal());
        assertEquals("b", buffer.poll().topic());
        assertEquals("c", buffer.poll().topic());
        assertNull(buffer.poll());
    }

    @Test
    void entryPutBackStaysFirst() {
        OfflineBuffer buffer = new OfflineBuffer(3);
        buffer.add(pending("a"));
        buffer.add(pending("b"));
        OfflineBuffer.Pending first = buffer.poll();
        buffer.pushBack(first);
        assertEquals("a", buffer.poll().topic());
    }

    @Test
    void zeroCapacityDropsEverything() {
        OfflineBuffer buffer = new OfflineBuffer(0);
        buffer.add(pending("a"));
        assertEquals(0, buffer.size());
        assertEquals(1, buffer.droppedTotal());
    }

    private static OfflineBuffer.Pending pending(String topic) {
        return new OfflineBuffer.Pending(topic, new byte[0], false);
    }
}
