package org.ltintercom.callserver.sip;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls passing through the proxy, by SIP Call-ID: ringing ones (for the caller's CANCEL) and
 * answered ones (whose in-dialog requests we relay and whose BYE ends the CDR). A request that
 * claims a dialog not in here is refused with 481, so the proxy is no open relay.
 */
final class ActiveCalls {
    private final Map<String, Forking> bySipCallID = new ConcurrentHashMap<>();

    /** False when a call with this Call-ID is already here. */
    boolean add(String sipCallID, Forking call) {
        return bySipCallID.putIfAbsent(sipCallID, call) == null;
    }

    Forking get(String sipCallID) {
        return bySipCallID.get(sipCallID);
    }

    void remove(String sipCallID, Forking call) {
        bySipCallID.remove(sipCallID, call);
    }

    int size() {
        return bySipCallID.size();
    }

    Collection<Forking> all() {
        return List.copyOf(bySipCallID.values());
    }
}
