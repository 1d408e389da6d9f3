package org.ltintercom.app.mqtt;

/** Wakeup payloads as the call-server publishes them (docs/protocol.md, "Wakeup payload"). */
final class Wakeups {

    private Wakeups() {
    }

    /** An incoming-call wakeup for {@code receiver}, sent now and expiring in {@code lifetimeMillis} (negative: stale). */
    static String incomingCall(String transId, String receiver, long lifetimeMillis) {
        long now = System.currentTimeMillis();
        long sendTime = lifetimeMillis >= 0 ? now : now + lifetimeMillis - 30_000;
        return """
                {"type": "incoming_call", "transID": "%s", "receiver": "%s", "sendTime": %d, "expiresAt": %d,
                 "callOptions": {"callID": "call-%s", "callType": 1, "accountType": 2, "userID": "%s"},
                 "callerInfo": {"userID": "flat-1", "nickName": "Flat 1"}}
                """.formatted(transId, receiver, sendTime, now + lifetimeMillis, transId, receiver);
    }
}
