package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.test.Await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The far end's {@link CallEvents} as lines ("ringing", "ended 5"), to await and assert on. */
final class RecordingCallEvents implements CallEvents {
    private final List<String> events = new ArrayList<>();

    private synchronized void record(String e) {
        events.add(e);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized long count(String e) {
        return events.stream().filter(e::equals).count();
    }

    void await(String e, Duration limit) {
        Await.until("peer event '" + e + "', seen " + events(), limit, () -> count(e) > 0);
    }

    @Override
    public void ringing() {
        record("ringing");
    }

    @Override
    public void answered() {
        record("answered");
    }

    @Override
    public void ended(LTCallStatusCode status) {
        record("ended " + status.code());
    }

    @Override
    public void heldByPeer(boolean held) {
        record("heldByPeer " + held);
    }

    @Override
    public void dtmfReceived(char digit) {
        record("dtmf " + digit);
    }

    @Override
    public void warning(LTCallStatusCode status) {
        record("warning " + status.code());
    }
}
