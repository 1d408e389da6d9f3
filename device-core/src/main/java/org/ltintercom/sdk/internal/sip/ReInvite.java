package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.sdp.Direction;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;
import org.ltintercom.sdk.internal.sdp.SdpNegotiationException;
import org.ltintercom.sdk.internal.sdp.SdpOffer;
import org.ltintercom.sdk.internal.sdp.SdpParseException;
import org.ltintercom.sdk.internal.sip.SipCallLeg.Input;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.Header;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Re-INVITEs of an established call: our hold/unhold offers (a=sendonly, or a=inactive when
 * the peer holds us too; a=sendrecv to resume), the peer's re-INVITE or UPDATE offers (answered
 * at once, reported as media change / held by peer), 491 glare with the RFC 3261 14.1 random
 * delay (2.1-4 s if we own the Call-ID, else 0-2 s), and RFC 4028 session refresh when we are
 * the refresher (a re-INVITE with unchanged SDP at half the interval).
 */
final class ReInvite {

    private static final Logger LOG = LoggerFactory.getLogger(ReInvite.class);
    private static final int MAX_GLARE_RETRIES = 3;

    private final SipEndpoint endpoint;
    private final SipCallLeg leg;
    private boolean localHold;
    private ClientTransaction pending;
    private boolean resendAfterPending;
    private int glareRetries;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> refreshTimer;
    private boolean stopped;

    ReInvite(SipEndpoint endpoint, SipCallLeg leg) {
        this.endpoint = endpoint;
        this.leg = leg;
    }

    void setLocalHold(boolean hold) {
        if (hold == localHold) {
            return;
        }
        localHold = hold;
        glareRetries = 0;
        if (pending != null) {
            resendAfterPending = true;
        } else {
            send();
        }
    }

    boolean localHold() {
        return localHold;
    }

    private Direction wanted() {
        if (!localHold) {
            return Direction.SENDRECV;
        }
        return leg.isHeldByPeer() ? Direction.INACTIVE : Direction.SENDONLY;
    }

    private void send() {
        Dialog dialog = leg.dialog();
        if (stopped || dialog == null) {
            return;
        }
        Direction offered = wanted();
        try {
            Request r = dialog.createRequest(Request.INVITE);
            r.setContent(leg.sdp().offer(offered), leg.messages().sdpType());
            r.addHeader(endpoint.contact());
            pending = endpoint.sendInDialog(dialog, r, new Handler(offered));
        } catch (Exception e) {
            LOG.warn("SIP re-INVITE not sent: {}", e.getMessage());
            leg.warn(LTCallStatusCode.OPERATION_NOT_AVAILABLE);
        }
    }

    private final class Handler implements ResponseHandler {
        private final Direction offered;

        Handler(Direction offered) {
            this.offered = offered;
        }

        @Override
        public void onResponse(Response r, ClientTransaction tx) {
            int status = r.getStatusCode();
            if (status < 200) {
                return;
            }
            pending = null;
            if (status < 300) {
                ack(r);
                try {
                    leg.mediaChanged(leg.sdp().acceptAnswer(CallMessages.body(r), offered));
                } catch (SdpParseException | SdpNegotiationException e) {
                    LOG.warn("SIP re-INVITE answer unusable: {}", e.getMessage());
                    leg.warn(LTCallStatusCode.OPERATION_NOT_AVAILABLE);
                }
                sessionTimer(r, true);
            } else if (status == Response.REQUEST_PENDING && glareRetries < MAX_GLARE_RETRIES) {
                glareRetries++;
                long delay = leg.isOutgoing() ? ThreadLocalRandom.current().nextLong(2100, 4001)
                        : ThreadLocalRandom.current().nextLong(0, 2001);
                LOG.info("SIP re-INVITE glare (491): retrying in {} ms", delay);
                timer = endpoint.events().schedule(ReInvite.this::send, delay, TimeUnit.MILLISECONDS);
                return;
            } else if (status == 408 || status == 481) {
                leg.on(Input.TRANSPORT_FAILURE, status, null);
                return;
            } else {
                LOG.warn("SIP re-INVITE refused: {} {}", status, r.getReasonPhrase());
                leg.warn(StatusMapping.map(StatusMapping.Event.REINVITE_REFUSED, status, null));
            }
            if (resendAfterPending) {
                resendAfterPending = false;
                send();
            }
        }

