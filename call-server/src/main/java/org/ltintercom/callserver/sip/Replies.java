package org.ltintercom.callserver.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.util.UUID;

/** Builds and sends the responses call-server itself originates (not the relayed ones). */
final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private final ProxyStack stack;

    Replies(ProxyStack stack) {
        this.stack = stack;
    }

    /** A response to {@code request} with our To tag on final responses, plus {@code extra} headers. */
    Response create(int status, Request request, Header... extra) {
        try {
            Response r = stack.messages.createResponse(status, request);
            ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
            if (status >= 200 && to != null && to.getTag() == null) {
                to.setTag(UUID.randomUUID().toString().substring(0, 12));
            }
            for (Header h : extra) {
                r.addHeader(h);
            }
            return r;
        } catch (ParseException e) {
            throw new IllegalArgumentException("cannot build a " + status + ": " + e.getMessage(), e);
        }
    }

    /** Sends on the transaction when there is one, else statelessly; a failure is logged, never thrown. */
    void send(ServerTransaction st, Request request, int status, Header... extra) {
        send(st, create(status, request, extra));
    }

    void send(ServerTransaction st, Response response) {
        try {
            if (st != null) {
                st.sendResponse(response);
            } else {
                stack.provider().sendResponse(response);
            }
        } catch (Exception e) {
            if (st != null && response.getStatusCode() / 100 == 2) {
                // a 2xx after the caller's transaction ended (it crossed a CANCEL): the caller's UA still
                // needs it to ACK and BYE that dialog (RFC 3261 16.7)
                send(null, response);
                return;
            }
            LOG.debug("could not send {}: {}", response.getStatusCode(), e.toString());
        }
    }

    /** {@code Reason: <protocol>;cause=<cause>[;text="<text>"]}. */
    Header reason(String protocol, int cause, String text) {
        try {
            return stack.headers.createReasonHeader(protocol, cause, text);
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException("Reason header: " + e.getMessage(), e);
        }
    }

    SipProvider provider() {
        return stack.provider();
    }
}
