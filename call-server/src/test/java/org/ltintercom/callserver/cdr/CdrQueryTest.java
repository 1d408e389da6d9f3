package org.ltintercom.callserver.cdr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdrQueryTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 101, -101, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void afterNMustBeOneToHundredEitherWay(int afterN) {
        assertFalse(CdrQuery.validAfterN(afterN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CdrQuery("u-1", 0, afterN));
        assertEquals("afterN: must be between -100 and 100 and not 0", e.getMessage());
    }

    @Test
    void positiveAfterNPagesForwardNegativeBackward() {
        CdrQuery forward = new CdrQuery("u-1", 5, 100);
        assertTrue(forward.forward());
        assertEquals(100, forward.limit());
        CdrQuery backward = new CdrQuery("u-1", 5, -1);
        assertFalse(backward.forward());
        assertEquals(1, backward.limit());
    }

    @Test
    void theCursorIsTheLastReturnedSendTimeOrTheRequestMark() {
        CdrQuery q = new CdrQuery("u-1", 1000, -3);
        assertEquals(1000, q.nextMark(List.of()));
        assertEquals(7, q.nextMark(List.of(cdr(9), cdr(8), cdr(7))));
    }

    private static Cdr cdr(long sendTime) {
        return new Cdr("t", "cdr-" + sendTime, "u-2", CdrStore.SENDER_ID, sendTime, "c", "u-1", "u-2",
                CallUserInfo.of("u-1"), CallUserInfo.of("u-2"), 0, 0, 0, "", "", 1);
    }
}
