package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.call.LTCallAccountType;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.call.LTCallUserInfo;
import org.ltintercom.sdk.internal.media.Codecs;
import org.ltintercom.sdk.internal.media.MediaConfig;
import org.ltintercom.sdk.internal.media.OpusNatives;
import org.ltintercom.sdk.internal.sip.OutgoingCall;
import org.ltintercom.sdk.internal.sip.RegistrationState;
import org.ltintercom.sdk.internal.sip.SipCallLeg;
import org.ltintercom.sdk.internal.sip.SipCallListener;
import org.ltintercom.sdk.internal.sip.SipConfig;
import org.ltintercom.sdk.internal.sip.SipUserAgent;
import org.ltintercom.sdk.spi.AudioBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The SDK's calls over SIP with real audio: one {@link SipUserAgent} registered with the account
 * from init, one {@link SipCall} (SIP leg + {@link CallMedia}) per call.
 *
 * <p>Incoming calls are matched by {@code X-LT-Call-ID}: the wakeup's {@code startCall(message)}
 * waits here for the INVITE with that id ({@link #awaitIncomingCall}); an INVITE that comes first
 * waits for its wakeup for {@link #WAKEUP_GRACE}. An INVITE without X-LT-Call-ID (a plain SIP phone),
 * or whose wakeup never came, is announced to the application like a wakeup
 * ({@link SignallingListener#onUnannouncedCall}) under a fresh call id, so it rings through the
 * same {@code LTCallNotificationListener}. An awaited INVITE that does not come within
 * {@link #AWAIT_TIMEOUT} ends the call with 2 MISS.
 */
public final class SipCallSignalling implements CallSignalling {
    private static final Logger log = LoggerFactory.getLogger(SipCallSignalling.class);
    static final Duration WAKEUP_GRACE = Duration.ofSeconds(2);
    static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(30);
    /** How long an announced, unanswered INVITE stays announceable (the caller's no-answer timer ends it earlier). */
    static final Duration ANNOUNCED_VALIDITY = Duration.ofSeconds(60);

    private final SignallingConfig config;
    private final SipConfig sip;
    private final MediaConfig mediaConfig;
    private final Codecs codecs;
    private final AudioBackend audio;
    private final SipUserAgent agent;
    /** Cancelled tasks leave its queue at once: a pending give-up would otherwise hold its ended call, media and all, for 30 s. */
    private final ScheduledThreadPoolExecutor timers;
    /**
     * Closes the media of calls ended by a SIP message, off the SIP event thread; its one thread
     * exists only while there is media to close (it ends 10 s after the last).
     */
    private final ThreadPoolExecutor mediaCloser = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "lt-call-closer");
                t.setDaemon(true);
                return t;
            });
    private final Object lock = new Object();
    private final Map<String, SipCall> awaited = new HashMap<>();
    private final Map<String, SipCall> parked = new HashMap<>();
    private final Map<String, SipCall> active = new HashMap<>();
    /** The {@link #AWAIT_TIMEOUT} of each awaited call, cancelled when its INVITE comes or it ends. */
    private final Map<SipCall, ScheduledFuture<?>> giveUps = new HashMap<>();
    private volatile boolean closed;

    SipCallSignalling(SignallingConfig config, SipConfig sip, MediaConfig mediaConfig) {
        this.config = config;
        this.sip = sip;
        this.mediaConfig = mediaConfig;
        this.codecs = loadCodecs();
        this.audio = config.audio().orElse(null);
        this.timers = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "lt-call-timers"));
        this.timers.setRemoveOnCancelPolicy(true);
        this.agent = new SipUserAgent(sip, new AgentEvents());
    }

    /** Opens the SIP port and starts registering (the first REGISTER is sent in the background). */
    void start() throws IOException {
        agent.start();
        log.info("SIP signalling for {}: {}", config.userID(), sip);
    }

    private static Codecs loadCodecs() {
        try {
            return Codecs.processWide();
        } catch (OpusNatives.OpusUnavailableException e) {
            log.warn("no libopus ({}): calls that negotiate Opus will fail", e.getMessage());
            return new Codecs(null);
        }
    }

    /** The user agent (tests read its port and registration). */
    SipUserAgent agent() {
        return agent;
    }

    // ---------------------------------------------------------------- outgoing

    @Override
    public CallLeg placeCall(CallSetup setup, CallEvents events) {
        SipCall call = new SipCall(setup.callID(), this::openMedia, mediaCloser);
        CallMedia media;
        try {
            media = openMedia(call);
        } catch (IOException e) {
            log.warn("call {}: no RTP port free in {}..{}: {}", setup.callID(), mediaConfig.portMin(),
                    mediaConfig.portMax(), e.getMessage());
            events.ended(LTCallStatusCode.ERROR_CONNECTION);
            return call;
        }
        call.startOutgoing(events, media);
        LTCallOptions options = setup.options();
        OutgoingCall outgoing;
        try {
            outgoing = new OutgoingCall(options.calleeKey(), options.accountType(), setup.callID(), setup.extInfoJson(),
                    media.local(), options.isrCode());
        } catch (IllegalArgumentException e) {
            log.warn("call {}: {}", setup.callID(), e.getMessage());
            media.close();
            events.ended(LTCallStatusCode.ERROR_OPTIONS);
            return call;
        }
        track(call);
        try {
            call.placed(agent.placeCall(outgoing, call));
        } catch (IllegalStateException stopped) {
            media.close();
            call.onEnded(null, LTCallStatusCode.ERROR_CONNECTION);
        }
        return call;
    }

    private CallMedia openMedia(SipCall call) throws IOException {
        return CallMedia.open(call.callID(), mediaConfig, codecs, audio, call, call::warn);
    }

    // ---------------------------------------------------------------- incoming

    @Override
    public CallLeg awaitIncomingCall(CallSetup setup, CallEvents events) {
        String id = setup.callID();
        SipCall call;
        boolean mediaAhead;
        synchronized (lock) {
            call = parked.remove(id);
            if (call == null) {
                call = new SipCall(id, this::openMedia, mediaCloser);
                awaited.put(id, call);
                SipCall waiting = call;
                waiting.whenEnded(() -> forget(waiting));
                giveUps.put(waiting, timers.schedule(() -> giveUpWaiting(waiting), AWAIT_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS));
            }
            active.put(id, call);
            // media ahead of the answer for the device's only call: a burst of wakeups (or a server
            // announcing calls that never come) must not bind a port pair and buffers for each
            mediaAhead = active.size() == 1;
        }
        call.bind(events);
        if (mediaAhead) {
            call.prepareMedia();
        }
        return call;
    }

    private void giveUpWaiting(SipCall call) {
        synchronized (lock) {
            giveUps.remove(call);
            if (awaited.remove(call.callID(), call)) {
                log.info("call {}: its INVITE did not arrive within {} s", call.callID(), AWAIT_TIMEOUT.toSeconds());
            } else {
                return;
            }
        }
        call.neverArrived(LTCallStatusCode.MISS);
    }

    /** A new INVITE, ringing (on the SIP event thread). */
    private SipCallListener incoming(SipCallLeg leg) {
        String ltCallID = leg.ltCallId();
        SipCall call;
        boolean matched;
        boolean waitForWakeup = false;
        String key;
        synchronized (lock) {
            if (closed) {
                return null;
            }
            call = ltCallID == null ? null : awaited.remove(ltCallID);
            matched = call != null;
            if (matched) {
                cancelGiveUp(call);
                log.info("call {}: its INVITE arrived", ltCallID);
                key = ltCallID;
            } else {
                // an X-LT-Call-ID we already hold (a second INVITE for it) gets a fresh id of its own
                waitForWakeup = ltCallID != null && !parked.containsKey(ltCallID) && !active.containsKey(ltCallID);
                key = waitForWakeup ? ltCallID : UUID.randomUUID().toString();
                call = new SipCall(key, this::openMedia, mediaCloser);
                SipCall waiting = call;
                waiting.whenEnded(() -> forget(waiting));
                parked.put(key, call);
            }
        }
        call.attach(leg);
        if (waitForWakeup) {
            timers.schedule(() -> announceIfStillParked(key, leg), WAKEUP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } else if (!matched) {
            announce(key, leg);
        }
        return call;
    }

    private void announceIfStillParked(String key, SipCallLeg leg) {
        synchronized (lock) {
            if (!parked.containsKey(key)) {
                return;
            }
        }
        log.info("call {}: no wakeup announced this INVITE within {} ms; ringing it without one", key,
                WAKEUP_GRACE.toMillis());
        announce(key, leg);
    }

    /** Rings an INVITE no wakeup announced through the application's notification listener. */
    private void announce(String callID, SipCallLeg leg) {
        String caller = callerUser(leg.remoteUser());
        LTCallOptions options = new LTCallOptions(callID, LTCallType.INCOMING, LTCallAccountType.USER_ID, caller, null,
                null, null, null, sip.domain(), ExtInfo.parse(leg.extInfoJson()));
        LTCallUserInfo callerInfo = new LTCallUserInfo(caller, null, null, null, caller, Map.of());
        long now = Clock.systemUTC().millis();
        LTCallNotificationMessage message = new LTCallNotificationMessage("sip-" + callID, config.userID(), options,
                callerInfo, null, now, now + ANNOUNCED_VALIDITY.toMillis());
        log.info("call {}: INVITE from {} rings without a wakeup", callID, caller);
        config.listener().onUnannouncedCall(message);
    }

    /** {@code sip:alice@host;params} -> {@code alice}. */
    static String callerUser(String uri) {
        String s = uri == null ? "" : uri;
        int colon = s.indexOf(':');
        if (s.startsWith("sip:") || s.startsWith("sips:")) {
            s = s.substring(colon + 1);
        }
        int at = s.indexOf('@');
        String user = at > 0 ? s.substring(0, at) : s;
        int semi = user.indexOf(';');
        user = semi >= 0 ? user.substring(0, semi) : user;
        return user.isBlank() ? "unknown" : user;
    }

    private void track(SipCall call) {
        synchronized (lock) {
            active.put(call.callID(), call);
        }
        call.whenEnded(() -> forget(call));
    }

    private void forget(SipCall call) {
        synchronized (lock) {
            cancelGiveUp(call);
            awaited.remove(call.callID(), call);
            parked.remove(call.callID(), call);
            active.remove(call.callID(), call);
        }
    }

    /** Under {@link #lock}. */
    private void cancelGiveUp(SipCall call) {
        ScheduledFuture<?> giveUp = giveUps.remove(call);
        if (giveUp != null) {
            giveUp.cancel(false);
        }
    }

    /** Timer tasks still queued (tests: an ended call leaves none behind to hold it). */
    int queuedTimers() {
        return timers.getQueue().size();
    }

    /** Number of calls this signalling still holds (tests: none left after the calls ended). */
    int openCalls() {
        synchronized (lock) {
            return active.size() + parked.size() + awaited.size();
        }
    }

    // ----------------------------------------------------------------

    /** Un-registers, ends what is left, stops the SIP stack and the timers. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        agent.stop();
        timers.shutdownNow();
        try {
            timers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        java.util.List<SipCall> left;
        synchronized (lock) {
            left = new java.util.ArrayList<>(active.values());
            left.addAll(parked.values());
            left.addAll(awaited.values());
        }
        left.forEach(SipCall::hangup);
        mediaCloser.shutdown(); // the calls ended just before still close their media and report their end
        try {
            if (!mediaCloser.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("SIP signalling for {}: media of ended calls still closing after 5 s", config.userID());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        config.listener().onRegistrationChanged(false, null);
        log.info("SIP signalling for {} closed", config.userID());
    }

    /** The user agent's events (on its SIP event thread). */
    private final class AgentEvents implements SipUserAgent.Listener {
        @Override
        public void onRegistrationChanged(RegistrationState state) {
            log.info("SIP registration: {}", state.kind());
            if (!closed) {
                config.listener().onRegistrationChanged(state.isRegistered(), state.failure());
            }
        }

        @Override
        public SipCallListener onIncomingCall(SipCallLeg leg) {
            return incoming(leg);
        }
    }
}
