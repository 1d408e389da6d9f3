package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTRegistrationListener;
import org.ltintercom.sdk.LTSDKNoInitializationException;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTBlockListResponse;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallAccountType;
import org.ltintercom.sdk.call.LTCallCDRNotificationMessage;
import org.ltintercom.sdk.call.LTCallCenterManager;
import org.ltintercom.sdk.call.LTCallNotificationListener;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallStateListener;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.call.LTUserCDRResponse;
import org.ltintercom.sdk.internal.event.EventThread;
import org.ltintercom.sdk.internal.service.ServiceClient;
import org.ltintercom.sdk.spi.AudioBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The SDK's {@link LTCallCenterManager}: one per process, alive across init/clean cycles (so the
 * notification listener set before init stays), attached to the signed-in session while there is one.
 */
public final class CallCenter implements LTCallCenterManager {
    private static final Logger log = LoggerFactory.getLogger(CallCenter.class);
    private static final LTCallStateListener NO_LISTENER = new LTCallStateListener() {
    };

    /** What the call center works with while a user is signed in. */
    public record Session(String userID, ServiceClient client, EventThread events, CallSignalling signalling,
                          AudioBackend audio, Clock clock) {
    }

    private final AtomicReference<Session> session = new AtomicReference<>();
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private volatile LTCallNotificationListener notificationListener;
    private volatile LTRegistrationListener registrationListener;
    private volatile boolean registered;

    public void attach(Session newSession) {
        session.set(newSession);
    }

    /** Ends every call (their listeners hear it) and detaches from the session. */
    public void detach(Session ending) {
        if (session.compareAndSet(ending, null)) {
            calls.values().forEach(Call::endBySdk);
        }
    }

    @Override
    public LTCall startCall(String myUserID, LTCallOptions options, LTCallStateListener listener) {
        Session s = session.get();
        if (s == null) {
            log.warn("startCall: the LT SDK is not initialised; no call");
            return null;
        }
        requireArgument("myUserID", myUserID);
        requireArgument("options", options);
        String callID = UUID.randomUUID().toString();
        LTCallOptions assigned = options.withCallID(callID).withCallType(LTCallType.OUTGOING);
        Call call = register(s, callID, LTCallType.OUTGOING, assigned, listener);
        String extInfoJson = null;
        LTCallStatusCode refusal = null;
        if (!myUserID.equals(s.userID())) {
            log.warn("startCall: myUserID is not the signed-in user");
            refusal = LTCallStatusCode.ERROR_NO_VALID_USER;
        } else if (assigned.calleeKey() == null) {
            log.warn("startCall: options: no callee ({} key missing)", assigned.accountType());
            refusal = LTCallStatusCode.ERROR_OPTIONS;
        } else {
            try {
                extInfoJson = ExtInfo.json(assigned.extInfo());
                int bytes = ExtInfo.utf8Length(extInfoJson);
                if (bytes > LTCallOptions.MAX_EXT_INFO_BYTES) {
                    log.warn("startCall: extInfo: {} bytes as JSON, at most {}", bytes, LTCallOptions.MAX_EXT_INFO_BYTES);
                    refusal = LTCallStatusCode.ERROR_EXT_INFO_LENGTH;
                }
            } catch (IllegalArgumentException e) {
                log.warn("startCall: {}", e.getMessage());
                refusal = LTCallStatusCode.ERROR_OPTIONS;
            }
            if (refusal == null && assigned.accountType() == LTCallAccountType.USER_ID && myUserID.equals(assigned.userID())) {
                refusal = LTCallStatusCode.CALLEE_AT_CALLER_DEVICE;
            }
        }
        if (refusal != null) {
            call.refuse(refusal);
        } else {
            call.start(s.signalling(), new CallSetup(callID, LTCallType.OUTGOING, s.userID(), assigned, extInfoJson, null));
        }
        return call;
    }

    @Override
    public LTCall startCall(LTCallNotificationMessage message, LTCallStateListener listener) {
        Session s = session.get();
        if (s == null) {
            log.warn("startCall: the LT SDK is not initialised; no call");
            return null;
        }
        requireArgument("message", message);
        if (!message.isIncomingCallMessage()) {
            throw new IllegalArgumentException("message: not an incoming-call message");
        }
        String callID = message.callOptions().callID();
        Call existing = calls.get(callID);
        if (existing != null) {
            log.info("startCall: call {} was already started; returning it", callID);
            return existing;
        }
        Call call = register(s, callID, LTCallType.INCOMING, message.callOptions(), listener);
        if (!s.userID().equals(message.receiver())) {
            log.warn("startCall: message.receiver is not the signed-in user");
            call.refuse(LTCallStatusCode.ERROR_NO_VALID_USER);
        } else if (s.clock().millis() > message.expiresAt()) {
            log.info("startCall: call {} was announced until {} and has expired; the caller gave up", callID, message.expiresAt());
            call.refuse(LTCallStatusCode.MISS);
        } else {
            call.start(s.signalling(), new CallSetup(callID, LTCallType.INCOMING, s.userID(), message.callOptions(),
                    ExtInfo.json(message.callOptions().extInfo()), message.callerInfo()));
        }
        return call;
    }

