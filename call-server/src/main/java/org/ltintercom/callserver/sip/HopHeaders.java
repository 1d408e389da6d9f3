package org.ltintercom.callserver.sip;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import java.text.ParseException;
import java.util.UUID;

/**
 * What a proxy changes on a request it forwards (RFC 3261 16.6): our Route popped, Max-Forwards
 * down by one, our Via on top (transport of the next hop), and for a dialog-creating INVITE our
 * Record-Route, so the dialog's later requests pass through us too.
 */
final class HopHeaders {
    /** Our Via branches: the RFC 3261 magic cookie plus our mark. */
    static final String BRANCH_PREFIX = "z9hG4bK-lt-";

    private final ProxyStack stack;

    HopHeaders(ProxyStack stack) {
        this.stack = stack;
    }

    /** Whether {@code uri} names this proxy (our address and port). */
    boolean isUs(URI uri) {
        if (!(uri instanceof SipURI s)) {
            return false;
        }
        int port = s.getPort() > 0 ? s.getPort() : 5060;
        return port == stack.port() && (s.getHost().equals(stack.host()) || s.getHost().equals("localhost"));
    }

    /** Whether the top Via of {@code message} is ours (a response to a request we forwarded). */
    boolean isOurVia(javax.sip.message.Message message) {
        ViaHeader via = (ViaHeader) message.getHeader(ViaHeader.NAME);
        return via != null && via.getPort() == stack.port() && stack.host().equals(via.getHost())
                && via.getBranch() != null && via.getBranch().startsWith(BRANCH_PREFIX);
    }

    /** Removes the top Route header when it is ours (the loose route the UA or our Record-Route put there). */
    void popOurRoute(Request request) {
        RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (top != null && isUs(top.getAddress().getURI())) {
            request.removeFirst(RouteHeader.NAME);
        }
    }

    /** False when Max-Forwards is used up (the caller gets 483); otherwise decrements it. */
    boolean decrementMaxForwards(Request request) {
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (mf == null) {
            try {
                request.setHeader(stack.headers.createMaxForwardsHeader(69));
            } catch (javax.sip.InvalidArgumentException e) {
                throw new IllegalStateException(e);
            }
            return true;
        }
        if (mf.getMaxForwards() <= 0) {
            return false;
        }
        try {
            mf.decrementMaxForwards();
        } catch (javax.sip.header.TooManyHopsException e) {
            return false;
        }
        return true;
    }

    /** Puts our Via on top, with the transport the request will leave by. */
    void pushVia(Request request) throws ParseException {
        try {
            ViaHeader via = stack.headers.createViaHeader(stack.host(), stack.port(), nextHopTransport(request),
                    BRANCH_PREFIX + UUID.randomUUID());
            via.setRPort();
            request.addFirst(via);
        } catch (javax.sip.InvalidArgumentException | javax.sip.SipException e) {
            throw new ParseException("Via: " + e.getMessage(), 0);
        }
    }

    /** Adds {@code Record-Route: <sip:us:port;lr>}. */
    void recordRoute(Request request) throws ParseException {
        SipURI us = stack.addresses.createSipURI(null, stack.host());
        us.setPort(stack.port());
        us.setLrParam();
        Address a = stack.addresses.createAddress(us);
        RecordRouteHeader rr = stack.headers.createRecordRouteHeader(a);
        try {
            request.addFirst(rr);
        } catch (javax.sip.SipException e) {
            throw new ParseException("Record-Route: " + e.getMessage(), 0);
        }
    }

    /** udp or tcp: from the top Route, else the Request-URI ({@code transport=} parameter, default udp). */
    static String nextHopTransport(Request request) {
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        URI target = route != null ? route.getAddress().getURI() : request.getRequestURI();
        String t = target instanceof SipURI s ? s.getTransportParam() : null;
        return t != null && t.equalsIgnoreCase("tcp") ? "tcp" : "udp";
    }
}
