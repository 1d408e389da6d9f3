package org.ltintercom.sdk.internal.push;

import org.ltintercom.sdk.call.LTCallCDRNotificationMessage;
import org.ltintercom.sdk.call.LTCallNotificationMessage;

/** A parsed wakeup payload (docs/protocol.md, "Wakeup payload"). */
public sealed interface Wakeup {
    String transID();

    long expiresAt();

    /** {@code "type": "incoming_call"}: ring. */
    record IncomingCall(LTCallNotificationMessage message) implements Wakeup {
        @Override
        public String transID() {
            return message.transID();
        }

        @Override
        public long expiresAt() {
            return message.expiresAt();
        }
    }

    /** {@code "type": "cdr"}: a call ended and was recorded. */
    record CallRecord(LTCallCDRNotificationMessage cdr, long expiresAt) implements Wakeup {
        @Override
        public String transID() {
            return cdr.transID();
        }
    }
}