    private Call register(Session s, String callID, LTCallType type, LTCallOptions options, LTCallStateListener listener) {
        Call call = new Call(callID, type, s.userID(), options, listener == null ? NO_LISTENER : listener, s.events(),
                s.audio(), ended -> calls.remove(ended.getCallID(), ended));
        calls.put(callID, call);
        return call;
    }

    @Override
    public LTCall getCall(String callID) {
        return callID == null ? null : calls.get(callID);
    }

    /** The IDs of the calls not yet terminated. */
    public List<String> activeCallIDs() {
        return List.copyOf(calls.keySet());
    }

    @Override
    public int getActiveCallCount() {
        return calls.size();
    }

    @Override
    public CompletableFuture<LTUserCDRResponse> queryCDR(String userID, long markTsMillis, int afterN) {
        return request("queryCDR", c -> {
            requireArgument("userID", userID);
            return c.queryCdr(userID, markTsMillis, afterN);
        });
    }

    @Override
    public CompletableFuture<LTResponse> blockCall(String userID, List<String> blockUserIDs) {
        return request("blockCall", c -> c.block(requireArgument("userID", userID), requireList("blockUserIDs", blockUserIDs)));
    }

    @Override
    public CompletableFuture<LTResponse> unblockCall(String userID, List<String> blockUserIDs) {
        return request("unblockCall", c -> c.unblock(requireArgument("userID", userID), requireList("blockUserIDs", blockUserIDs)));
    }

    @Override
    public CompletableFuture<LTBlockListResponse> getBlockCallList(String userID) {
        return request("getBlockCallList", c -> c.blockList(requireArgument("userID", userID)));
    }

    @Override
    public void setCallNotificationListener(LTCallNotificationListener listener) {
        this.notificationListener = listener;
    }

    /** The application's SIP registration listener (null removes it); it hears the current state at once. */
    public void setRegistrationListener(LTRegistrationListener listener, EventThread events) {
        this.registrationListener = listener;
        if (listener != null && events != null) {
            // read when delivered, not now: a state read here could reach the listener after a newer
            // change the SIP thread queued meanwhile, and leave it believing the older one (CI saw a
            // registered SDK reported unregistered for good)
            events.execute(() -> listener.onRegistrationChanged(registered, null));
        }
    }

    public boolean isRegistered() {
        return registered;
    }

    /** What the signalling reports outside calls, delivered on {@code events}. */
    public SignallingListener signallingListener(EventThread events) {
        registered = false; // a new session starts unregistered, whatever the last one ended with
        return new SignallingListener() {
            @Override
            public void onRegistrationChanged(boolean nowRegistered, LTCallStatusCode failure) {
                registered = nowRegistered;
                events.execute(() -> {
                    LTRegistrationListener l = registrationListener;
                    if (l != null) {
                        l.onRegistrationChanged(nowRegistered, failure);
                    }
                });
            }

            @Override
            public void onUnannouncedCall(LTCallNotificationMessage message) {
                notifyIncomingCall(message);
            }
        };
    }

    /** The audio backend's routes changed: calls whose route went away move to another. */
    public void onAvailableRoutesChanged(Set<LTAudioRoute> available) {
        calls.values().forEach(call -> call.onAvailableRoutesChanged(available));
    }

    /** Hands an incoming-call wakeup to the application's listener, on the event thread. */
    public void notifyIncomingCall(LTCallNotificationMessage message) {
        notifyListener("incoming call " + message.callOptions().callID(), l -> l.onCallNotification(message));
    }

    /** Hands a CDR wakeup to the application's listener, on the event thread. */
    public void notifyCallRecord(LTCallCDRNotificationMessage cdr) {
        notifyListener("CDR " + cdr.msgID(), l -> l.onCallCDRNotification(cdr));
    }

    private void notifyListener(String what, java.util.function.Consumer<LTCallNotificationListener> delivery) {
        Session s = session.get();
        if (s == null) {
            log.warn("{} dropped: the LT SDK is not initialised", what);
            return;
        }
        s.events().execute(() -> {
            LTCallNotificationListener l = notificationListener;
            if (l == null) {
                log.warn("{} dropped: no LTCallNotificationListener is set", what);
            } else {
                delivery.accept(l);
            }
        });
    }

    /**
     * Runs a service request for the application: fails the future when not initialised or an argument
     * is bad, and completes it on the event thread otherwise.
     */
    private <T> CompletableFuture<T> request(String operation, Function<ServiceClient, CompletableFuture<T>> send) {
        Session s = session.get();
        if (s == null) {
            return CompletableFuture.failedFuture(new LTSDKNoInitializationException(operation));
        }
        return s.events().deliver(() -> send.apply(s.client()));
    }

    /** {@code value}, or {@link IllegalArgumentException} naming the argument when it is null. */
    public static <T> T requireArgument(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": required");
        }
        return value;
    }

    /** A copy of {@code values}, or {@link IllegalArgumentException} naming the argument or the null element. */
    public static List<String> requireList(String name, List<String> values) {
        requireArgument(name, values);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(name + "[" + i + "]: null");
            }
        }
        return List.copyOf(values);
    }
}
