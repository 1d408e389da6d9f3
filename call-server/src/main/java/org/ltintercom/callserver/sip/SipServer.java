package org.ltintercom.callserver.sip;

import org.ltintercom.callserver.cdr.CdrStore;
import org.ltintercom.callserver.mqtt.WakeupPublisher;
import org.ltintercom.callserver.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.AllowHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.LongSupplier;

/**
 * call-server's SIP half: registrar (digest, several devices per user) and record-routing,
 * forking proxy for LT calls, on one UDP+TCP port. Started and stopped with {@code CallServer}.
 */
public final class SipServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipServer.class);
    private static final String ALLOWED = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, INFO, UPDATE";

    private final LocationService locations;
    private final ScheduledThreadPoolExecutor timers;
    private final LongSupplier clock = System::currentTimeMillis;
    private volatile ProxyStack stack;
    private ProxyContext ctx;
    private Registrar registrar;
    private CallRouter router;
    private DialogRelay relay;
    private boolean closed;

    private SipServer() {
        this.locations = new LocationService(clock);
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lt-cs-sip-calls");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    /** Starts listening on {@code settings.host():settings.port()} for UDP and TCP. */
    public static SipServer start(SipSettings settings, Database db, CdrStore cdrs, WakeupPublisher wakeups)
            throws IOException {
        SipServer server = new SipServer();
        try {
            server.stack = ProxyStack.start(InetAddress.getByName(settings.host()), settings.port(), server.listener());
        } catch (IOException | RuntimeException e) {
            server.timers.shutdownNow();
            throw e;
        }
        ProxyStack stack = server.stack;
        Replies replies = new Replies(stack);
        HopHeaders hops = new HopHeaders(stack);
        server.ctx = new ProxyContext(stack, hops, replies, settings, server.locations, new ActiveCalls(),
                new CdrRecorder(cdrs), server.timers, server.clock);
        RequestAuthenticator auth = new RequestAuthenticator(new DigestChallenge(settings.domain(), server.clock), db,
                replies, stack);
        server.registrar = new Registrar(server.locations, auth, replies, stack, settings, server.clock);
        server.router = new CallRouter(server.ctx, auth, db, new WakeupSender(wakeups, db, settings));
        server.relay = new DialogRelay(server.ctx);
        LOG.info("SIP registrar/proxy on udp+tcp {}:{}", settings.host(), stack.port());
        return server;
    }

    public int port() {
        return stack.port();
    }

    /** The registrar's bindings (which devices of which user are reachable). */
    public LocationService locations() {
        return locations;
    }

    /** Calls ringing or in progress through the proxy. */
    public int activeCalls() {
        return ctx.calls().size();
    }

    /** Stops the stack and ends its threads and the call timers. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.shutdownNow();
        stack.close();
        LOG.info("SIP registrar/proxy stopped");
    }

    private SipListener listener() {
        return new SipListener() {
            @Override
            public void processRequest(RequestEvent event) {
                try {
                    dispatch(event);
                } catch (RuntimeException e) {
                    LOG.warn("SIP {} not handled: {}", event.getRequest().getMethod(), e.toString());
                }
            }

            @Override
            public void processResponse(ResponseEvent event) {
                try {
                    if (event.getClientTransaction() != null
                            && event.getClientTransaction().getApplicationData() instanceof Forking.Branch b) {
                        b.call.onResponse(b, event.getResponse());
                    } else if (event.getClientTransaction() == null) {
                        relay.response(event.getResponse());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("SIP response {} not handled: {}", event.getResponse().getStatusCode(), e.toString());
                }
            }

            @Override
            public void processTimeout(TimeoutEvent event) {
                if (!event.isServerTransaction()
                        && event.getClientTransaction().getApplicationData() instanceof Forking.Branch b) {
                    b.call.onTimeout(b);
                }
            }

            @Override
            public void processIOException(IOExceptionEvent event) {
                LOG.debug("SIP I/O error with {}:{}", event.getHost(), event.getPort());
            }

            @Override
            public void processTransactionTerminated(TransactionTerminatedEvent event) {
            }

            @Override
            public void processDialogTerminated(DialogTerminatedEvent event) {
            }
        };
    }

    private void dispatch(RequestEvent event) {
        if (ctx == null) {
            return; // a request in the instant between listening and being wired: the UA retransmits
        }
        Request request = event.getRequest();
        String method = request.getMethod();
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        if (Request.ACK.equals(method) || inDialog && !Request.CANCEL.equals(method)) {
            relay.request(request);
            return;
        }
        ServerTransaction st = event.getServerTransaction();
        if (st == null) {
            try {
                st = stack.provider().getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException retransmission) {
                return;
            } catch (Exception e) {
                LOG.debug("SIP {}: no server transaction: {}", method, e.toString());
                ctx.replies().send(null, request, Response.BAD_REQUEST);
                return;
            }
        }
        switch (method) {
            case Request.REGISTER -> registrar.register(request, st);
            case Request.INVITE -> router.invite(request, st);
            case Request.CANCEL -> router.cancel(request, st);
            case Request.OPTIONS -> ctx.replies().send(st, request, Response.OK, allow());
            case Request.BYE -> ctx.replies().send(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            default -> ctx.replies().send(st, request, Response.METHOD_NOT_ALLOWED, allow());
        }
    }

    private AllowHeader allow() {
        try {
            return ctx.stack().headers.createAllowHeader(ALLOWED);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
