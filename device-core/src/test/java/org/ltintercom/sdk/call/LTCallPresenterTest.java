package org.ltintercom.sdk.call;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.internal.call.Call;
import org.ltintercom.sdk.internal.call.CallSetup;
import org.ltintercom.sdk.internal.event.EventThread;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.RecordingCallListener;
import org.ltintercom.sdk.test.ScriptedSignalling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LTCallPresenterTest {
    private final EventThread events = new EventThread();
    private final ScriptedSignalling signalling = new ScriptedSignalling();
    private final LTCallPresenter presenter = LTCallPresenter.getInstance();
    private final List<String> shown = new ArrayList<>();

    @BeforeEach
    void listen() {
        presenter.setListener((call, state) -> shown.add(call.getCallID() + " " + state + " on " + Thread.currentThread().getName()));
    }

    @AfterEach
    void stop() {
        presenter.setListener(null);
        events.close(Duration.ofSeconds(5));
    }

    private Call started(String callID, LTCallType type) {
        LTCallOptions options = LTCallOptions.userIDBuilder().userID("indoor-1").build().withCallID(callID).withCallType(type);
        Call call = new Call(callID, type, "door-1", options, new RecordingCallListener(), events, null, c -> {
        });
        call.start(signalling, new CallSetup(callID, type, "door-1", options, "{}", null));
        Await.drained(events);
        return call;
    }

    private List<String> shown() {
        Await.drained(events);
        Await.drained(events);
        return List.copyOf(shown);
    }

    @Test
    void anOutgoingCallIsShownHeldResumedAndEndedOnce() {
        Call call = started("p-1", LTCallType.OUTGOING);
        presenter.configure("Front door", "ding-dong.wav");
        presenter.startOutgoingCall(call, "Kitchen");
        assertEquals("Kitchen", presenter.displayName(call));
        signalling.events("p-1").ringing();
        signalling.events("p-1").answered();
        call.setCallHeld(true);
        call.setCallHeld(false);
        signalling.events("p-1").heldByPeer(true);
        signalling.events("p-1").heldByPeer(false);
        signalling.events("p-1").ended(LTCallStatusCode.HANGUP);
        presenter.endCall(call);
        assertEquals(List.of("p-1 OUTGOING on lt-sdk-events", "p-1 HOLD on lt-sdk-events", "p-1 UNHOLD on lt-sdk-events",
                "p-1 HOLD on lt-sdk-events", "p-1 UNHOLD on lt-sdk-events", "p-1 END on lt-sdk-events"), shown());
        assertNull(presenter.displayName(call), "an ended call is forgotten");
        assertEquals("Front door", presenter.localizedName());
        assertEquals("ding-dong.wav", presenter.ringtone());
    }

    @Test
    void endCallHangsUpAnIncomingCallAndShowsEnd() {
        Call call = started("p-2", LTCallType.INCOMING);
        presenter.startIncomingCall(call, "Front door");
        presenter.reportCall(call, "Front door (Anna)");
        assertEquals("Front door (Anna)", presenter.displayName(call));
        presenter.endCall(call);
        assertEquals(LTCallState.TERMINATED, call.getCallState());
        assertEquals(List.of("p-2 INCOMING on lt-sdk-events", "p-2 INCOMING on lt-sdk-events", "p-2 END on lt-sdk-events"), shown());
        assertEquals(List.of("reject 4"), signalling.commands("p-2"));
    }

    @Test
    void aCallPresentedTwiceIsShownOnceAndOnlySdkCallsArePresented() {
        Call call = started("p-3", LTCallType.INCOMING);
        presenter.startIncomingCall(call, "Front door");
        presenter.startIncomingCall(call, "Front door");
        presenter.reportCall(started("p-4", LTCallType.INCOMING), "not presented");
        assertEquals(List.of("p-3 INCOMING on lt-sdk-events"), shown());
        assertThrows(IllegalArgumentException.class, () -> presenter.startOutgoingCall(null, "x"));
        LTCall foreign = (LTCall) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{LTCall.class},
                (proxy, method, args) -> null);
        assertThrows(IllegalArgumentException.class, () -> presenter.startIncomingCall(foreign, "x"));
        call.hangupCall();
    }
}
