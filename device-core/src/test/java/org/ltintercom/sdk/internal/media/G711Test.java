package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class G711Test {

    @Test
    void muLawMatchesTheReferenceTable() {
        assertEquals((byte) 0xFF, G711.linearToUlaw(0));
        assertEquals(-32124, G711.ulawToLinear((byte) 0x00));
        assertEquals(32124, G711.ulawToLinear((byte) 0x80));
        assertEquals(0, G711.ulawToLinear((byte) 0xFF));
        assertEquals(0, G711.ulawToLinear((byte) 0x7F));
        assertEquals(-8, G711.ulawToLinear((byte) 0x7E));
        assertEquals((byte) 0x80, G711.linearToUlaw(32767));
        assertEquals((byte) 0x00, G711.linearToUlaw(-32768));
    }

    @Test
    void aLawMatchesTheReferenceTable() {
        assertEquals((byte) 0xD5, G711.linearToAlaw(0));
        assertEquals(8, G711.alawToLinear((byte) 0xD5));
        assertEquals(-8, G711.alawToLinear((byte) 0x55));
        assertEquals(32256, G711.alawToLinear((byte) 0xAA));
        assertEquals(-32256, G711.alawToLinear((byte) 0x2A));
        assertEquals((byte) 0xAA, G711.linearToAlaw(32767));
        assertEquals((byte) 0x2A, G711.linearToAlaw(-32768));
    }

    @Test
    void everyCodeDecodesAndReEncodesToItself() {
        for (int code = 0; code < 256; code++) {
            byte c = (byte) code;
            if (code != 0x7F) { // mu-law has two zeros; 0x7F (-0) re-encodes as 0xFF (+0)
                assertEquals(c, G711.linearToUlaw(G711.ulawToLinear(c)), "mu-law " + code);
            }
            assertEquals(c, G711.linearToAlaw(G711.alawToLinear(c)), "A-law " + code);
        }
    }

    @Test
    void quantisationErrorStaysWithinTheSegmentStep() {
        for (int x = -32000; x <= 32000; x += 7) {
            int u = G711.ulawToLinear(G711.linearToUlaw(x));
            int a = G711.alawToLinear(G711.linearToAlaw(x));
            int step = Math.max(16, Math.abs(x) / 16);
            assertTrue(Math.abs(u - x) <= step, "mu " + x + " -> " + u);
            assertTrue(Math.abs(a - x) <= step, "A " + x + " -> " + a);
        }
    }
}