        @Override
        public void onFailure(boolean timeout, String reason) {
            pending = null;
            leg.on(Input.TRANSPORT_FAILURE, 0, null);
        }
    }

    private void ack(Response r) {
        try {
            Dialog d = leg.dialog();
            d.sendAck(d.createAck(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber()));
        } catch (Exception e) {
            LOG.debug("SIP re-INVITE ACK failed: {}", e.getMessage());
        }
    }

    /** The peer's re-INVITE or UPDATE: 491 while ours is pending, else our answer at once. */
    void onPeerOffer(ServerTransaction tx) {
        Request r = tx.getRequest();
        CallMessages m = leg.messages();
        if (pending != null && Request.INVITE.equals(r.getMethod())) {
            m.respond(tx, Response.REQUEST_PENDING);
            return;
        }
        String offer = CallMessages.body(r);
        try {
            Response ok = m.response(Response.OK, r);
            SdpOffer sdp = leg.sdp();
            NegotiatedMedia media = null;
            if (offer == null || offer.isBlank()) {
                ok.setContent(sdp.offer(wanted()), m.sdpType()); // offerless refresh: our current SDP
            } else {
                SdpOffer.Answer a = sdp.answer(offer, localHold ? Direction.SENDONLY : Direction.SENDRECV);
                ok.setContent(a.sdp(), m.sdpType());
                media = a.media();
            }
            sessionTimer(r, false).ifPresent(ok::addHeader);
            tx.sendResponse(ok);
            if (media != null) {
                leg.mediaChanged(media);
            }
        } catch (SdpParseException | SdpNegotiationException e) {
            LOG.warn("SIP re-INVITE offer refused: {}", e.getMessage());
            CallMessages.sendQuietly(tx, m.notAcceptable(r, e.getMessage()));
        } catch (Exception e) {
            LOG.warn("SIP re-INVITE answer not sent: {}", e.getMessage());
        }
    }

    /**
     * Reads RFC 4028 Session-Expires from a 2xx we received ({@code fromAnswer}) or an INVITE we
     * answer; schedules our refresh when we are the refresher, and returns the header our 2xx
     * must carry in the second case. We never tear a call down for a missed peer refresh:
     * the OPTIONS keep-alive finds dead peers.
     */
    Optional<Header> sessionTimer(Message m, boolean fromAnswer) {
        String value = CallMessages.headerValue(m, "Session-Expires");
        if (value == null) {
            return Optional.empty();
        }
        int seconds = Math.max(CallMessages.MIN_SE, CallMessages.parseSeconds(value));
        String refresher = value.contains("refresher=uas") ? "uas" : "uac";
        // the UAC of the dialog is whoever sent the initial INVITE
        boolean weAreUac = leg.isOutgoing();
        boolean weRefresh = refresher.equals(weAreUac ? "uac" : "uas");
        if (weRefresh) {
            scheduleRefresh(seconds);
        }
        if (fromAnswer) {
            return Optional.empty();
        }
        try {
            return Optional.of(endpoint.headers().createHeader("Session-Expires", seconds + ";refresher=" + refresher));
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    private void scheduleRefresh(int seconds) {
        if (refreshTimer != null) {
            refreshTimer.cancel(false);
        }
        refreshTimer = endpoint.events().schedule(() -> {
            if (pending == null && leg.state() == SipCallLeg.State.CONFIRMED) {
                LOG.debug("SIP session refresh of call {}", leg.sipCallId());
                send();
            }
        }, seconds * 500L, TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (refreshTimer != null) {
            refreshTimer.cancel(false);
        }
    }
}
