package org.ltintercom.app.calls;

import org.ltintercom.app.behaviour.CallTimer;
import org.ltintercom.app.behaviour.DegradedMode;
import org.ltintercom.app.behaviour.DoorCodeLock;
import org.ltintercom.app.behaviour.IncomingCalls;
import org.ltintercom.app.behaviour.RingPlanCall;
import org.ltintercom.app.behaviour.Timers;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.Settings;
import org.ltintercom.app.control.CommandResult;
import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.audio.Tone;
import org.ltintercom.hal.gpio.ButtonEvent;
import org.ltintercom.hal.presenter.ButtonCommand;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallPresenter;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The station's calls, on the app's event loop: the call button (through the presenter's button
 * meaning), ring plans over the SDK, incoming calls, the call timer, DTMF into the door code, and
 * the call events. SDK callbacks arrive on the SDK's thread and hop onto the loop.
 *
 * <p>Parallel ringing: the SDK allows several calls at once, so every target of a ring group gets
 * its own outgoing {@link LTCall}; the first that connects is the call, the others are hung up
 * (CANCEL). Only one call is ever connected: an incoming call while another call is connected or
 * a ring plan runs is refused as busy.
 */
public final class CallController {

    private static final Logger log = LoggerFactory.getLogger(CallController.class);

    /** "The call ends soon": three short high beeps on the station's speaker. */
    public static final Tone CALL_ENDING = new Tone("call-ending", List.of(
            new Tone.Segment(new double[]{1400}, 150), new Tone.Segment(new double[0], 100),
            new Tone.Segment(new double[]{1400}, 150), new Tone.Segment(new double[0], 100),
            new Tone.Segment(new double[]{1400}, 150)), false);

    /** How a {@link #placeCall} attempt ended. */
    public record Outcome(boolean connected, String target, String detail) {
    }

    private final Executor loop;
    private final Timers timers;
    private final Hardware hardware;
    private final DegradedMode degraded;
    private final StatusBoard status;
    private final Consumer<Map<String, Object>> events;
    private final Supplier<String> myUserID;
    private final CallTimer callTimer;
    private final Map<String, LTCall> dialing = new HashMap<>();
    private final Map<String, LTCall> incoming = new LinkedHashMap<>();
    private final Map<LTCall, Long> connectedAt = new HashMap<>();
    private IntercomConfig config;
    private IncomingCalls incomingCalls;
    private DoorCodeLock doorLock;
    private RingPlanCall attempt;
    private CompletableFuture<Outcome> attemptOutcome;
    private LTCall active;

    public CallController(Executor loop, Timers timers, Hardware hardware, DegradedMode degraded, StatusBoard status,
                          Consumer<Map<String, Object>> events, Supplier<String> myUserID, IntercomConfig config) {
        this.loop = loop;
        this.timers = timers;
        this.hardware = hardware;
        this.degraded = degraded;
        this.status = status;
        this.events = events;
        this.myUserID = myUserID;
        this.callTimer = new CallTimer(timers, new CallTimer.Actions() {
            @Override
            public void warn() {
                warnCallEnding();
            }

            @Override
            public void cut() {
                if (active != null) {
                    log.info("call {} reached call.maxCallTime; hanging up", active.getCallID());
                    active.hangupCall();
                }
            }
        });
        apply(config);
    }

    /** Puts ring plan, call limits and door code of {@code next} into force (the next call uses them). */
    public void apply(IntercomConfig next) {
        IntercomConfig previous = config;
        config = next;
        incomingCalls = new IncomingCalls(next.call(), callId -> {
            LTCall call = incoming.get(callId);
            if (call != null) {
                call.acceptCall();
            }
        }, callTimer);
        if (previous == null || !Objects.equals(previous.doorCode(), next.doorCode())) {
            doorLock = next.doorCode() == null || hardware.relay().isEmpty() ? null
                    : new DoorCodeLock(next.doorCode(), timers, hardware.relay().get());
        }
    }

