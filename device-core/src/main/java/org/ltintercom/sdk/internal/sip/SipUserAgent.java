package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;
import org.ltintercom.sdk.internal.sdp.SdpNegotiationException;
import org.ltintercom.sdk.internal.sdp.SdpOffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SDK's SIP user agent: one jain-sip stack, one {@link Registration}, and the
 * {@link SipCallLeg}s of current calls. This is the seam the LTCall adapter drives:
 * {@link #placeCall} for outgoing calls, {@link Listener#onIncomingCall} for incoming ones,
 * registration state through {@link Listener#onRegistrationChanged}. All listener calls
 * come in order, one at a time, from the agent's {@link SipEventLane}: on its thread named
 * {@code lt-sip-events-N}, or, for what an answer sets off, on the thread that answered when the
 * lane was idle.
 */
public final class SipUserAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipUserAgent.class);
    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final long STOP_WAIT_MILLIS = 3000;

    /** What the SDK hears from the user agent (on the SIP event thread; never block here). */
    public interface Listener {
        void onRegistrationChanged(RegistrationState state);

        /**
         * A new incoming call, ringing: its 180 is sent as soon as this returns. Return the listener for its events;
         * then {@link SipCallLeg#answer}, {@link SipCallLeg#reject} or {@link SipCallLeg#hangup} it.
         * Returning null refuses the call with 486 Busy Here.
         */
        SipCallListener onIncomingCall(SipCallLeg leg);
    }

    private final SipConfig config;
    private final Listener listener;
    private final SipEventLane events;
    private final SipEndpoint endpoint;
    private final Map<String, SipCallLeg> calls = new ConcurrentHashMap<>();
    private Registration registration;
    private volatile RegistrationState registrationState = RegistrationState.UNREGISTERED;

    public SipUserAgent(SipConfig config, Listener listener) {
        this.config = config;
        this.listener = listener;
        String name = "lt-sip-events-" + NUMBER.incrementAndGet();
        this.events = new SipEventLane(name);
        this.endpoint = new SipEndpoint(config, events);
    }

    /** Opens the SIP port and starts registering; registration progress comes through the listener. */
    public void start() throws IOException {
        endpoint.start(new Router());
        call(() -> {
            registration = new Registration(endpoint, state -> {
                registrationState = state;
                listener.onRegistrationChanged(state);
            });
            if (config.registerExpires() > 0) {
                registration.start();
            }
            return null;
        });
    }

    /**
     * Ends every call (BYE/CANCEL), un-registers (waiting up to 3 s), stops the stack and the event
     * thread. Called from a listener it returns at once and stops in the background.
     */
    public void stop() {
        if (events.isShutdown()) {
            return;
        }
        if (events.inTurn()) {
            // called from one of our own listeners: the event thread cannot wait for itself
            new Thread(this::stop, "lt-sip-stopper").start();
            return;
        }
        CountDownLatch unregistered = new CountDownLatch(1);
        try {
            events.execute(() -> {
                new ArrayList<>(calls.values()).forEach(leg -> leg.on(SipCallLeg.Input.HANGUP, 0, null));
                if (registration != null) {
                    registration.stop(unregistered::countDown);
                } else {
                    unregistered.countDown();
                }
            });
            unregistered.await(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.RejectedExecutionException alreadyStopped) {
            // fall through to closing
        }
        endpoint.close();
        events.shutdownNow();
        try {
            events.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Starts an outgoing call; its events go to {@code callListener}. */
    public SipCallLeg placeCall(OutgoingCall call, SipCallListener callListener) {
        if (events.isShutdown()) {
            throw new IllegalStateException("SIP user agent: stopped");
        }
        SipCallLeg leg = SipCallLeg.outgoing(endpoint, call, new Forgetting(callListener));
        events.execute(() -> {
            leg.start();
            String id = leg.sipCallId();
            if (id != null && leg.state() != SipCallLeg.State.ENDED) {
                calls.put(id, leg);
            }
        });
        return leg;
    }

    public RegistrationState registrationState() {
        return registrationState;
    }

    /** How many REGISTERs the registrar has accepted (the first and every refresh). */
    public int acceptedRegistrations() {
        return call(() -> registration == null ? 0 : registration.successes());
    }

    /** Where this agent's SIP state machine runs (tests). */
    SipEventLane lane() {
        return events;
    }

    /** The credentials this agent's calls answer challenges with, remembered across calls. */
    DigestAuth callAuth() {
        return endpoint.callAuth();
    }

    /** The SIP port (UDP and TCP). */
    public int port() {
        return endpoint.port();
    }

    public SipConfig config() {
        return config;
    }

    /** Number of calls not yet ended. */
    public int activeCalls() {
        return calls.size();
    }

    private <T> T call(java.util.concurrent.Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        events.execute(() -> {
            try {
                f.complete(task.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.join();
    }

    /** Removes a leg from the call table when it ends, then forwards. */
    private final class Forgetting implements SipCallListener {
        private final SipCallListener target;

        Forgetting(SipCallListener target) {
            this.target = target;
        }

        @Override public void onRinging(SipCallLeg leg) { safely(() -> target.onRinging(leg)); }
        @Override public void onAnswered(SipCallLeg leg, NegotiatedMedia m) {
            safely(() -> target.onAnswered(leg, m));
        }
        @Override public void onMediaChanged(SipCallLeg leg, NegotiatedMedia m) {
            safely(() -> target.onMediaChanged(leg, m));
        }
        @Override public void onHeldByPeer(SipCallLeg leg, boolean held) { safely(() -> target.onHeldByPeer(leg, held)); }
        @Override public void onWarning(SipCallLeg leg, LTCallStatusCode s) {
            safely(() -> target.onWarning(leg, s));
        }
        @Override public void onDtmf(SipCallLeg leg, char digit) { safely(() -> target.onDtmf(leg, digit)); }

        @Override
        public void onEnded(SipCallLeg leg, LTCallStatusCode status) {
            calls.values().remove(leg);
            safely(() -> target.onEnded(leg, status));
        }

        private void safely(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("SIP call listener failed: {}", e.toString(), e);
            }
        }
    }

    /** Requests from the network, on the event thread. */
    private final class Router implements SipEndpoint.Requests {
        @Override
        public void onRequest(RequestEvent e) {
            Request r = e.getRequest();
            String callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
            SipCallLeg leg = calls.get(callId);
            ServerTransaction tx = CallMessages.serverTransaction(endpoint.host().provider(), e);
            if (Request.ACK.equals(r.getMethod())) {
                if (leg != null) {
                    leg.messages().onRequest(e, tx);
                }
                return;
            }
            if (tx == null) {
                return; // a retransmission of a request whose transaction exists already
            }
            if (leg != null) {
                leg.messages().onRequest(e, tx);
            } else if (Request.INVITE.equals(r.getMethod()) && ((ToHeader) r.getHeader(ToHeader.NAME)).getTag() == null) {
                incoming(callId, tx);
            } else if (Request.OPTIONS.equals(r.getMethod())) {
                respond(tx, Response.OK);
            } else if (Request.CANCEL.equals(r.getMethod()) || Request.BYE.equals(r.getMethod())
                    || ((ToHeader) r.getHeader(ToHeader.NAME)).getTag() != null) {
                respond(tx, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            } else {
                respond(tx, Response.METHOD_NOT_ALLOWED);
            }
        }

        private void incoming(String callId, ServerTransaction tx) {
            SipCallLeg leg = SipCallLeg.incoming(endpoint, tx);
            String offer = CallMessages.body(tx.getRequest());
            try {
                if (offer == null || offer.isBlank()) {
                    throw new SdpNegotiationException(
                            "INVITE without SDP offer (offerless INVITE is not supported)");
                }
                leg.offer(SdpOffer.checkOffer(offer));
            } catch (Exception e) {
                LOG.warn("SIP: incoming INVITE {} refused with 488: {}", callId, e.getMessage());
                CallMessages.sendQuietly(tx, leg.messages().notAcceptable(tx.getRequest(), e.getMessage()));
                return;
            }
            calls.put(callId, leg);
            leg.startRinging();
            SipCallListener l = null;
            try {
                l = listener.onIncomingCall(leg);
            } catch (RuntimeException ex) {
                LOG.warn("SIP incoming-call listener failed: {}", ex.toString(), ex);
            }
            if (l == null) {
                leg.attach(new Forgetting(new SipCallListener() {
                    @Override
                    public void onEnded(SipCallLeg ended, LTCallStatusCode status) {
                    }
                }));
                leg.reject(LTCallStatusCode.BUSY);
                return;
            }
            leg.attach(new Forgetting(l));
            // The 180 goes out after the SDK was told of the call: an answer given at once travels to
            // this thread from the SDK's while this one sends the 180 (the answer, a rejection or a
            // hang-up are queued behind this task, so the 180 still comes first on the wire).
            try {
                leg.messages().sendRinging(tx);
            } catch (Exception e) {
                LOG.warn("SIP: 180 Ringing not sent: {}", e.getMessage());
                leg.end(LTCallStatusCode.NETWORK_DISCONNECT);
            }
        }

        private void respond(ServerTransaction tx, int status) {
            try {
                tx.sendResponse(endpoint.host().messages().createResponse(status, tx.getRequest()));
            } catch (Exception e) {
                LOG.debug("SIP {} not sent: {}", status, e.getMessage());
            }
        }

        @Override
        public void onDialogTerminated(Dialog dialog) {
            // legs end on BYE/CANCEL/final responses; the stack's dialog cleanup needs nothing from us
        }

        @Override
        public void onServerTimeout(ServerTransaction tx) {
            String callId = ((CallIdHeader) tx.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
            SipCallLeg leg = calls.get(callId);
            if (leg != null && Request.INVITE.equals(tx.getRequest().getMethod())) {
                LOG.warn("SIP call {}: no ACK for our 2xx", callId);
                leg.on(SipCallLeg.Input.TRANSPORT_FAILURE, 0, null);
            }
        }
    }
}
