package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallAccountType;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.sdp.Direction;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;
import org.ltintercom.sdk.internal.sdp.SdpOffer;
import org.ltintercom.sdk.internal.sdp.SessionDescription;
import org.ltintercom.sdk.internal.sip.StatusMapping.Cause;
import org.ltintercom.sdk.internal.sip.StatusMapping.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One call's signalling: the INVITE dialog from the first INVITE to BYE. Every state and
 * transition is in {@link #on}; the SIP details of each step are in {@link CallMessages}
 * (building and answering messages) and {@link ReInvite} (hold, glare, session refresh).
 * Public methods may be called from any thread; all work happens on the SIP event thread.
 *
 * <pre>
 * outgoing: CALLING -1xx-> RINGING -2xx/ACK-> CONFIRMED -BYE-> ENDED
 *              \-hangup/no-answer-> CANCELLING -487-> ENDED  (-2xx-> ACK, BYE, ENDED)
 * incoming: INCOMING(180 sent once the SDK was told) -answer/200-> CONFIRMED;  -reject/CANCEL-> ENDED
 * </pre>
 */
public final class SipCallLeg {

    private static final Logger LOG = LoggerFactory.getLogger(SipCallLeg.class);

    public enum State { CALLING, RINGING, INCOMING, CONFIRMED, CANCELLING, ENDED }

    /** What can happen to a call; {@link #on} decides per state. */
    enum Input { PROVISIONAL, ANSWERED, FAILED, CANCEL_SENT_TIMEOUT, HANGUP, NO_ANSWER, ANSWER, REJECT,
        CANCEL_RECEIVED, BYE_RECEIVED, TRANSPORT_FAILURE }

    private final SipEndpoint endpoint;
    private final boolean outgoing;
    private final CallMessages messages;
    final ReInvite reInvite;
    private SipCallListener listener;
    private State state;
    private LocalMedia localMedia;
    private SdpOffer sdp;
    private Dialog dialog;
    private ClientTransaction invite;
    private ServerTransaction incomingInvite;
    /** The SDP offer of {@link #incomingInvite}, checked and parsed when it arrived. */
    private SessionDescription incomingOffer;
    private final LtHeaders.Values lt;
    private final String remoteUser;
    private LTCallStatusCode cancelStatus;
    private ScheduledFuture<?> noAnswerTimer;
    private ScheduledFuture<?> keepAliveTimer;
    private NegotiatedMedia media;
    private boolean heldByPeer;
    private boolean ended;

    private SipCallLeg(SipEndpoint endpoint, boolean outgoing, State state, LtHeaders.Values lt, String remoteUser) {
        this.endpoint = endpoint;
        this.outgoing = outgoing;
        this.state = state;
        this.lt = lt;
        this.remoteUser = remoteUser;
        this.messages = new CallMessages(endpoint, this);
        this.reInvite = new ReInvite(endpoint, this);
    }

    static SipCallLeg outgoing(SipEndpoint endpoint, OutgoingCall call, SipCallListener listener) {
        SipCallLeg leg = new SipCallLeg(endpoint, true, State.CALLING,
                new LtHeaders.Values(call.ltCallId(), call.extInfoJson(), call.accountType(), call.isrCode()),
                call.callee());
        leg.listener = listener;
        leg.localMedia = call.media();
        leg.sdp = new SdpOffer(call.media().address(), call.media().rtpPort());
        return leg;
    }

    /** An incoming call rings at most as long as our own calls wait for an answer, then ends as MISS (480). */
    void startRinging() {
        noAnswerTimer = endpoint.events().schedule(() -> {
            if (state == State.INCOMING) {
                cancelStatus = LTCallStatusCode.MISS;
                on(Input.REJECT, 0, null);
            }
        }, endpoint.config().noAnswerTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    static SipCallLeg incoming(SipEndpoint endpoint, ServerTransaction tx) {
        Request invite = tx.getRequest();
        String from = ((javax.sip.header.FromHeader) invite.getHeader("From")).getAddress().getURI().toString();
        SipCallLeg leg = new SipCallLeg(endpoint, false, State.INCOMING, LtHeaders.read(invite), from);
        leg.incomingInvite = tx;
        leg.dialog = tx.getDialog();
        return leg;
    }

    /** The incoming INVITE's offer, as {@link SdpOffer#checkOffer} parsed it. */
    void offer(SessionDescription offer) {
        incomingOffer = offer;
    }

    // ---------------------------------------------------------------- public API (any thread)

    /**
     * Answers an incoming call: 200 OK with our SDP answer for {@code media}. Sent from the calling
     * thread if the SIP lane is idle ({@link SipEventLane#runHereIfIdle}), saving the SIP event thread's
     * wake-up between an answer and its 200 OK; the 200 goes back over the INVITE's own transport.
     */
    public void answer(LocalMedia media) {
        postHereIfIdle(() -> {
            localMedia = media;
            on(Input.ANSWER, 0, null);
        });
    }

    /** Refuses an incoming call that is still ringing: 486 for BUSY, 603 for DECLINE (see {@link StatusMapping}). */
    public void reject(LTCallStatusCode status) {
        post(() -> {
            cancelStatus = status;
            on(Input.REJECT, 0, null);
        });
    }

    /** Ends the call in any state: CANCEL before the answer, BYE after it, 603 for a ringing incoming call. */
    public void hangup() {
        post(() -> on(Input.HANGUP, 0, null));
    }

    /** Puts the peer on hold (re-INVITE with a=sendonly, or a=inactive if they hold us) or resumes. */
    public void hold(boolean hold) {
        post(() -> {
            if (state != State.CONFIRMED) {
                listener.onWarning(this, LTCallStatusCode.OPERATION_NOT_AVAILABLE);
                return;
            }
            reInvite.setLocalHold(hold);
        });
    }

    /**
     * Sends one DTMF digit (0-9 * # A-D) by SIP INFO ({@code application/dtmf-relay}): the fallback
     * for peers whose SDP has no telephone-event; RFC 4733 RTP events are the media engine's job.
     */
    public void sendDtmfInfo(char digit) {
        if ("0123456789*#ABCD".indexOf(Character.toUpperCase(digit)) < 0) {
            throw new IllegalArgumentException("digit: '" + digit + "' is not 0-9, *, #, A-D");
        }
        post(() -> {
            if (state != State.CONFIRMED) {
                listener.onWarning(this, LTCallStatusCode.OPERATION_NOT_AVAILABLE);
                return;
            }
            messages.sendInfoDtmf(Character.toUpperCase(digit));
        });
    }

    public boolean isOutgoing() {
        return outgoing;
    }

    /** The LT call id (X-LT-Call-ID): what the SDK matches an incoming call to its wakeup by; may be null. */
    public String ltCallId() {
        return lt.ltCallId();
    }

    /** The caller's extInfo JSON from X-LT-Ext-Info, or null. */
    public String extInfoJson() {
        return lt.extInfoJson();
    }

    public LTCallAccountType accountType() {
        return lt.accountType();
    }

    /** The SIP URI of the caller (incoming) or the callee key (outgoing). */
    public String remoteUser() {
        return remoteUser;
    }

    /** The SIP Call-ID of the dialog, or null before the INVITE was sent. */
    public String sipCallId() {
        return dialog != null ? dialog.getCallId().getCallId() : invite != null
                ? ((javax.sip.header.CallIdHeader) invite.getRequest().getHeader("Call-ID")).getCallId() : null;
    }

    public State state() {
        return state;
    }

    // ---------------------------------------------------------------- the state machine

    void start() {
        messages.sendInvite(null, null);
        noAnswerTimer = endpoint.events().schedule(() -> on(Input.NO_ANSWER, 0, null),
                endpoint.config().noAnswerTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every transition of the call. {@code sip} is the SIP status involved, {@code reason} its Reason header. */
    void on(Input input, int sip, Cause reason) {
        LOG.debug("SIP call {} {}: {} {}", sipCallId(), state, input, sip == 0 ? "" : sip);
        switch (state) {
            case CALLING, RINGING -> {
                switch (input) {
                    case PROVISIONAL -> {
                        if (state == State.CALLING) {
                            state = State.RINGING;
                            listener.onRinging(this);
                        }
                    }
                    case ANSWERED -> confirm();
                    case FAILED -> end(StatusMapping.map(Event.INVITE_FAILED, sip, reason));
                    case HANGUP -> cancel(Event.CANCELLED_BY_US);
                    case NO_ANSWER -> cancel(Event.NO_ANSWER_TIMEOUT);
                    case TRANSPORT_FAILURE -> end(StatusMapping.map(Event.TRANSPORT_FAILURE, 0, null));
                    default -> ignored(input);
                }
            }
            case CANCELLING -> {
                switch (input) {
                    case ANSWERED -> { // CANCEL lost the race with 200: RFC 3261 9.1, ACK then BYE
                        messages.ack();
                        messages.sendBye();
                        end(cancelStatus);
                    }
                    case FAILED, CANCEL_SENT_TIMEOUT, TRANSPORT_FAILURE -> end(cancelStatus);
                    case PROVISIONAL -> messages.sendCancel(); // deferred until the first 1xx (RFC 3261 9.1)
                    default -> ignored(input);
                }
            }
            case INCOMING -> {
                switch (input) {
                    case ANSWER -> {
                        sdp = new SdpOffer(localMedia.address(), localMedia.rtpPort());
                        NegotiatedMedia m = messages.answerInvite(incomingInvite, sdp, incomingOffer);
                        if (m != null) {
                            established(m);
                        }
                    }
                    case REJECT -> {
                        messages.refuse(incomingInvite, cancelStatus);
                        end(cancelStatus);
                    }
                    case HANGUP -> {
                        messages.refuse(incomingInvite, LTCallStatusCode.DECLINE);
                        end(LTCallStatusCode.DECLINE);
                    }
                    case CANCEL_RECEIVED -> end(StatusMapping.map(Event.CANCEL_RECEIVED, 0, reason));
                    case TRANSPORT_FAILURE -> end(StatusMapping.map(Event.TRANSPORT_FAILURE, 0, null));
                    default -> ignored(input);
                }
            }
            case CONFIRMED -> {
                switch (input) {
                    case HANGUP -> {
                        messages.sendBye();
                        end(StatusMapping.map(Event.HANGUP_BY_US, 0, null));
                    }
                    case BYE_RECEIVED -> end(StatusMapping.map(Event.BYE_RECEIVED, 0, reason));
                    case TRANSPORT_FAILURE -> {
                        messages.sendBye();
                        end(StatusMapping.map(Event.TRANSPORT_FAILURE, 0, null));
                    }
                    default -> ignored(input);
                }
            }
            case ENDED -> ignored(input);
        }
    }

    private void confirm() {
        NegotiatedMedia m = messages.ackAnswer(sdp);
        if (m == null) {
            messages.sendBye(); // unusable answer: the call cannot carry audio
            end(LTCallStatusCode.ERROR_CONNECTION);
            return;
        }
        established(m);
    }

    private void established(NegotiatedMedia m) {
        cancelTimer(noAnswerTimer);
        state = State.CONFIRMED;
        media = m;
        Duration every = endpoint.config().keepAliveInterval();
        keepAliveTimer = endpoint.events().scheduleWithFixedDelay(messages::sendKeepAlive, every.toMillis(),
                every.toMillis(), TimeUnit.MILLISECONDS);
        listener.onAnswered(this, m);
        reportPeerHold(m.heldByPeer());
    }

    private void cancel(Event why) {
        cancelStatus = StatusMapping.map(why, 0, null);
        boolean provisionalSeen = state == State.RINGING;
        state = State.CANCELLING;
        if (provisionalSeen) {
            messages.sendCancel();
        }
    }

    void end(LTCallStatusCode status) {
        if (ended) {
            return;
        }
        ended = true;
        state = State.ENDED;
        cancelTimer(noAnswerTimer);
        cancelTimer(keepAliveTimer);
        reInvite.stop();
        LOG.info("SIP call {} ({}) ended: {} {}", sipCallId(), lt.ltCallId(), status.code(), status);
        listener.onEnded(this, status);
    }

    private void ignored(Input input) {
        LOG.debug("SIP call {}: {} ignored in state {}", sipCallId(), input, state);
        if ((input == Input.ANSWER || input == Input.REJECT) && !ended) {
            listener.onWarning(this, LTCallStatusCode.OPERATION_NOT_AVAILABLE); // e.g. answering an outgoing call
        }
    }

    // ---------------------------------------------------------------- used by CallMessages and ReInvite

    /** A peer or our own re-INVITE settled on new media. */
    void mediaChanged(NegotiatedMedia m) {
        media = m;
        listener.onMediaChanged(this, m);
        reportPeerHold(m.heldByPeer());
    }

    private void reportPeerHold(boolean held) {
        if (held != heldByPeer) {
            heldByPeer = held;
            listener.onHeldByPeer(this, held);
        }
    }

    void warn(LTCallStatusCode status) {
        listener.onWarning(this, status);
    }

    void dtmf(char digit) {
        listener.onDtmf(this, digit);
    }

    void attach(SipCallListener l) {
        this.listener = l;
    }

    boolean isHeldByPeer() {
        return heldByPeer;
    }

    NegotiatedMedia media() {
        return media;
    }

    SdpOffer sdp() {
        return sdp;
    }

    Dialog dialog() {
        return dialog;
    }

    void dialog(Dialog d) {
        this.dialog = d;
    }

    void inviteTransaction(ClientTransaction tx) {
        this.invite = tx;
        if (tx != null && tx.getDialog() != null) {
            this.dialog = tx.getDialog();
        }
    }

    ClientTransaction inviteTransaction() {
        return invite;
    }

    ServerTransaction incomingInviteTransaction() {
        return incomingInvite;
    }

    CallMessages messages() {
        return messages;
    }

    LtHeaders.Values lt() {
        return lt;
    }

    String callee() {
        return remoteUser;
    }

    private void post(Runnable r) {
        endpoint.events().execute(() -> guarded(r));
    }

    /** As {@link #post}, but run on the calling thread in the lane's turn when the lane is idle. */
    private void postHereIfIdle(Runnable r) {
        if (!(endpoint.events() instanceof SipEventLane lane && lane.runHereIfIdle(() -> guarded(r)))) {
            post(r);
        }
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("SIP call {}: {}", sipCallId(), e.toString(), e);
        }
    }

    private static void cancelTimer(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "SipCallLeg[" + (outgoing ? "to " : "from ") + remoteUser + ", " + state + ", lt=" + lt.ltCallId() + "]";
    }
}