    /** Registers for incoming calls (the call center's one notification listener). */
    public void listen() {
        LTSDK.getCallCenterManager().setCallNotificationListener(new org.ltintercom.sdk.call.LTCallNotificationListener() {
            @Override
            public void onCallNotification(LTCallNotificationMessage message) {
                loop.execute(() -> onIncoming(message));
            }
        });
        hardware.headset().ifPresent(headset -> headset.addListener(connected -> {
            if (connected) {
                loop.execute(() -> moveToHeadset(HEADSET_ROUTE_TRIES));
            }
        }));
    }

    private static final int HEADSET_ROUTE_TRIES = 5;

    /**
     * A headset that connects during a call takes the call's audio, as a phone does: whoever put it
     * on wants to talk through it (the SDK returns the call to its previous route when it drops).
     * Its sound card may show up a moment after the connection; a few tries, one second apart.
     */
    private void moveToHeadset(int triesLeft) {
        if (active == null || active.getCurrentAudioRoute() == org.ltintercom.sdk.call.LTAudioRoute.BLUETOOTH) {
            return;
        }
        if (!active.getAvailableAudioRoutes().contains(org.ltintercom.sdk.call.LTAudioRoute.BLUETOOTH)) {
            if (triesLeft > 1) {
                timers.schedule(java.time.Duration.ofSeconds(1), () -> moveToHeadset(triesLeft - 1));
            } else {
                log.warn("the Bluetooth headset connected but its audio route did not appear; the call stays on {}",
                        active.getCurrentAudioRoute());
            }
            return;
        }
        log.info("Bluetooth headset connected: the call moves to it");
        active.setAudioRoute(org.ltintercom.sdk.call.LTAudioRoute.BLUETOOTH);
        updateCallState();
    }

    /** A button gesture, as the presenter's button meaning says. */
    public void onButton(ButtonEvent event) {
        ButtonCommand command = hardware.presenter().commandFor(event);
        switch (command.action()) {
            case CALL -> {
                if (attempt != null && attempt.state() == RingPlanCall.State.RINGING) {
                    return; // the presenter has not shown OUTGOING yet: the same visitor pressed twice
                }
                if (!degraded.onCallButton()) {
                    placeCall(null);
                }
            }
            case ANSWER -> answer();
            case HANG_UP -> hangup();
            case TOGGLE_MUTE -> {
                if (active != null) {
                    active.setCallMuted(!active.isCallMuted());
                }
            }
            case NONE -> {
            }
        }
    }

    /**
     * Rings {@code target}, or the configured ring plan when null. The future completes when a
     * target answered (connected) or the attempt ended without an answer.
     */
    public CompletableFuture<Outcome> placeCall(String target) {
        if (active != null || (attempt != null && attempt.state() == RingPlanCall.State.RINGING)) {
            return CompletableFuture.completedFuture(new Outcome(false, null, "call: a call is already in progress"));
        }
        if (myUserID.get() == null || !LTSDK.isRegistered()) {
            return CompletableFuture.completedFuture(new Outcome(false, null, "sip: not registered; cannot call now"));
        }
        Settings.RingPlan plan = target == null ? config.ringPlan()
                : new Settings.RingPlan(List.of(new Settings.RingGroup(List.of(target), config.ringPlan().ringTimeout())),
                config.ringPlan().ringTimeout());
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        attemptOutcome = outcome;
        attempt = new RingPlanCall(plan, config.call(), timers, new SdkDialer(), callTimer, (state, who) -> {
            if (state != RingPlanCall.State.ENDED) {
                outcome.complete(new Outcome(false, null, "ring plan: " + state.name().toLowerCase(java.util.Locale.ROOT)));
                if (state == RingPlanCall.State.NO_ANSWER) {
                    hardware.presenter().playErrorChime();
                }
            }
            updateCallState();
        });
        attempt.start();
        updateCallState();
        return outcome;
    }

    /** Answers the ringing incoming call (the newest). */
    public CommandResult answer() {
        LTCall ringing = newestIncoming();
        if (ringing == null) {
            return CommandResult.failed("call: no incoming call is ringing");
        }
        ringing.acceptCall();
        return CommandResult.done(Map.of("callID", ringing.getCallID()));
    }

