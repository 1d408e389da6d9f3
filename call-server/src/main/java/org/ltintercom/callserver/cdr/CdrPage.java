package org.ltintercom.callserver.cdr;

import java.util.List;

/** One page of a CDR query: the records in the asked order and the cursor for the next page. */
public record CdrPage(long markTS, List<Cdr> cdrs) {
    public CdrPage {
        cdrs = List.copyOf(cdrs);
    }
}
