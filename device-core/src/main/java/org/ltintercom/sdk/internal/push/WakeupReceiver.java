package org.ltintercom.sdk.internal.push;

import org.ltintercom.sdk.internal.call.CallCenter;
import org.ltintercom.sdk.internal.service.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where wakeup payloads enter the SDK ({@code LTSDK.parseIncomingPush}): parse, drop stale and
 * duplicate ones, hand the rest to the application's notification listener. Never throws.
 */
public final class WakeupReceiver {
    private static final Logger log = LoggerFactory.getLogger(WakeupReceiver.class);

    private final String userID;
    private final WakeupGate gate;
    private final CallCenter callCenter;

    public WakeupReceiver(String userID, WakeupGate gate, CallCenter callCenter) {
        this.userID = userID;
        this.gate = gate;
        this.callCenter = callCenter;
    }

    /** True when the wakeup was accepted and handed on; false (with a log line saying why) otherwise. */
    public boolean accept(String json) {
        Wakeup wakeup;
        try {
            wakeup = WakeupParser.parse(json, userID);
        } catch (WireFormatException e) {
            log.warn("wakeup rejected: {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.warn("wakeup rejected: payload: {}", e.toString());
            return false;
        }
        String dropped = gate.admit(wakeup.transID(), wakeup.expiresAt());
        if (dropped != null) {
            log.info("wakeup {} dropped: {}", wakeup.transID(), dropped);
            return false;
        }
        if (wakeup instanceof Wakeup.IncomingCall call) {
            callCenter.notifyIncomingCall(call.message());
        } else if (wakeup instanceof Wakeup.CallRecord record) {
            callCenter.notifyCallRecord(record.cdr());
        }
        return true;
    }
}