    /** Ends the connected call, gives up the ring plan, or declines the ringing call. */
    public CommandResult hangup() {
        if (active != null) {
            active.hangupCall();
            return CommandResult.done(Map.of("callID", active.getCallID()));
        }
        if (attempt != null && attempt.state() == RingPlanCall.State.RINGING) {
            attempt.cancel();
            return CommandResult.done(Map.of("gaveUp", "ring plan"));
        }
        LTCall ringing = newestIncoming();
        if (ringing != null) {
            ringing.hangupCall();
            return CommandResult.done(Map.of("declined", ringing.getCallID()));
        }
        return CommandResult.failed("call: there is no call to hang up");
    }

    /** Sends DTMF keys into the connected call. */
    public CommandResult sendDtmf(String keys) {
        if (keys == null || keys.isEmpty()) {
            return CommandResult.failed("keys: required (1-32 of 0-9 * # A-D)");
        }
        if (keys.length() > 32) {
            return CommandResult.failed("keys: at most 32 keys, was " + keys.length());
        }
        for (char c : keys.toCharArray()) {
            if ("0123456789*#ABCDabcd".indexOf(c) < 0) {
                return CommandResult.failed("keys: '" + c + "' is not a DTMF key (0-9 * # A-D)");
            }
        }
        if (active == null) {
            return CommandResult.failed("call: no connected call to send DTMF into");
        }
        active.sendDTMF(keys.toUpperCase(java.util.Locale.ROOT), true);
        return CommandResult.done(Map.of("callID", active.getCallID(), "keys", keys.length()));
    }

    /** Pulses the door relay (a command, not a code). */
    public CommandResult openDoor(String via) {
        if (hardware.relay().isEmpty()) {
            return CommandResult.failed("relay: no door relay configured (hal.relay)");
        }
        hardware.relay().get().pulse();
        event("door-opened", Map.of("via", via));
        return CommandResult.done();
    }

    /** The connected call, or null. */
    public LTCall activeCall() {
        return active;
    }

    /** Ends every call (the app stops). */
    public void endAll() {
        if (attempt != null) {
            attempt.cancel();
        }
        List.copyOf(incoming.values()).forEach(LTCall::hangupCall);
        if (active != null) {
            active.hangupCall();
        }
        callTimer.stop();
        LTSDK.getCallCenterManager().setCallNotificationListener(null);
    }

    private LTCall newestIncoming() {
        LTCall newest = null;
        for (LTCall c : incoming.values()) {
            newest = c;
        }
        return newest;
    }

    private void onIncoming(LTCallNotificationMessage message) {
        String peer = message.callerInfo() == null ? "" : message.callerInfo().userID();
        boolean busy = active != null || (attempt != null && attempt.state() == RingPlanCall.State.RINGING);
        LTCall call = LTSDK.getCallCenterManager().startCall(message, new Legs(peer, "incoming"));
        if (call == null) {
            return;
        }
        event("call-started", callFields(call, peer, "incoming"));
        if (busy) {
            log.info("incoming call {} from {} refused as busy: a call is in progress", call.getCallID(), peer);
            call.busyCall();
            return;
        }
        incoming.put(call.getCallID(), call);
        LTCallPresenter.getInstance().startIncomingCall(call, peer);
        incomingCalls.onIncoming(call.getCallID());
        updateCallState();
    }

    private void warnCallEnding() {
        var route = hardware.audio().availableRoutes().stream().findFirst();
        route.ifPresent(r -> hardware.tones().play(CALL_ENDING, r));
        log.info("call ends in {} s (call.maxCallTime)", config.call().warningBefore().toSeconds());
    }

    private void onConnected(LTCall call, String peer, String direction) {
        if ("outgoing".equals(direction)) {
            if (attempt == null || attempt.state() != RingPlanCall.State.RINGING || dialing.get(peer) != call) {
                log.info("{} answered after the ring plan moved on; hanging up", peer);
                call.hangupCall();
                return;
            }
            dialing.remove(peer);
            active = call;
            attempt.onAnswered(peer);
            attemptOutcome.complete(new Outcome(true, peer, "connected"));
        } else {
            incoming.remove(call.getCallID());
            if (active != null) {
                call.hangupCall();
                return;
            }
            active = call;
            incomingCalls.onConnected(call.getCallID());
        }
        connectedAt.put(call, timers.nanoTime());
        hardware.presenter().onCallConnected(call.getCallID());
        event("call-connected", callFields(call, peer, direction));
        updateCallState();
    }

