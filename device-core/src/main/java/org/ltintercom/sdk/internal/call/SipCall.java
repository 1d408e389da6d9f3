package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCallQualityStats;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.media.MediaListener;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;
import org.ltintercom.sdk.internal.sip.SipCallLeg;
import org.ltintercom.sdk.internal.sip.SipCallListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One SDK call over SIP: the {@link CallLeg} that {@link Call} commands, the listener of its
 * {@link SipCallLeg}, and the listener of its {@link CallMedia}. It turns SIP and media events into
 * {@link CallEvents} and commands into SIP requests and media changes.
 *
 * <p>An incoming call can exist before either half is known: the INVITE may come before the
 * application starts the call (then the SIP leg waits here without {@link CallEvents}) or after
 * (then the SDK's call waits here without a SIP leg). {@link #bind} and {@link #attach} join them;
 * a reject or hangup given before the INVITE arrives is applied when it does.
 */
final class SipCall implements CallLeg, SipCallListener, MediaListener {
    private static final Logger log = LoggerFactory.getLogger(SipCall.class);

    /** How the call obtains its media session (for incoming calls when the SDK takes the call, before the answer). */
    interface MediaOpener {
        CallMedia open(SipCall call) throws Exception;
    }

    private final String callID;
    private final MediaOpener opener;
    private final Object lock = new Object();
    private SipCallLeg leg;
    private CallEvents events;
    private volatile CallMedia media; // written under lock; volatile so qualityStats() reads it from any thread
    private LTCallStatusCode refusal;
    private LTCallStatusCode endedBeforeBound;
    private LTAudioRoute route;
    private boolean muted;
    private boolean ended;
    private boolean rang;
    private Runnable whenEnded = () -> { };
    private final Executor mediaCloser;

    /**
     * @param mediaCloser where a call that ended by a SIP message closes its media before reporting
     *                    the end: closing waits for the media thread's current frame (up to 20 ms),
     *                    which must not hold up the SIP event thread and the next call's messages
     */
    SipCall(String callID, MediaOpener opener, Executor mediaCloser) {
        this.callID = callID;
        this.opener = opener;
        this.mediaCloser = mediaCloser;
    }

    String callID() {
        return callID;
    }

    /** Runs once when the call ends, whichever way (the signalling forgets it). */
    void whenEnded(Runnable action) {
        this.whenEnded = action;
    }

    /** Outgoing: the leg we just placed, with the media whose port it offered. */
    void startOutgoing(CallEvents callEvents, CallMedia callMedia) {
        synchronized (lock) {
            events = callEvents;
            media = callMedia;
        }
    }

    void placed(SipCallLeg placed) {
        synchronized (lock) {
            leg = placed;
        }
    }

    /**
     * Incoming: the SDK's call found its INVITE (which may have arrived earlier). Rings at once when
     * the INVITE is here; ends with MISS when the caller gave up before.
     */
    void bind(CallEvents callEvents) {
        boolean ring;
        LTCallStatusCode gone;
        synchronized (lock) {
            events = callEvents;
            gone = endedBeforeBound;
            ring = leg != null && gone == null;
        }
        if (gone != null) {
            callEvents.ended(gone);
        } else if (ring) {
            callEvents.ringing();
        }
    }

    /** Incoming: the INVITE arrived (its 180 goes out right after). */
    void attach(SipCallLeg incoming) {
        CallEvents e;
        LTCallStatusCode refuse;
        synchronized (lock) {
            leg = incoming;
            e = events;
            refuse = refusal;
        }
        if (refuse != null) {
            incoming.reject(refuse);
        } else if (e != null) {
            e.ringing();
        }
    }

    /** An awaited INVITE never came. */
    void neverArrived(LTCallStatusCode status) {
        CallEvents e;
        synchronized (lock) {
            if (leg != null || ended) {
                return;
            }
            ended = true;
            e = events;
        }
        closeMedia(); // opened ahead of an answer that never came
        whenEnded.run();
        if (e != null) {
            e.ended(status);
        }
    }

    // ---------------------------------------------------------------- CallLeg: commands from Call

    @Override
    public void answer() {
        SipCallLeg l;
        CallMedia m;
        synchronized (lock) {
            l = leg;
            if (l == null || ended) {
                return;
            }
            if (media == null) {
                try {
                    openMedia();
                } catch (Exception e) {
                    log.warn("call {}: no media session for the answer ({}); refusing the call", callID, e.toString());
                    l.reject(LTCallStatusCode.ERROR_CONNECTION);
                    return;
                }
            }
            m = media;
        }
        l.answer(m.local());
    }

    /**
     * Incoming: opens the media session before the answer, when the SDK takes the call (its wakeup
     * came, or its INVITE rang): binding the RTP/RTCP ports and their selector is then off the path
     * from answering to the 200 OK (about a tenth of an answering device's set-up time). A failure
     * is only logged here; the answer meets it again and refuses the call.
     */
    void prepareMedia() {
        synchronized (lock) {
            if (media != null || ended || refusal != null) {
                return;
            }
            try {
                openMedia();
            } catch (Exception e) {
                log.debug("call {}: media not opened ahead of the answer: {}", callID, e.toString());
            }
        }
    }

    /** Under {@link #lock}. */
    private void openMedia() throws Exception {
        media = opener.open(this);
        media.setMuted(muted);
        if (route != null) {
            media.setRoute(route);
        }
    }

    @Override
    public void reject(LTCallStatusCode status) {
        SipCallLeg l;
        synchronized (lock) {
            refusal = status;
            l = leg;
        }
        if (l != null) {
            l.reject(status);
        }
        closeMedia();
    }

    @Override
    public void hangup() {
        SipCallLeg l;
        synchronized (lock) {
            l = leg;
            if (l == null) {
                refusal = LTCallStatusCode.DECLINE;
            }
        }
        if (l != null) {
            l.hangup();
        }
        closeMedia();
    }

    @Override
    public void hold(boolean held) {
        SipCallLeg l;
        CallMedia m;
        synchronized (lock) {
            l = leg;
            m = media;
        }
        if (m != null) {
            m.setHolding(held); // the microphone goes private (or back) at once, before the re-INVITE settles
        }
        if (l != null) {
            l.hold(held); // the media follows when the re-INVITE settles (onMediaChanged)
        }
    }

    @Override
    public void sendDtmf(char digit, boolean playTone) {
        CallMedia m;
        SipCallLeg l;
        synchronized (lock) {
            m = media;
            l = leg;
        }
        boolean sent = m != null && m.sendDtmf(digit, playTone);
        if (!sent && l != null) {
            l.sendDtmfInfo(digit); // the peer has no telephone-event: SIP INFO
        }
    }

    @Override
    public void setMuted(boolean mute) {
        CallMedia m;
        synchronized (lock) {
            muted = mute;
            m = media;
        }
        if (m != null) {
            m.setMuted(mute);
        }
    }

    @Override
    public void setAudioRoute(LTAudioRoute newRoute) {
        CallMedia m;
        synchronized (lock) {
            route = newRoute;
            m = media;
        }
        if (m != null) {
            m.setRoute(newRoute);
        }
    }

    // ---------------------------------------------------------------- SipCallListener (SIP event thread)

    @Override
    public void onRinging(SipCallLeg l) {
        CallEvents e = events();
        synchronized (lock) {
            rang = true;
        }
        if (e != null) {
            e.ringing();
        }
    }

    private boolean ringingSeen() {
        synchronized (lock) {
            return rang;
        }
    }

    @Override
    public void onAnswered(SipCallLeg l, NegotiatedMedia negotiated) {
        CallMedia m;
        CallEvents e;
        synchronized (lock) {
            m = media;
            e = events;
        }
        if (m == null || e == null) {
            log.warn("call {}: answered without media or SDK call; hanging up", callID);
            l.hangup();
            return;
        }
        try {
            m.start(negotiated);
        } catch (Exception ex) {
            log.warn("call {}: media could not start ({}); hanging up", callID, ex.toString());
            l.hangup();
            m.close();
            e.ended(LTCallStatusCode.ERROR_CONNECTION);
            return;
        }
        if (l.isOutgoing() && !ringingSeen()) {
            e.ringing(); // answered at once (auto-answer, no 180): the call still passes REGISTERED
        }
        e.answered();
    }

    @Override
    public void onMediaChanged(SipCallLeg l, NegotiatedMedia negotiated) {
        CallMedia m;
        synchronized (lock) {
            m = media;
        }
        if (m != null) {
            try {
                m.update(negotiated);
            } catch (Exception ex) {
                log.warn("call {}: re-negotiated media not applied: {}", callID, ex.toString());
                warn(LTCallStatusCode.OPERATION_NOT_AVAILABLE);
            }
        }
    }

    @Override
    public void onHeldByPeer(SipCallLeg l, boolean held) {
        CallEvents e = events();
        if (e != null) {
            e.heldByPeer(held);
        }
    }

    @Override
    public void onWarning(SipCallLeg l, LTCallStatusCode status) {
        warn(status);
    }

    @Override
    public void onDtmf(SipCallLeg l, char digit) {
        CallEvents e = events();
        if (e != null) {
            e.dtmfReceived(digit);
        }
    }

    @Override
    public void onEnded(SipCallLeg l, LTCallStatusCode status) {
        CallEvents e;
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            e = events;
            if (e == null) {
                endedBeforeBound = status;
            }
        }
        whenEnded.run();
        // the end is reported once the media is closed, so that its quality figures are final
        Runnable closeThenReport = () -> {
            try {
                closeMedia();
            } finally {
                if (e != null) {
                    e.ended(status);
                }
            }
        };
        try {
            mediaCloser.execute(closeThenReport);
        } catch (RejectedExecutionException signallingClosed) {
            closeThenReport.run();
        }
    }

    // ---------------------------------------------------------------- MediaListener (media thread)

    @Override
    public void onDtmf(char digit) {
        CallEvents e = events();
        if (e != null) {
            e.dtmfReceived(digit);
        }
    }

    @Override
    public void onNoRtpWarning(Duration silentFor) {
        warn(LTCallStatusCode.ERROR_NO_VOICE_PACKET);
    }

    @Override
    public void onNoRtpTimeout(Duration silentFor) {
        SipCallLeg l;
        CallEvents e;
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            l = leg;
            e = events;
        }
        log.warn("call {}: no RTP for {} ms; ending it with 204", callID, silentFor.toMillis());
        if (l != null) {
            l.hangup();
        }
        whenEnded.run();
        // on the media thread: it stops after this frame, frees the call's media, then reports the end
        CallMedia m = media();
        CompletableFuture<Void> closed = m == null ? CompletableFuture.completedFuture(null) : m.closeAsync();
        closed.whenComplete((done, failure) -> {
            if (e != null) {
                e.ended(LTCallStatusCode.ERROR_NO_VOICE_PACKET);
            }
        });
    }

    @Override
    public void onAudioDeviceError(org.ltintercom.sdk.spi.AudioDeviceException error) {
        log.warn("call {}: audio device failed: {}", callID, error.getMessage());
        warn(LTCallStatusCode.NO_RECORD_PERMISSION);
    }

    // ----------------------------------------------------------------

    void warn(LTCallStatusCode status) {
        CallEvents e = events();
        if (e != null) {
            e.warning(status);
        }
    }

    private CallEvents events() {
        synchronized (lock) {
            return events;
        }
    }

    private void closeMedia() {
        CallMedia m = media();
        if (m != null) {
            m.close();
        }
    }

    @Override
    public LTCallQualityStats qualityStats() {
        CallMedia m = media; // no lock: the SDK user's thread must never wait on signalling
        return m == null ? LTCallQualityStats.EMPTY : m.qualityStats();
    }

    /** The media session, once there is one (tests look at its quality). */
    CallMedia media() {
        synchronized (lock) {
            return media;
        }
    }
}
