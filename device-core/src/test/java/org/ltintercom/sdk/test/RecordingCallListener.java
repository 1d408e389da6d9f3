package org.ltintercom.sdk.test;

import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallStateListener;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.call.LTMediaType;

import java.util.ArrayList;
import java.util.List;

/** Records every listener call as a line ("terminated 5"), with the thread it came on. */
public class RecordingCallListener implements LTCallStateListener {
    private final List<String> events = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();

    protected synchronized void record(String event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    public synchronized long count(String event) {
        return events.stream().filter(event::equals).count();
    }

    public synchronized long countStartingWith(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    @Override
    public void onCallStateRegistered(LTCall call) {
        record("registered");
    }

    @Override
    public void onCallStateConnected(LTCall call) {
        record("connected");
    }

    @Override
    public void onCallStateWarning(LTCall call, LTCallStatusCode statusCode) {
        record("warning " + statusCode.code());
    }

    @Override
    public void onCallStateTerminated(LTCall call, LTCallStatusCode statusCode) {
        record("terminated " + statusCode.code());
    }

    @Override
    public void onCallMediaStateChanged(LTCall call, LTMediaType mediaType) {
        record("media " + mediaType);
    }

    @Override
    public void onCallConnectDuration(LTCall call, long seconds) {
        record("duration " + seconds);
    }

    @Override
    public void onCallDTMFReceived(LTCall call, char digit) {
        record("dtmf " + digit);
    }
}
