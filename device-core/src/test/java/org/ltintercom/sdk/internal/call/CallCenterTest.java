package org.ltintercom.sdk.internal.call;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.LTSDKNoInitializationException;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallAccountType;
import org.ltintercom.sdk.call.LTCallCDRNotificationMessage;
import org.ltintercom.sdk.call.LTCallNotificationListener;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallState;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.call.LTCallUserInfo;
import org.ltintercom.sdk.internal.event.EventThread;
import org.ltintercom.sdk.internal.service.ServiceClient;
import org.ltintercom.sdk.test.Await;
import org.ltintercom.sdk.test.FixedAudioBackend;
import org.ltintercom.sdk.test.LogCapture;
import org.ltintercom.sdk.test.RecordingCallListener;
import org.ltintercom.sdk.test.ScriptedSignalling;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallCenterTest {
    private final EventThread events = new EventThread();
    // never asked in these tests: requests go to the real call-server in the ITs
    private final ServiceClient client = new ServiceClient(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1), Duration.ofSeconds(1));
    private final ScriptedSignalling signalling = new ScriptedSignalling();
    private final RecordingCallListener listener = new RecordingCallListener();
    private final CallCenter center = new CallCenter();
    private final CallCenter.Session session = new CallCenter.Session("door-1", client, events, signalling,
            new FixedAudioBackend(LTAudioRoute.BUILTIN), Clock.systemUTC());

    @AfterEach
    void stop() {
        client.close();
        events.close(Duration.ofSeconds(5));
    }

    private List<String> heard() {
        Await.drained(events);
        return listener.events();
    }

    static LTCallNotificationMessage incoming(String callID, long expiresAt) {
        LTCallOptions options = new LTCallOptions(callID, LTCallType.INCOMING, LTCallAccountType.USER_ID, "door-1",
                null, null, null, null, null, Map.of());
        return new LTCallNotificationMessage("w-" + callID, "door-1", options,
                new LTCallUserInfo("indoor-1", null, null, null, "Kitchen", null), null, System.currentTimeMillis(), expiresAt);
    }

    @Test
    void beforeInitNoCallStartsAndRequestsFailAsProgrammingErrors() {
        assertNull(center.startCall("door-1", LTCallOptions.userIDBuilder().userID("indoor-1").build(), listener));
        assertNull(center.startCall(incoming("c-1", Long.MAX_VALUE), listener));
        assertNotInitialised(() -> center.queryCDR("door-1", 0, 10));
        assertNotInitialised(() -> center.blockCall("door-1", List.of("x")));
        assertNotInitialised(() -> center.unblockCall("door-1", List.of("x")));
        assertNotInitialised(() -> center.getBlockCallList("door-1"));
    }

    private static void assertNotInitialised(Supplier<CompletableFuture<?>> request) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> request.get().get());
        assertInstanceOf(LTSDKNoInitializationException.class, e.getCause());
    }

    @Test
    void nullArgumentsFailTheFutureWithTheArgumentsName() {
        center.attach(session);
        assertIllegal("userID: required", () -> center.queryCDR(null, 0, 10));
        assertIllegal("blockUserIDs: required", () -> center.blockCall("door-1", null));
        assertIllegal("blockUserIDs[1]: null", () -> center.unblockCall("door-1", Arrays.asList("a", null)));
        assertIllegal("userID: required", () -> center.getBlockCallList(null));
        assertThrows(IllegalArgumentException.class, () -> center.startCall("door-1", null, listener));
        assertThrows(IllegalArgumentException.class, () -> center.startCall(null, LTCallOptions.userIDBuilder().userID("x").build(), listener));
        assertThrows(IllegalArgumentException.class, () -> center.startCall((LTCallNotificationMessage) null, listener));
    }

    private static void assertIllegal(String message, Supplier<CompletableFuture<?>> request) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> request.get().get());
        assertEquals(message, assertInstanceOf(IllegalArgumentException.class, e.getCause()).getMessage());
    }

    @Test
    void aCallWithoutCalleeIsReturnedAndEndsAtOnceWith201() {
        center.attach(session);
        LTCall call = center.startCall("door-1", LTCallOptions.semiUIDBuilder().build(), listener);
        assertNotNull(call);
        assertEquals(LTCallState.TERMINATED, call.getCallState());
        assertNotNull(call.getCallID());
        assertEquals(List.of("terminated 201"), heard());
        assertEquals(List.of(), signalling.commands(), "nothing was signalled");
        assertEquals(0, center.getActiveCallCount());
    }

    @Test
    void extInfoOver256BytesAsJsonEndsTheCallWith205AndExactly256Passes() {
        center.attach(session);
        // {"k":"vvv…"} is 8 bytes of JSON around the value
        LTCall tooLong = center.startCall("door-1", LTCallOptions.userIDBuilder().userID("indoor-1")
                .extInfo(Map.of("k", "v".repeat(249))).build(), listener);
        assertEquals(LTCallState.TERMINATED, tooLong.getCallState());
        LTCall fits = center.startCall("door-1", LTCallOptions.userIDBuilder().userID("indoor-1")
                .extInfo(Map.of("k", "v".repeat(248))).build(), listener);
        assertEquals(LTCallState.INIT, fits.getCallState());
        // multi-byte text counts in UTF-8 bytes
        LTCall wide = center.startCall("door-1", LTCallOptions.userIDBuilder().userID("indoor-1")
                .extInfo(Map.of("k", "\u00e9".repeat(125))).build(), listener);
        assertEquals(LTCallState.TERMINATED, wide.getCallState());
        assertEquals(List.of("terminated 205", "terminated 205"), heard());
        assertEquals(248 + 8, ExtInfo.utf8Length(signalling.setup(fits.getCallID()).extInfoJson()));
    }

    @Test
    void extInfoThatCannotBeJsonIsAnOptionsError() {
        center.attach(session);
        Map<String, Object> ext = new HashMap<>();
        ext.put("self", ext);
        LTCall call = center.startCall("door-1", LTCallOptions.userIDBuilder().userID("indoor-1").extInfo(ext).build(), listener);
        assertEquals(LTCallState.TERMINATED, call.getCallState());
        assertEquals(List.of("terminated 201"), heard());
    }

    @Test
    void callingAsAnotherUserOrCallingYourselfIsRefused() {
        center.attach(session);
        center.startCall("indoor-9", LTCallOptions.userIDBuilder().userID("indoor-1").build(), listener);
        center.startCall("door-1", LTCallOptions.userIDBuilder().userID("door-1").build(), listener);
        assertEquals(List.of("terminated 211", "terminated 111"), heard());
    }

    @Test
    void aValidCallIsSignalledWithItsAssignedCallIdAndCanBeFound() {
        center.attach(session);
        LTCall call = center.startCall("door-1", LTCallOptions.phoneNumberBuilder().phoneNumber("+886900000002").build(), listener);
        Await.drained(events);
        assertEquals(List.of("place " + call.getCallID()), signalling.commands());
        CallSetup setup = signalling.setup(call.getCallID());
        assertEquals(call.getCallID(), setup.options().callID());
        assertEquals(LTCallType.OUTGOING, call.getCallType());
        assertEquals("door-1", call.getAccountUserID());
        assertSame(call, center.getCall(call.getCallID()));
        assertEquals(1, center.getActiveCallCount());
        call.hangupCall();
        assertNull(center.getCall(call.getCallID()));
        assertEquals(0, center.getActiveCallCount());
        assertNull(center.getCall(null));
    }

    @Test
    void withoutSipSignallingAValidCallEndsWith203AndTheLogSaysWhy() {
        center.attach(new CallCenter.Session("door-1", client, events, new NoSignalling(), null, Clock.systemUTC()));
        try (LogCapture log = new LogCapture(NoSignalling.class)) {
            LTCall call = center.startCall("door-1", LTCallOptions.userIDBuilder().userID("indoor-1").build(), listener);
            // ended by the signalling on the event thread, so its report is queued behind that
            Await.until("call ended", () -> call.getCallState() == LTCallState.TERMINATED);
            assertEquals(List.of("terminated 203"), heard());
            assertTrue(log.contains("no SIP signalling is configured"), log.messages().toString());
        }
    }

    @Test
    void theIncomingCallOfAWakeupAwaitsItsInviteAndIsStartedOnce() {
        center.attach(session);
        LTCallNotificationMessage message = incoming("c-7", System.currentTimeMillis() + 30_000);
        LTCall call = center.startCall(message, listener);
        assertSame(call, center.startCall(message, new RecordingCallListener()), "a second start returns the same call");
        Await.drained(events);
        assertEquals(List.of("await c-7"), signalling.commands());
        assertEquals(LTCallType.INCOMING, call.getCallType());
        assertEquals("c-7", call.getCallID());
        assertEquals("indoor-1", signalling.setup("c-7").peerInfo().userID());
        assertThrows(IllegalArgumentException.class, () -> center.startCall(
                new LTCallNotificationMessage("w", "door-1", null, null, null, 0, 0), listener));
    }

    @Test
    void anIncomingCallWhoseWakeupExpiredEndsAsMissedWithoutRinging() {
        center.attach(session);
        LTCall call = center.startCall(incoming("c-8", System.currentTimeMillis() - 1), listener);
        assertEquals(LTCallState.TERMINATED, call.getCallState());
        assertEquals(List.of("terminated 2"), heard());
        assertEquals(List.of(), signalling.commands());
    }

    @Test
    void notificationsReachTheListenerOnTheEventThreadAndAreDroppedWithoutOne() {
        center.attach(session);
        List<String> heardBy = new ArrayList<>();
        try (LogCapture log = new LogCapture(CallCenter.class)) {
            center.notifyIncomingCall(incoming("c-9", Long.MAX_VALUE));
            Await.drained(events);
            assertTrue(log.contains("no LTCallNotificationListener is set"), log.messages().toString());
        }
        center.setCallNotificationListener(new LTCallNotificationListener() {
            @Override
            public void onCallNotification(LTCallNotificationMessage message) {
                heardBy.add(message.callOptions().callID() + " on " + Thread.currentThread().getName());
            }

            @Override
            public void onCallCDRNotification(LTCallCDRNotificationMessage cdr) {
                heardBy.add(cdr.msgID() + " on " + Thread.currentThread().getName());
            }
        });
        center.notifyIncomingCall(incoming("c-10", Long.MAX_VALUE));
        center.notifyCallRecord(new LTCallCDRNotificationMessage("t", "cdr-1", "door-1", "call-server", 1, "c-10",
                "indoor-1", "door-1", null, null, 0, 0, 0, "", "", 1));
        Await.drained(events);
        assertEquals(List.of("c-10 on lt-sdk-events", "cdr-1 on lt-sdk-events"), heardBy);
    }

    @Test
    void callsWhoseAudioRouteWentAwayMoveToBuiltin() {
        center.attach(session);
        LTCall call = center.startCall("door-1", LTCallOptions.userIDBuilder().userID("indoor-1").build(), listener);
        Await.drained(events);
        signalling.events(call.getCallID()).ringing();
        signalling.events(call.getCallID()).answered();
        FixedAudioBackend audio = (FixedAudioBackend) session.audio();
        audio.setRoutes(java.util.EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.HEADPHONES));
        call.setAudioRoute(LTAudioRoute.HEADPHONES);
        audio.setRoutes(java.util.EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.HEADPHONES, LTAudioRoute.BLUETOOTH));
        center.onAvailableRoutesChanged(audio.availableRoutes());
        assertEquals(LTAudioRoute.HEADPHONES, call.getCurrentAudioRoute(), "a new route does not take the audio away");
        center.onAvailableRoutesChanged(java.util.Set.of(LTAudioRoute.BUILTIN, LTAudioRoute.BLUETOOTH));
        assertEquals(LTAudioRoute.BUILTIN, call.getCurrentAudioRoute(), "the headset was unplugged");
        center.onAvailableRoutesChanged(java.util.Set.of());
        assertEquals(LTAudioRoute.BUILTIN, call.getCurrentAudioRoute(), "with no device left there is nowhere to go");
        assertEquals(2, heard().stream().filter("media AUDIO_ROUTE"::equals).count());
        Await.drained(events);
        assertEquals(List.of("route HEADPHONES", "route BUILTIN"), signalling.commands(call.getCallID()));
        call.hangupCall();
    }

    @Test
    void detachingEndsEveryCallAndStopsNewOnes() {
        center.attach(session);
        LTCall one = center.startCall("door-1", LTCallOptions.userIDBuilder().userID("indoor-1").build(), listener);
        LTCall two = center.startCall(incoming("c-11", System.currentTimeMillis() + 30_000), listener);
        center.detach(session);
        assertEquals(LTCallState.TERMINATED, one.getCallState());
        assertEquals(LTCallState.TERMINATED, two.getCallState());
        // the outgoing call is hung up, the ringing incoming one declined; the order between calls is not defined
        assertEquals(List.of("terminated 1", "terminated 4"), heard().stream().sorted().toList());
        assertEquals(0, center.getActiveCallCount());
        assertNull(center.startCall("door-1", LTCallOptions.userIDBuilder().userID("indoor-1").build(), listener));
    }

    /**
     * An application sets its registration listener just as the SIP thread reports the
     * registration (as right after init): whatever the interleaving, what it hears last is the
     * current state. It used to hear a state read before the change, delivered after it (a
     * registered SDK reported unregistered until the next change; CI, SdkEchoCancellationIT).
     */
    @Test
    void aRegistrationListenerSetDuringAChangeEndsOnTheCurrentState() throws Exception {
        for (int i = 0; i < 3_000; i++) {
            CallCenter fresh = new CallCenter();
            SignallingListener sip = fresh.signallingListener(events);
            java.util.concurrent.atomic.AtomicReference<Boolean> last = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            Thread sipThread = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                sip.onRegistrationChanged(true, null);
            }, "test-sip-" + i);
            sipThread.start();
            start.await();
            fresh.setRegistrationListener((now, failure) -> last.set(now), events);
            sipThread.join();
            CompletableFuture<Void> drained = new CompletableFuture<>();
            events.execute(() -> drained.complete(null));
            drained.get();
            assertEquals(Boolean.TRUE, last.get(), "round " + i + ": the listener was left with a stale state");
        }
    }
}
