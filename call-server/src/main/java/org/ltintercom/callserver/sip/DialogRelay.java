package org.ltintercom.callserver.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The requests inside a call's dialog (ACK of the 2xx, BYE, re-INVITE, UPDATE, INFO, OPTIONS)
 * and their responses, relayed statelessly along the Record-Route we put in the INVITE. Only
 * dialogs of calls we proxied are relayed: anything else (forged or stale dialog IDs) gets 481,
 * an ACK is dropped.
 */
final class DialogRelay {
    private static final Logger LOG = LoggerFactory.getLogger(DialogRelay.class);

    private final ProxyContext ctx;

    DialogRelay(ProxyContext ctx) {
        this.ctx = ctx;
    }

    void request(Request incoming) {
        boolean ack = Request.ACK.equals(incoming.getMethod());
        String sipCallID = ((CallIdHeader) incoming.getHeader(CallIdHeader.NAME)).getCallId();
        Forking call = ctx.calls().get(sipCallID);
        if (call == null || call.ringing() && !ack) {
            if (!ack) {
                ctx.replies().send(null, incoming, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            }
            return;
        }
        Request request = (Request) incoming.clone();
        ctx.hops().popOurRoute(request);
        if (ctx.hops().isUs(request.getRequestURI()) && request.getHeader(javax.sip.header.RouteHeader.NAME) == null) {
            // addressed to ourselves with nowhere further to go: not a dialog we can relay
            if (!ack) {
                ctx.replies().send(null, incoming, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            }
            return;
        }
        if (!ctx.hops().decrementMaxForwards(request)) {
            if (!ack) {
                ctx.replies().send(null, incoming, Response.TOO_MANY_HOPS);
            }
            return;
        }
        try {
            ctx.hops().pushVia(request);
            ctx.stack().provider().sendRequest(request);
        } catch (Exception e) {
            LOG.info("call {}: {} not relayed: {}", sipCallID, incoming.getMethod(), e.toString());
            if (!ack) {
                ctx.replies().send(null, incoming, Response.SERVICE_UNAVAILABLE);
            }
            return;
        }
        if (Request.BYE.equals(incoming.getMethod())) {
            call.bye();
        }
    }

    /** A response outside any client transaction: to a request we relayed statelessly, or a 2xx retransmission. */
    void response(Response response) {
        // only for calls we proxy: a forged response naming us on top and a victim below must not be reflected
        String sipCallID = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        if (!ctx.hops().isOurVia(response) || ctx.calls().get(sipCallID) == null) {
            return;
        }
        Response copy = (Response) response.clone();
        copy.removeFirst(ViaHeader.NAME);
        if (copy.getHeader(ViaHeader.NAME) == null) {
            return;
        }
        ctx.replies().send(null, copy);
    }
}
