package org.ltintercom.callserver.cdr;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.callserver.store.Database;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The unique-sendTime rule on a real SQLite file. */
class CdrStoreTest {
    @TempDir
    Path dir;
    private Database db;
    private final AtomicLong clock = new AtomicLong(10_000);
    private CdrStore store;

    @BeforeEach
    void open() throws Exception {
        db = Database.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null, 2);
        store = new CdrStore(db, clock::get);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private CdrReceipt insert(Long proposed) throws Exception {
        NewCdr c = NewCdr.of("call", "u-1", "u-2", 0, 1000, 1);
        return store.insert(new NewCdr(c.transID(), c.receiver(), c.senderID(), c.callID(), c.caller(), c.callee(),
                c.callerInfo(), c.calleeInfo(), c.callStartTime(), c.callEndTime(), c.billingSecond(), c.isrCode(),
                c.forwarder(), c.endReason(), proposed));
    }

    @Test
    void cdrsInTheSameMillisecondGetTheFollowingFreeOnes() throws Exception {
        assertEquals(10_000, insert(null).sendTime());
        assertEquals(10_001, insert(null).sendTime());
        assertEquals(10_002, insert(null).sendTime());
        assertEquals("cdr-10003", insert(null).msgID());
    }

    @Test
    void aTakenProposalSkipsARunOfTakenMillisecondsAndFillsTheFirstGap() throws Exception {
        for (long t : new long[]{500, 501, 502, 504}) {
            assertEquals(t, insert(t).sendTime());
        }
        assertEquals(503, insert(500L).sendTime());
        assertEquals(505, insert(500L).sendTime());
    }

    @Test
    void runsLongerThanOneScanAreCrossed() throws Exception {
        for (int i = 0; i < 600; i++) {
            insert(7L);
        }
        assertEquals(607, insert(7L).sendTime());
        assertEquals(601, store.count());
    }

    @Test
    void queriesSeeCallerAndCalleeSides() throws Exception {
        insert(1L);
        NewCdr other = NewCdr.of("x", "u-3", "u-1", 0, 5000, 2);
        store.insert(other);
        CdrPage page = store.query(new CdrQuery("u-1", 0, 10));
        assertEquals(List.of("u-1", "u-3"), page.cdrs().stream().map(Cdr::caller).toList());
        assertEquals(5, page.cdrs().get(1).billingSecond());
        assertEquals(page.cdrs().get(1).sendTime(), page.markTS());
        assertEquals(0, store.query(new CdrQuery("u-9", 0, 10)).cdrs().size());
    }
}
