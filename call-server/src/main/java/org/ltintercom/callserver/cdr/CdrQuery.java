package org.ltintercom.callserver.cdr;

import java.util.List;

/**
 * The markTS/afterN paging rule of protocol.md:
 * {@code afterN > 0} = the afterN oldest CDRs with sendTime &gt; markTS, oldest first;
 * {@code afterN < 0} = the |afterN| newest with sendTime &lt; markTS, newest first.
 * The next cursor is the sendTime of the last record returned (the request's markTS when none),
 * so passing it back with the same afterN continues without loss or repetition, because
 * sendTimes are unique.
 */
public record CdrQuery(String userID, long markTS, int afterN) {
    public static final int MAX_PAGE = 100;

    public CdrQuery {
        if (afterN == 0 || afterN < -MAX_PAGE || afterN > MAX_PAGE) {
            throw new IllegalArgumentException("afterN: must be between -" + MAX_PAGE + " and " + MAX_PAGE
                    + " and not 0");
        }
    }

    public static boolean validAfterN(long afterN) {
        return afterN != 0 && afterN >= -MAX_PAGE && afterN <= MAX_PAGE;
    }

    public boolean forward() {
        return afterN > 0;
    }

    public int limit() {
        return Math.abs(afterN);
    }

    /** The cursor to return with {@code page} (records in the order they are returned). */
    public long nextMark(List<Cdr> page) {
        return page.isEmpty() ? markTS : page.get(page.size() - 1).sendTime();
    }
}
