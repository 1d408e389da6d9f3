package org.ltintercom.sdk.internal.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The user agent's side of the jain-sip stack: it builds requests with our identity
 * (From, Contact, Via, Route through the outbound proxy, User-Agent), sends client
 * transactions and routes every stack event onto the single SIP event thread, where
 * {@link Registration} and {@link SipCallLeg} run without locks.
 *
 * <pre>
 * jain-sip threads --(SipListener)--> SipEndpoint --(event thread)--> ResponseHandler (by transaction)
 *                                                                \--> Requests (new and in-dialog requests)
 * </pre>
 */
final class SipEndpoint implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);

    /** Where requests from the network go (on the event thread). */
    interface Requests {
        void onRequest(RequestEvent event);

        void onDialogTerminated(Dialog dialog);

        void onServerTimeout(javax.sip.ServerTransaction transaction);
    }

    private final SipConfig config;
    private final ScheduledExecutorService events;
    private final Map<ClientTransaction, ResponseHandler> pending = new ConcurrentHashMap<>();
    /**
     * The credentials of this account's calls, shared by them: the challenge one INVITE got is
     * answered ahead by the next ones (with the nonce count going on), so a call does not wait for
     * the proxy's 407 as long as its nonce is good. Used on the SIP event thread only.
     */
    private final DigestAuth callAuth;
    private volatile Requests requests;
    private volatile SipStackHost host;

    SipEndpoint(SipConfig config, ScheduledExecutorService events) {
        this.config = config;
        this.events = events;
        this.callAuth = new DigestAuth(config.user(), config.password());
    }

    void start(Requests router) throws IOException {
        this.requests = router;
        this.host = SipStackHost.start(config.localAddress(), config.localPort(), this);
    }

    void close() {
        SipStackHost h = host;
        if (h != null) {
            h.close();
        }
        pending.clear();
    }

    SipConfig config() {
        return config;
    }

    DigestAuth callAuth() {
        return callAuth;
    }

    ScheduledExecutorService events() {
        return events;
    }

    SipStackHost host() {
        return host;
    }

    HeaderFactory headers() {
        return host.headers();
    }

    int port() {
        return host.port();
    }

    // ---- building requests ----

    SipURI uri(String user, String hostPart) throws ParseException {
        return host.addresses().createSipURI(user, hostPart);
    }

    /**
     * The URIs every request of this endpoint carries, parsed once per stack: jain-sip's
     * {@code createSipURI} runs its URI parser each time, the largest single cost of building a
     * request in a profile of a calling device JVM. Handed out as clones, since jain-sip may add
     * parameters to a header's URI.
     */
    private record OwnUris(SipStackHost host, SipURI aor, SipURI contact, SipURI proxy) {
    }

    private volatile OwnUris ownUris;

    private OwnUris ownUris() throws ParseException {
        SipStackHost h = host;
        OwnUris u = ownUris;
        if (u == null || u.host() != h) {
            SipURI contact = uri(config.user(), config.localAddress().getHostAddress());
            contact.setPort(h.port());
            contact.setTransportParam(config.transport());
            SipURI proxy = uri(null, config.proxyHost());
            proxy.setPort(config.proxyPort());
            proxy.setLrParam();
            proxy.setTransportParam(config.transport());
            u = new OwnUris(h, uri(config.user(), config.domain()), contact, proxy);
            ownUris = u;
        }
        return u;
    }

    /** sip:user@domain, our address of record. */
    Address ourAddress() throws ParseException {
        return host.addresses().createAddress((SipURI) ownUris().aor().clone());
    }

    ContactHeader contact() throws ParseException {
        return host.headers().createContactHeader(host.addresses().createAddress((SipURI) ownUris().contact().clone()));
    }

    CallIdHeader newCallId() {
        return host.provider().getNewCallId();
    }

    static String newTag() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    /** An out-of-dialog request from us to {@code to}, routed through the outbound proxy. */
    Request newRequest(String method, URI requestUri, Address to, String fromTag, CallIdHeader callId, long cseq)
            throws ParseException, javax.sip.InvalidArgumentException {
        HeaderFactory h = host.headers();
        ViaHeader via = h.createViaHeader(config.localAddress().getHostAddress(), host.port(), config.transport(), null);
        via.setRPort();
        Request r = host.messages().createRequest(requestUri, method, callId, h.createCSeqHeader(cseq, method),
                h.createFromHeader(ourAddress(), fromTag), h.createToHeader(to, null), List.of(via),
                h.createMaxForwardsHeader(70));
        r.addHeader(contact());
        r.addHeader(h.createUserAgentHeader(List.of(config.userAgent())));
        r.addHeader(h.createRouteHeader(host.addresses().createAddress((SipURI) ownUris().proxy().clone())));
        return r;
    }

    // ---- sending ----

    /** Sends a request in a new client transaction; the outcome goes to {@code handler}. */
    ClientTransaction send(Request request, ResponseHandler handler) {
        ClientTransaction tx = null;
        try {
            tx = host.provider().getNewClientTransaction(request);
            tx.setRetransmitTimer((int) config.t1().toMillis());
            pending.put(tx, handler);
            tx.sendRequest();
            return tx;
        } catch (SipException | RuntimeException e) {
            if (tx != null) {
                pending.remove(tx);
            }
            String reason = "cannot send " + request.getMethod() + ": " + e.getMessage();
            LOG.debug("SIP: {}", reason);
            events.execute(() -> handler.onFailure(false, reason));
            return null;
        }
    }

    /** Sends a request within {@code dialog} (BYE, re-INVITE, OPTIONS, INFO). */
    ClientTransaction sendInDialog(Dialog dialog, Request request, ResponseHandler handler) {
        try {
            ClientTransaction tx = host.provider().getNewClientTransaction(request);
            tx.setRetransmitTimer((int) config.t1().toMillis());
            pending.put(tx, handler);
            dialog.sendRequest(tx);
            return tx;
        } catch (SipException | RuntimeException e) {
            String reason = "cannot send " + request.getMethod() + " in dialog: " + e.getMessage();
            LOG.debug("SIP: {}", reason);
            events.execute(() -> handler.onFailure(false, reason));
            return null;
        }
    }

    // ---- jain-sip callbacks: hop onto the event thread ----

    @Override
    public void processRequest(RequestEvent event) {
        submit(() -> requests.onRequest(event));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        submit(() -> {
            ClientTransaction tx = event.getClientTransaction();
            ResponseHandler handler = tx == null ? null : pending.get(tx);
            Response response = event.getResponse();
            if (handler == null) {
                LOG.debug("SIP: response {} without a waiting transaction (retransmission)", response.getStatusCode());
                return;
            }
            if (response.getStatusCode() >= 200) {
                pending.remove(tx);
            }
            handler.onResponse(response, tx);
        });
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        submit(() -> {
            if (event.isServerTransaction()) {
                requests.onServerTimeout(event.getServerTransaction());
                return;
            }
            ResponseHandler handler = pending.remove(event.getClientTransaction());
            if (handler != null) {
                handler.onFailure(true, "no response to " + event.getClientTransaction().getRequest().getMethod());
            }
        });
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("SIP transport error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        if (!event.isServerTransaction()) {
            // on the event thread, after the final response that ended it (events keep their order)
            submit(() -> {
                ResponseHandler handler = pending.remove(event.getClientTransaction());
                if (handler != null) {
                    handler.onFailure(false, "transaction ended without a final response");
                }
            });
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        submit(() -> requests.onDialogTerminated(event.getDialog()));
    }

    private void submit(Runnable task) {
        try {
            events.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("SIP event handling failed: {}", e.toString(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            LOG.debug("SIP event after stop ignored");
        }
    }
}