    private void onTerminated(LTCall call, String peer, String direction, LTCallStatusCode code) {
        Long since = connectedAt.remove(call);
        Map<String, Object> fields = callFields(call, peer, direction);
        fields.put("duration", since == null ? 0 : (timers.nanoTime() - since) / 1_000_000_000L);
        fields.put("status", code.code());
        fields.put("statusName", code.name());
        if (call == active) {
            active = null;
            if (doorLock != null) {
                doorLock.onCallEnded();
            }
            if ("outgoing".equals(direction) && attempt != null) {
                attempt.onCallEnded();
            } else {
                incomingCalls.onEnded(call.getCallID());
            }
        } else if ("outgoing".equals(direction)) {
            if (dialing.remove(peer, call) && attempt != null) {
                attempt.onRefused(peer);
            }
        } else {
            incoming.remove(call.getCallID());
        }
        event("call-ended", fields);
        updateCallState();
    }

    private void onDtmf(LTCall call, char digit) {
        if (call != active || doorLock == null) {
            return;
        }
        switch (doorLock.onDigit(digit)) {
            case OPENED -> event("door-opened", Map.of("via", "door-code", "callID", call.getCallID()));
            case WRONG -> event("door-code-wrong", Map.of("callID", call.getCallID(),
                    "wrongAttempts", doorLock.wrongAttempts()));
            case LOCKED_OUT -> event("door-code-locked", Map.of("callID", call.getCallID(),
                    "maxAttempts", config.doorCode().maxAttempts()));
            case LOCKED -> log.info("DTMF key ignored: the door code is locked");
            case COLLECTING -> {
            }
        }
    }

    private void updateCallState() {
        String state;
        if (active != null) {
            state = active.isCallHeld() ? "held" : "connected";
            status.setAudioRoute(active.getCurrentAudioRoute() == null ? "" : active.getCurrentAudioRoute().name());
        } else if (!incoming.isEmpty()) {
            state = "ringing";
        } else if (attempt != null && attempt.state() == RingPlanCall.State.RINGING) {
            state = "calling";
        } else {
            state = "idle";
        }
        status.setCallState(state);
    }

    private static Map<String, Object> callFields(LTCall call, String peer, String direction) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("callID", call.getCallID());
        fields.put("peer", peer == null ? "" : peer);
        fields.put("direction", direction);
        return fields;
    }

    private void event(String type, Map<String, Object> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("at", System.currentTimeMillis());
        e.putAll(fields);
        events.accept(e);
    }

    /** Rings targets with the SDK: one outgoing call per target. */
    private final class SdkDialer implements RingPlanCall.Dialer {
        @Override
        public void ring(String target) {
            LTCall call = LTSDK.getCallCenterManager().startCall(myUserID.get(),
                    LTCallOptions.userIDBuilder().userID(target).build(), new Legs(target, "outgoing"));
            if (call == null) {
                // the SDK session went away: the target is unreachable; told after this group started ringing
                loop.execute(() -> attempt.onRefused(target));
                return;
            }
            dialing.put(target, call);
            LTCallPresenter.getInstance().startOutgoingCall(call, target);
            event("call-started", callFields(call, target, "outgoing"));
        }

        @Override
        public void cancel(String target) {
            LTCall call = dialing.remove(target);
            if (call != null) {
                call.hangupCall();
            }
        }
    }

    /** One call's SDK events, moved onto the event loop. */
    private final class Legs implements org.ltintercom.sdk.call.LTCallStateListener {
        private final String peer;
        private final String direction;

        Legs(String peer, String direction) {
            this.peer = peer;
            this.direction = direction;
        }

        @Override
        public void onCallStateConnected(LTCall call) {
            loop.execute(() -> onConnected(call, peer, direction));
        }

        @Override
        public void onCallStateTerminated(LTCall call, LTCallStatusCode statusCode) {
            loop.execute(() -> onTerminated(call, peer, direction, statusCode));
        }

        @Override
        public void onCallMediaStateChanged(LTCall call, org.ltintercom.sdk.call.LTMediaType mediaType) {
            loop.execute(CallController.this::updateCallState);
        }

        @Override
        public void onCallDTMFReceived(LTCall call, char digit) {
            loop.execute(() -> onDtmf(call, digit));
        }
    }
}
