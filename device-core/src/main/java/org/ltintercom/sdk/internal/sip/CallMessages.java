package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.sdp.Direction;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;
import org.ltintercom.sdk.internal.sdp.SdpNegotiationException;
import org.ltintercom.sdk.internal.sdp.SdpOffer;
import org.ltintercom.sdk.internal.sdp.SdpParseException;
import org.ltintercom.sdk.internal.sdp.SessionDescription;
import org.ltintercom.sdk.internal.sip.SipCallLeg.Input;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The SIP messages of one call leg: the INVITE (with digest and 422 retries), ACK, CANCEL,
 * BYE, OPTIONS keep-alive, our provisional/final responses, and the requests the peer sends
 * inside the dialog. It turns what arrives into {@link Input}s for {@link SipCallLeg#on}.
 */
final class CallMessages {

    private static final Logger LOG = LoggerFactory.getLogger(CallMessages.class);
    private static final int MAX_QUEUED_INFO_DIGITS = 64;
    /** The smallest Session-Expires we accept (RFC 4028 default Min-SE). */
    static final int MIN_SE = 90;

    private final SipEndpoint endpoint;
    private final SipCallLeg leg;
    private final String localTag = SipEndpoint.newTag();
    private final ArrayDeque<Character> infoDigits = new ArrayDeque<>();
    private boolean infoInFlight;
    private CallIdHeader callId;
    private String fromTag;
    private long cseq;
    /** Whether a 401/407 was answered for this call (once only). */
    private boolean authenticated;
    /** Whether the INVITE carries credentials for a challenge an earlier call got. */
    private boolean credentialsAhead;
    private boolean sessionIntervalRaised;
    private Response lastChallenge;
    private Response answer;
    private DigestAuth auth;

    CallMessages(SipEndpoint endpoint, SipCallLeg leg) {
        this.endpoint = endpoint;
        this.leg = leg;
    }

    // ---------------------------------------------------------------- outgoing INVITE

    void sendInvite(Response challenge, Integer sessionExpires) {
        try {
            SipConfig c = endpoint.config();
            if (callId == null) {
                callId = endpoint.newCallId();
                fromTag = SipEndpoint.newTag();
                auth = endpoint.callAuth();
            }
            Address callee = endpoint.host().addresses().createAddress(endpoint.uri(leg.callee(), c.domain()));
            Request invite = endpoint.newRequest(Request.INVITE, callee.getURI(), callee, fromTag, callId, ++cseq);
            HeaderFactory h = endpoint.headers();
            LtHeaders.add(invite, leg.lt(), h);
            invite.addHeader(h.createSupportedHeader("timer"));
            invite.addHeader(h.createAllowHeader("INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE"));
            if (sessionExpires != null) {
                invite.addHeader(h.createHeader("Session-Expires", sessionExpires + ";refresher=uac"));
                invite.addHeader(h.createHeader("Min-SE", Integer.toString(sessionExpires)));
            }
            invite.setContent(leg.sdp().offer(Direction.SENDRECV), sdpType());
            if (challenge != null) {
                auth.authorize(invite, challenge, h);
            } else {
                credentialsAhead = auth.authorizeAhead(invite, h, System.nanoTime());
            }
            leg.inviteTransaction(endpoint.send(invite, new InviteHandler()));
        } catch (Exception e) {
            LOG.warn("SIP INVITE to {} could not be sent: {}", leg.callee(), e.getMessage());
            leg.on(Input.TRANSPORT_FAILURE, 0, null);
        }
    }

    /** The CSeq of our last INVITE outside the dialog: how many this call sent (digest and 422 retries). */
    long inviteCseq() {
        return cseq;
    }

    /** Responses to our INVITE. */
    private final class InviteHandler implements ResponseHandler {
        @Override
        public void onResponse(Response r, ClientTransaction tx) {
            int status = r.getStatusCode();
            if (status == 100) {
                return;
            }
            if (status < 200) {
                leg.on(Input.PROVISIONAL, status, null);
            } else if (status < 300) {
                answer = r;
                if (tx.getDialog() != null) {
                    leg.dialog(tx.getDialog());
                }
                leg.on(Input.ANSWERED, status, null);
            } else if ((status == 401 || status == 407) && !authenticated && leg.state() != SipCallLeg.State.CANCELLING) {
                authenticated = true;
                lastChallenge = r;
                auth.remember(r, System.nanoTime());
                sendInvite(r, null);
            } else if (status == 403 && credentialsAhead && !authenticated && reason(r) == null
                    && leg.state() != SipCallLeg.State.CANCELLING) {
                // a server that refuses a nonce it no longer knows with 403 instead of a new challenge:
                // ask again without credentials (a 403 with a Reason, e.g. a blocked caller, is final)
                LOG.info("SIP INVITE to {}: remembered credentials refused (403), asking without", leg.callee());
                auth.forget();
                credentialsAhead = false;
                sendInvite(null, null);
            } else if (status == 422 && !sessionIntervalRaised && r.getHeader("Min-SE") != null
                    && leg.state() != SipCallLeg.State.CANCELLING) {
                sessionIntervalRaised = true;
                sendInvite(lastChallenge, Math.max(MIN_SE, parseSeconds(headerValue(r, "Min-SE"))));
            } else {
                boolean refused = status == 401 || status == 407 || status == 403 && reason(r) == null;
                if (refused && (authenticated || credentialsAhead)) {
                    auth.forget(); // refused credentials are not sent ahead again
                }
                leg.on(Input.FAILED, status, reason(r));
            }
        }

        @Override
        public void onFailure(boolean timeout, String reason) {
            LOG.warn("SIP INVITE to {}: {}", leg.callee(), reason);
            leg.on(Input.TRANSPORT_FAILURE, 0, null);
        }
    }

    /** ACKs the 2xx and reads its SDP answer; null when the answer is unusable. */
    NegotiatedMedia ackAnswer(SdpOffer sdp) {
        ack();
        leg.reInvite.sessionTimer(answer, true);
        try {
            return sdp.acceptAnswer(body(answer), Direction.SENDRECV);
        } catch (SdpParseException | SdpNegotiationException e) {
            LOG.warn("SIP call {}: unusable SDP answer: {}", leg.sipCallId(), e.getMessage());
            return null;
        }
    }

    /** ACKs the last 2xx to our INVITE (the ACK of a 2xx is end-to-end, sent by us, not the transaction). */
    void ack() {
        Dialog dialog = leg.dialog();
        try {
            long ackCseq = ((CSeqHeader) answer.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(ackCseq));
        } catch (Exception e) {
            LOG.warn("SIP: ACK for call {} failed: {}", leg.sipCallId(), e.getMessage());
        }
    }

    void sendCancel() {
        ClientTransaction invite = leg.inviteTransaction();
        if (invite == null) {
            leg.on(Input.CANCEL_SENT_TIMEOUT, 0, null);
            return;
        }
        try {
            endpoint.send(invite.createCancel(), new IgnoringHandler("CANCEL"));
        } catch (Exception e) {
            LOG.debug("SIP CANCEL not sent: {}", e.getMessage());
        }
    }

    void sendBye() {
        Dialog dialog = leg.dialog();
        if (dialog == null) {
            return;
        }
        try {
            endpoint.sendInDialog(dialog, dialog.createRequest(Request.BYE), new IgnoringHandler("BYE"));
        } catch (Exception e) {
            LOG.debug("SIP BYE not sent: {}", e.getMessage());
        }
    }

    /** In-dialog OPTIONS; a dead peer (timeout, 408, 481) ends the call, any other answer means alive. */
    void sendKeepAlive() {
        Dialog dialog = leg.dialog();
        if (dialog == null || leg.state() != SipCallLeg.State.CONFIRMED) {
            return;
        }
        try {
            endpoint.sendInDialog(dialog, dialog.createRequest(Request.OPTIONS), new ResponseHandler() {
                @Override
                public void onResponse(Response r, ClientTransaction tx) {
                    if (r.getStatusCode() == 408 || r.getStatusCode() == 481) {
                        leg.on(Input.TRANSPORT_FAILURE, r.getStatusCode(), null);
                    }
                }

                @Override
                public void onFailure(boolean timeout, String reason) {
                    leg.on(Input.TRANSPORT_FAILURE, 0, null);
                }
            });
        } catch (Exception e) {
            LOG.debug("SIP keep-alive not sent: {}", e.getMessage());
        }
    }

    /**
     * Sends one digit as SIP INFO, one INFO at a time: a second INFO in flight may overtake the first
     * in a multi-process proxy, and a peer that sees the higher CSeq first refuses the lower one
     * (500), losing a digit. Runs on the event thread, as the responses do.
     */
    void sendInfoDtmf(char digit) {
        if (infoDigits.size() >= MAX_QUEUED_INFO_DIGITS) {
            LOG.warn("SIP call {}: DTMF '{}' dropped, {} digits already wait for SIP INFO", leg.sipCallId(), digit,
                    infoDigits.size());
            return;
        }
        infoDigits.add(digit);
        if (!infoInFlight) {
            sendNextInfoDigit();
        }
    }

    private void sendNextInfoDigit() {
        Character digit = infoDigits.poll();
        infoInFlight = digit != null;
        if (digit == null) {
            return;
        }
        Dialog dialog = leg.dialog();
        try {
            Request info = dialog.createRequest(Request.INFO);
            info.setContent("Signal=" + digit + "\r\nDuration=160\r\n",
                    endpoint.headers().createContentTypeHeader("application", "dtmf-relay"));
            endpoint.sendInDialog(dialog, info, new ResponseHandler() {
                @Override
                public void onResponse(Response response, ClientTransaction transaction) {
                    if (response.getStatusCode() >= 200) {
                        LOG.debug("SIP INFO answered {}", response.getStatusCode());
                        sendNextInfoDigit();
                    }
                }

                @Override
                public void onFailure(boolean timeout, String reason) {
                    LOG.debug("SIP INFO: {}", reason);
                    sendNextInfoDigit();
                }
            });
        } catch (Exception e) {
            LOG.debug("SIP INFO not sent: {}", e.getMessage());
            sendNextInfoDigit();
        }
    }

    // ---------------------------------------------------------------- incoming INVITE

    void sendRinging(ServerTransaction tx) throws Exception {
        tx.sendResponse(response(Response.RINGING, tx.getRequest()));
    }

    /**
     * 200 OK with our SDP answer to {@code offer}, the INVITE's SDP as parsed when it arrived; on
     * an unusable offer, 488 and the call ends (null returned).
     */
    NegotiatedMedia answerInvite(ServerTransaction tx, SdpOffer sdp, SessionDescription offer) {
        Request invite = tx.getRequest();
        try {
            SdpOffer.Answer a = sdp.answer(offer, Direction.SENDRECV);
            Response ok = response(Response.OK, invite);
            ok.setContent(a.sdp(), sdpType());
            leg.reInvite.sessionTimer(invite, false).ifPresent(ok::addHeader);
            tx.sendResponse(ok);
            return a.media();
        } catch (SdpNegotiationException e) {
            LOG.warn("SIP call {}: offer refused: {}", leg.sipCallId(), e.getMessage());
            sendQuietly(tx, notAcceptable(invite, e.getMessage()));
            leg.end(LTCallStatusCode.ERROR_CONNECTION);
        } catch (Exception e) {
            LOG.warn("SIP call {}: 200 OK not sent: {}", leg.sipCallId(), e.getMessage());
            leg.end(LTCallStatusCode.NETWORK_DISCONNECT);
        }
        return null;
    }

    void refuse(ServerTransaction tx, LTCallStatusCode status) {
        StatusMapping.Refusal refusal = StatusMapping.refusalFor(status);
        try {
            Response r = response(refusal.sipStatus(), tx.getRequest());
            r.setReasonPhrase(refusal.reasonPhrase());
            r.addHeader(endpoint.headers().createHeader("Reason", "LT;cause=" + status.code()));
            tx.sendResponse(r);
        } catch (Exception e) {
            LOG.debug("SIP refusal not sent: {}", e.getMessage());
        }
    }

    // ---------------------------------------------------------------- requests from the peer in the dialog

    void onRequest(RequestEvent e, ServerTransaction tx) {
        Request r = e.getRequest();
        switch (r.getMethod()) {
            case Request.ACK -> {
                // the ACK for our 2xx: nothing to do, the dialog is confirmed
            }
            case Request.BYE -> {
                respond(tx, Response.OK);
                leg.on(Input.BYE_RECEIVED, 0, reason(r));
            }
            case Request.CANCEL -> {
                respond(tx, Response.OK);
                if (leg.state() == SipCallLeg.State.INCOMING) {
                    ServerTransaction invite = leg.incomingInviteTransaction();
                    sendQuietly(invite, safeResponse(Response.REQUEST_TERMINATED, invite.getRequest()));
                }
                leg.on(Input.CANCEL_RECEIVED, 0, reason(r));
            }
            case Request.INVITE, Request.UPDATE -> leg.reInvite.onPeerOffer(tx);
            case Request.OPTIONS -> respond(tx, Response.OK);
            case Request.INFO -> {
                respond(tx, Response.OK);
                Character digit = DtmfRelay.digit(body(r));
                if (digit != null) {
                    leg.dtmf(digit);
                }
            }
            default -> respond(tx, Response.METHOD_NOT_ALLOWED);
        }
    }

    // ---------------------------------------------------------------- helpers

    Response response(int status, Request request) throws java.text.ParseException {
        Response r = endpoint.host().messages().createResponse(status, request);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null && status > 100) {
            to.setTag(localTag);
        }
        if (status >= 200 && status < 300 || status > 100 && status < 200) {
            r.addHeader(endpoint.contact());
        }
        return r;
    }

    private Response safeResponse(int status, Request request) {
        try {
            return response(status, request);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    Response notAcceptable(Request request, String why) {
        Response r = safeResponse(Response.NOT_ACCEPTABLE_HERE, request);
        try {
            String text = why.replace('"', '\'');
            r.addHeader(endpoint.headers().createHeader("Warning", "399 lt-intercom \"" + text + "\""));
        } catch (java.text.ParseException ignored) {
            // the reason is only a courtesy
        }
        return r;
    }

    void respond(ServerTransaction tx, int status) {
        sendQuietly(tx, safeResponse(status, tx.getRequest()));
    }

    static void sendQuietly(ServerTransaction tx, Response r) {
        try {
            if (tx != null) {
                tx.sendResponse(r);
            }
        } catch (Exception e) {
            LOG.debug("SIP {} not sent: {}", r.getStatusCode(), e.getMessage());
        }
    }

    ContentTypeHeader sdpType() throws java.text.ParseException {
        return endpoint.headers().createContentTypeHeader("application", "sdp");
    }

    static String body(Message m) {
        byte[] raw = m.getRawContent();
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    static StatusMapping.Cause reason(Message m) {
        return StatusMapping.Cause.parse(headerValue(m, "Reason"));
    }

    static String headerValue(Message m, String name) {
        Header h = m.getHeader(name);
        if (h == null) {
            return null;
        }
        String text = h.toString();
        int colon = text.indexOf(':');
        return colon < 0 ? null : text.substring(colon + 1).trim();
    }

    static int parseSeconds(String value) {
        if (value == null) {
            return 0;
        }
        int semi = value.indexOf(';');
        try {
            return Integer.parseInt((semi < 0 ? value : value.substring(0, semi)).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static ServerTransaction serverTransaction(SipProvider provider, RequestEvent e) {
        if (e.getServerTransaction() != null) {
            return e.getServerTransaction();
        }
        try {
            return provider.getNewServerTransaction(e.getRequest());
        } catch (Exception ex) {
            LOG.debug("SIP: no server transaction for {}: {}", e.getRequest().getMethod(), ex.getMessage());
            return null;
        }
    }

    /** A request whose answer does not matter (CANCEL, BYE): only logged. */
    private record IgnoringHandler(String method) implements ResponseHandler {
        @Override
        public void onResponse(Response response, ClientTransaction transaction) {
            LOG.debug("SIP {} answered {}", method, response.getStatusCode());
        }

        @Override
        public void onFailure(boolean timeout, String reason) {
            LOG.debug("SIP {}: {}", method, reason);
        }
    }
}
