package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallQualityStats;
import org.ltintercom.sdk.call.LTCallState;
import org.ltintercom.sdk.call.LTCallStateListener;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.call.LTMediaType;
import org.ltintercom.sdk.internal.event.EventThread;
import org.ltintercom.sdk.spi.AudioBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * One call: IDLE -> INIT -> REGISTERED -> CONNECTED -> TERMINATED, decided in {@link #on} alone.
 *
 * <p>State changes happen under {@code lock}, so a getter right after an operation sees its effect.
 * Side effects are never run under the lock: listener calls and commands to the signalling leg are
 * queued on the SDK event thread (queuing under the lock keeps them in transition order) and run there.
 */
public final class Call implements LTCall {
    private static final Logger log = LoggerFactory.getLogger(Call.class);
    private static final Set<LTCallState> LIVE = EnumSet.of(LTCallState.INIT, LTCallState.REGISTERED, LTCallState.CONNECTED);

    /** Everything that moves a call: the application's operations and the signalling's events. */
    enum Input { START, ACCEPT, HANGUP, BUSY, RINGING, ANSWERED, ENDED }

    private final String callID;
    private final LTCallType type;
    private final String accountUserID;
    private final LTCallOptions options;
    private final LTCallStateListener listener;
    private final EventThread events;
    private final AudioBackend audio;
    private final Consumer<Call> whenTerminated;
    private final List<CallObserver> observers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    private volatile LTCallState state = LTCallState.IDLE;
    private volatile boolean muted;
    private volatile boolean held;
    private volatile LTAudioRoute route;
    /** The route before the current one: where the call goes back to when the current device disappears. */
    private LTAudioRoute previousRoute;
    // guarded by lock
    private boolean heldByPeer;
    private boolean answerSent;
    private boolean answerWhenRinging;
    private LTCallStatusCode endStatus;
    private long connectedAtNanos;
    private ScheduledFuture<?> durationTicker;
    // set on the event thread; volatile only so getQualityStats() may ask it from any thread
    private volatile CallLeg leg;
    /** The quality at termination; null while the call lives. */
    private volatile LTCallQualityStats finalQuality;

    public Call(String callID, LTCallType type, String accountUserID, LTCallOptions options, LTCallStateListener listener,
                EventThread events, AudioBackend audio, Consumer<Call> whenTerminated) {
        this.callID = callID;
        this.type = type;
        this.accountUserID = accountUserID;
        this.options = options;
        this.listener = listener;
        this.events = events;
        this.audio = audio;
        this.whenTerminated = whenTerminated;
        List<LTAudioRoute> available = getAvailableAudioRoutes();
        this.route = available.isEmpty() || available.contains(LTAudioRoute.BUILTIN) ? LTAudioRoute.BUILTIN : available.get(0);
    }

    /** Starts signalling the call (INIT). */
    public void start(CallSignalling signalling, CallSetup setup) {
        on(Input.START, null);
        events.execute(() -> {
            try {
                leg = type == LTCallType.INCOMING ? signalling.awaitIncomingCall(setup, new Signalled())
                        : signalling.placeCall(setup, new Signalled());
            } catch (RuntimeException e) {
                log.error("call {}: the signalling failed to start it", callID, e);
                on(Input.ENDED, LTCallStatusCode.ERROR_CONNECTION);
            }
        });
    }

    /** Ends a call that may not start (bad options, expired wakeup, ...) with {@code status}, without signalling. */
    public void refuse(LTCallStatusCode status) {
        log.info("call {} refused before it started: {} ({})", callID, status, status.code());
        on(Input.ENDED, status);
    }

    /** Ends the call because the SDK is shutting down; silent when it has already ended. */
    public void endBySdk() {
        synchronized (lock) {
            if (LIVE.contains(state)) {
                on(Input.HANGUP, null);
            }
        }
    }

    // ---- the state machine: every state and every input on one screen ----

    private void on(Input input, LTCallStatusCode status) {
        synchronized (lock) {
            boolean byApp = input == Input.START || input == Input.ACCEPT || input == Input.HANGUP || input == Input.BUSY;
            boolean incoming = type == LTCallType.INCOMING;
            boolean answered = state == LTCallState.CONNECTED;
            switch (state) {
                case IDLE -> {
                    if (input == Input.START) {
                        enter(LTCallState.INIT);
                    } else if (input == Input.ENDED) {
                        terminate(status);
                    } else if (byApp) {
                        notAvailable(input);
                    }
                }
                case INIT, REGISTERED, CONNECTED -> {
                    switch (input) {
                        case START -> notAvailable(input);
                        case RINGING -> {
                            if (state == LTCallState.INIT) {
                                enter(LTCallState.REGISTERED);
                                if (answerWhenRinging) {
                                    sendAnswer();
                                }
                            }
                        }
                        case ACCEPT -> {
                            if (!incoming || answered || answerSent || answerWhenRinging) {
                                notAvailable(input);
                            } else if (state == LTCallState.INIT) {
                                answerWhenRinging = true; // pressed before the INVITE arrived: answer it when it does
                            } else {
                                sendAnswer();
                            }
                        }
                        case ANSWERED -> {
                            if (!answered) {
                                enter(LTCallState.CONNECTED);
                            }
                        }
                        case HANGUP -> {
                            if (incoming && !answered && !answerSent) {
                                command(l -> l.reject(LTCallStatusCode.DECLINE));
                                terminate(LTCallStatusCode.DECLINE);
                            } else {
                                command(CallLeg::hangup);
                                terminate(LTCallStatusCode.HANGUP);
                            }
                        }
                        case BUSY -> {
                            if (incoming && !answered && !answerSent) {
                                command(l -> l.reject(LTCallStatusCode.BUSY));
                                terminate(LTCallStatusCode.BUSY);
                            } else {
                                notAvailable(input);
                            }
                        }
                        case ENDED -> terminate(status);
                    }
                }
                case TERMINATED -> {
                    if (byApp) {
                        notAvailable(input);
                    }
                }
            }
        }
    }

    private void enter(LTCallState next) {
        log.debug("call {}: {} -> {}", callID, state, next);
        state = next;
        switch (next) {
            case REGISTERED -> emit(l -> l.onCallStateRegistered(this));
            case CONNECTED -> {
                connectedAtNanos = System.nanoTime();
                emit(l -> l.onCallStateConnected(this));
                durationTicker = events.every(Duration.ofSeconds(1), this::tickDuration);
            }
            default -> {
            }
        }
    }

    private void terminate(LTCallStatusCode status) {
        LTCallQualityStats quality = currentQuality();
        finalQuality = quality; // before TERMINATED is visible, so a terminated call always has it
        if (quality.hasAudio()) {
            log.info("call {} ({}) terminated: {} ({}); audio {}", callID, type, status, status.code(), quality);
        } else {
            log.info("call {} ({}) terminated: {} ({})", callID, type, status, status.code());
        }
        state = LTCallState.TERMINATED;
        endStatus = status;
        if (durationTicker != null) {
            durationTicker.cancel(false);
        }
        emit(l -> l.onCallStateTerminated(this, status));
        observers.forEach(o -> events.execute(() -> o.onTerminated(this, status)));
        whenTerminated.accept(this);
    }

    private void sendAnswer() {
        answerSent = true;
        command(CallLeg::answer);
    }

    private void notAvailable(Object operation) {
        log.debug("call {}: {} ignored in state {}", callID, operation, state);
        emit(l -> l.onCallStateWarning(this, LTCallStatusCode.OPERATION_NOT_AVAILABLE));
    }

    // ---- operations ----

    @Override
    public void acceptCall() {
        on(Input.ACCEPT, null);
    }

    @Override
    public void hangupCall() {
        on(Input.HANGUP, null);
    }

    @Override
    public void busyCall() {
        on(Input.BUSY, null);
    }

    @Override
    public void setCallMuted(boolean mute) {
        synchronized (lock) {
            if (!LIVE.contains(state)) {
                notAvailable("setCallMuted");
            } else if (muted != mute) {
                muted = mute;
                command(l -> l.setMuted(mute));
                emit(l -> l.onCallMediaStateChanged(this, LTMediaType.CALL_MUTED));
            }
        }
    }

    @Override
    public void setCallHeld(boolean hold) {
        synchronized (lock) {
            if (state != LTCallState.CONNECTED) {
                notAvailable("setCallHeld");
            } else if (held != hold) {
                boolean shownBefore = held || heldByPeer;
                held = hold;
                command(l -> l.hold(hold));
                emit(l -> l.onCallMediaStateChanged(this, LTMediaType.CALL_HELD));
                tellHeldChange(shownBefore);
            }
        }
    }

    @Override
    public void setAudioRoute(LTAudioRoute newRoute) {
        if (newRoute == null) {
            throw new IllegalArgumentException("route: required");
        }
        List<LTAudioRoute> available = getAvailableAudioRoutes();
        synchronized (lock) {
            if (!LIVE.contains(state) || !available.contains(newRoute)) {
                log.debug("call {}: route {} not available (available: {})", callID, newRoute, available);
                notAvailable("setAudioRoute(" + newRoute + ")");
            } else if (route != newRoute) {
                previousRoute = route;
                route = newRoute;
                command(l -> l.setAudioRoute(newRoute));
                emit(l -> l.onCallMediaStateChanged(this, LTMediaType.AUDIO_ROUTE));
            }
        }
    }

    @Override
    public void sendDTMF(String digits, boolean playTone) {
        String checked = DtmfDigits.check(digits);
        synchronized (lock) {
            if (state != LTCallState.CONNECTED) {
                notAvailable("sendDTMF");
                return;
            }
            for (char digit : checked.toCharArray()) {
                command(l -> l.sendDtmf(digit, playTone));
            }
        }
    }

    /**
     * The audio backend's routes changed (headset unplugged, Bluetooth gone): a call whose route
     * went away goes back to the route it had before, if that is still there, else to BUILTIN,
     * else to the first route left, and reports AUDIO_ROUTE.
     */
    public void onAvailableRoutesChanged(Set<LTAudioRoute> available) {
        synchronized (lock) {
            if (!LIVE.contains(state) || available.isEmpty() || available.contains(route)) {
                return;
            }
            LTAudioRoute fallback = previousRoute != null && available.contains(previousRoute) ? previousRoute
                    : available.contains(LTAudioRoute.BUILTIN) ? LTAudioRoute.BUILTIN
                    : available.stream().sorted().findFirst().orElseThrow();
            previousRoute = null;
            log.info("call {}: audio route {} went away; moving to {}", callID, route, fallback);
            route = fallback;
            command(l -> l.setAudioRoute(fallback));
            emit(l -> l.onCallMediaStateChanged(this, LTMediaType.AUDIO_ROUTE));
        }
    }

    // ---- getters ----

    @Override
    public String getCallID() {
        return callID;
    }

    @Override
    public LTCallType getCallType() {
        return type;
    }

    @Override
    public LTCallState getCallState() {
        return state;
    }

    @Override
    public LTCallQualityStats getQualityStats() {
        LTCallQualityStats end = finalQuality;
        return end != null ? end : currentQuality();
    }

    private LTCallQualityStats currentQuality() {
        CallLeg l = leg;
        LTCallQualityStats q = l == null ? null : l.qualityStats();
        return q == null ? LTCallQualityStats.EMPTY : q;
    }

    @Override
    public LTCallOptions getCallOptions() {
        return options;
    }

    @Override
    public String getAccountUserID() {
        return accountUserID;
    }

    @Override
    public boolean isCallMuted() {
        return muted;
    }

    @Override
    public boolean isCallHeld() {
        return held;
    }

    @Override
    public LTAudioRoute getCurrentAudioRoute() {
        return route;
    }

    @Override
    public List<LTAudioRoute> getAvailableAudioRoutes() {
        if (audio == null) {
            return List.of();
        }
        try {
            return audio.availableRoutes().stream().sorted().toList();
        } catch (RuntimeException e) {
            log.warn("the audio backend failed to list its routes: {}", e.toString());
            return List.of();
        }
    }

    /** Why the call ended, or null while it has not. */
    public LTCallStatusCode getEndStatus() {
        synchronized (lock) {
            return endStatus;
        }
    }

    /** True while either side holds the call. */
    public boolean isShownHeld() {
        synchronized (lock) {
            return held || heldByPeer;
        }
    }

    public EventThread events() {
        return events;
    }

    public void addObserver(CallObserver observer) {
        synchronized (lock) {
            observers.add(observer);
            if (state == LTCallState.TERMINATED) {
                LTCallStatusCode status = endStatus;
                events.execute(() -> observer.onTerminated(this, status));
            }
        }
    }

    @Override
    public String toString() {
        return "Call{" + callID + ", " + type + ", " + state + "}";
    }

    // ---- plumbing ----

    private void emit(Consumer<LTCallStateListener> event) {
        events.execute(() -> event.accept(listener));
    }

    private void command(Consumer<CallLeg> action) {
        events.execute(() -> {
            if (leg != null) {
                action.accept(leg);
            }
        });
    }

    private void tellHeldChange(boolean shownBefore) {
        boolean shownNow = held || heldByPeer;
        if (shownNow != shownBefore) {
            observers.forEach(o -> events.execute(() -> o.onHeldChanged(this, shownNow)));
        }
    }

    private void tickDuration() {
        if (state == LTCallState.CONNECTED) {
            long seconds = Math.round((System.nanoTime() - connectedAtNanos) / 1e9);
            listener.onCallConnectDuration(this, seconds);
        }
    }

    /** The signalling's events for this call, fed into {@link #on}. */
    private final class Signalled implements CallEvents {
        @Override
        public void ringing() {
            on(Input.RINGING, null);
        }

        @Override
        public void answered() {
            on(Input.ANSWERED, null);
        }

        @Override
        public void ended(LTCallStatusCode status) {
            on(Input.ENDED, status == null ? LTCallStatusCode.ERROR_CONNECTION : status);
        }

        @Override
        public void heldByPeer(boolean peerHolds) {
            synchronized (lock) {
                if (state == LTCallState.CONNECTED && heldByPeer != peerHolds) {
                    boolean shownBefore = held || heldByPeer;
                    heldByPeer = peerHolds;
                    emit(l -> l.onCallMediaStateChanged(Call.this, LTMediaType.CALL_HELD));
                    tellHeldChange(shownBefore);
                }
            }
        }

        @Override
        public void dtmfReceived(char digit) {
            synchronized (lock) {
                if (state == LTCallState.CONNECTED) {
                    emit(l -> l.onCallDTMFReceived(Call.this, digit));
                }
            }
        }

        @Override
        public void warning(LTCallStatusCode status) {
            synchronized (lock) {
                if (LIVE.contains(state)) {
                    emit(l -> l.onCallStateWarning(Call.this, status));
                }
            }
        }
    }
}
