package org.ltintercom.callserver.sip;

import org.ltintercom.callserver.users.UserAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The REGISTER side: a digest-authenticated user binds one or more devices (one binding per
 * {@code +sip.instance}, else per Contact URI) for at least {@code minExpires} (423 otherwise)
 * and at most {@code maxExpires} seconds; {@code Expires: 0} removes one binding,
 * {@code Contact: *} all of them. A user may only register its own address of record (403).
 */
final class Registrar {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    private static final int DEFAULT_EXPIRES = 3600;

    private final LocationService locations;
    private final RequestAuthenticator authenticator;
    private final Replies replies;
    private final ProxyStack stack;
    private final SipSettings settings;
    private final LongSupplier clock;

    Registrar(LocationService locations, RequestAuthenticator authenticator, Replies replies, ProxyStack stack,
              SipSettings settings, LongSupplier clock) {
        this.locations = locations;
        this.authenticator = authenticator;
        this.replies = replies;
        this.stack = stack;
        this.settings = settings;
        this.clock = clock;
    }

    void register(Request request, ServerTransaction st) {
        Optional<UserAccount> user = authenticator.authenticate(request, st, false);
        if (user.isEmpty()) {
            return;
        }
        String userID = user.get().userID();
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (!(to.getAddress().getURI() instanceof SipURI aor) || !userID.equals(aor.getUser())) {
            LOG.info("SIP REGISTER: {} tried to register another address of record, 403", userID);
            replies.send(st, request, Response.FORBIDDEN);
            return;
        }
        ExpiresHeader expiresHeader = request.getExpires();
        int defaultExpires = expiresHeader != null ? expiresHeader.getExpires() : DEFAULT_EXPIRES;
        List<ContactHeader> contacts = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            contacts.add((ContactHeader) it.next());
        }
        if (contacts.stream().anyMatch(ContactHeader::isWildCard)) {
            if (contacts.size() != 1 || defaultExpires != 0) {
                replies.send(st, request, Response.BAD_REQUEST);
                return;
            }
            locations.removeAll(userID);
            LOG.info("SIP: {} unregistered all devices", userID);
            replies.send(st, ok(request, userID));
            return;
        }
        // check all before changing any: a refused REGISTER keeps the previous bindings
        for (ContactHeader c : contacts) {
            int e = expiresOf(c, defaultExpires);
            if (!(c.getAddress().getURI() instanceof SipURI)) {
                replies.send(st, request, Response.BAD_REQUEST);
                return;
            }
            if (e > 0 && e < settings.minExpires()) {
                replies.send(st, request, Response.INTERVAL_TOO_BRIEF, minExpires());
                return;
            }
        }
        long now = clock.getAsLong();
        for (ContactHeader c : contacts) {
            int e = Math.min(expiresOf(c, defaultExpires), settings.maxExpires());
            String key = keyOf(c);
            if (e == 0) {
                locations.remove(userID, key);
                LOG.info("SIP: {} unregistered device {}", userID, key);
            } else {
                locations.put(new Binding(userID, key, uriWithoutHeaders(c.getAddress()), now + e * 1000L));
                LOG.info("SIP: {} registered device {} for {} s", userID, key, e);
            }
        }
        replies.send(st, ok(request, userID));
    }

    private Response ok(Request request, String userID) {
        Response r = replies.create(Response.OK, request);
        long now = clock.getAsLong();
        for (Binding b : locations.bindingsOf(userID)) {
            try {
                Address a = stack.addresses.createAddress(stack.addresses.createURI(b.contact()));
                ContactHeader c = stack.headers.createContactHeader(a);
                c.setExpires((int) b.secondsLeft(now));
                r.addHeader(c);
            } catch (Exception e) {
                LOG.debug("binding {} not listed: {}", b.key(), e.toString());
            }
        }
        return r;
    }

    private Header minExpires() {
        try {
            return stack.headers.createMinExpiresHeader(settings.minExpires());
        } catch (javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int expiresOf(ContactHeader c, int defaultExpires) {
        int e = c.getExpires();
        return e >= 0 ? e : Math.max(0, defaultExpires);
    }

    /** One device: its {@code +sip.instance} (stable across restarts and address changes), else its Contact URI. */
    private static String keyOf(ContactHeader c) {
        String instance = c.getParameter("+sip.instance");
        return instance != null && !instance.isBlank() ? instance : uriWithoutHeaders(c.getAddress());
    }

    private static String uriWithoutHeaders(Address a) {
        URI u = (URI) a.getURI().clone();
        if (u instanceof SipURI s) {
            s.removeParameter("expires");
        }
        return u.toString();
    }
}
