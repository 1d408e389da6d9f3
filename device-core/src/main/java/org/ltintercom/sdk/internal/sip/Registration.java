package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallStatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.address.Address;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Duration;
import java.util.ListIterator;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps our contact registered with the registrar (RFC 3261 section 10): REGISTER with
 * digest auth, refresh at 85% of the granted expiry, 423 -> retry with Min-Expires, retry
 * after failures with exponential backoff, jitter and a cap (forever: a door station must
 * come back by itself after a server or network outage), and un-REGISTER on stop.
 * Runs on the SIP event thread only.
 *
 * <pre>
 * UNREGISTERED -start-> REGISTERING -200-> REGISTERED -refresh timer-> REGISTERING ...
 *                           |  401/407: answer once; 423: raise expires, resend
 *                           \--403/credentials refused/timeout/other--> FAILED(code) -backoff-> REGISTERING
 * </pre>
 */
final class Registration {

    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
    private static final int MAX_INTERVAL_RAISES = 3;

    private final SipEndpoint endpoint;
    private final Consumer<RegistrationState> listener;
    private final DigestAuth auth;
    private final CallIdHeader callId;
    private final String fromTag = SipEndpoint.newTag();
    private long cseq;
    private int expires;
    private RegistrationState state = RegistrationState.UNREGISTERED;
    private ScheduledFuture<?> timer;
    private int failures;
    private boolean stopped;
    private int successes;

    Registration(SipEndpoint endpoint, Consumer<RegistrationState> listener) {
        this.endpoint = endpoint;
        this.listener = listener;
        this.auth = new DigestAuth(endpoint.config().user(), endpoint.config().password());
        this.callId = endpoint.newCallId();
        this.expires = endpoint.config().registerExpires();
    }

    RegistrationState state() {
        return state;
    }

    /** How many REGISTERs the registrar accepted so far (refreshes included). */
    int successes() {
        return successes;
    }

    void start() {
        stopped = false;
        register();
    }

    /** Cancels timers and sends REGISTER with Expires: 0; {@code done} runs when answered or given up. */
    void stop(Runnable done) {
        stopped = true;
        cancelTimer();
        if (!state.isRegistered()) {
            setState(RegistrationState.UNREGISTERED);
            done.run();
            return;
        }
        send(0, new Attempt(0, 0) {
            @Override
            void finished(boolean ok) {
                setState(RegistrationState.UNREGISTERED);
                done.run();
            }
        });
    }

    private void register() {
        cancelTimer();
        if (state.kind() != RegistrationState.Kind.REGISTERED) {
            setState(RegistrationState.REGISTERING);
        }
        send(expires, new Attempt(expires, 0));
    }

    private void send(int requestedExpires, Attempt attempt) {
        try {
            Address aor = endpoint.ourAddress();
            Request r = endpoint.newRequest(Request.REGISTER, endpoint.uri(null, endpoint.config().domain()), aor,
                    fromTag, callId, ++cseq);
            r.addHeader(endpoint.headers().createExpiresHeader(requestedExpires));
            if (attempt.challenge != null) {
                auth.authorize(r, attempt.challenge, endpoint.headers());
            }
            endpoint.send(r, attempt);
        } catch (Exception e) {
            LOG.warn("SIP REGISTER could not be built: {}", e.getMessage());
            attempt.onFailure(false, e.getMessage());
        }
    }

    /** One REGISTER exchange including its digest round trip and 423 corrections. */
    private class Attempt implements ResponseHandler {
        final int requestedExpires;
        final int intervalRaises;
        Response challenge;

        Attempt(int requestedExpires, int intervalRaises) {
            this.requestedExpires = requestedExpires;
            this.intervalRaises = intervalRaises;
        }

        @Override
        public void onResponse(Response response, ClientTransaction tx) {
            int status = response.getStatusCode();
            if (status < 200) {
                return;
            }
            if (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) {
                boolean retry = challenge == null || DigestAuth.isStale(response);
                if (retry) {
                    Attempt next = copy(intervalRaises);
                    next.challenge = response;
                    send(requestedExpires, next);
                } else {
                    LOG.warn("SIP REGISTER for {}: credentials refused by the registrar", endpoint.config().user());
                    failed(LTCallStatusCode.REGISTER_FORBIDDEN, true);
                }
                return;
            }
            if (status == Response.INTERVAL_TOO_BRIEF && requestedExpires > 0 && intervalRaises < MAX_INTERVAL_RAISES) {
                MinExpiresHeader min = (MinExpiresHeader) response.getHeader(MinExpiresHeader.NAME);
                if (min != null && min.getExpires() > requestedExpires) {
                    LOG.info("SIP registrar wants at least {} s (we asked {} s)", min.getExpires(), requestedExpires);
                    expires = min.getExpires();
                    Attempt next = copy(intervalRaises + 1);
                    next.challenge = challenge;
                    send(expires, next);
                    return;
                }
            }
            if (status >= 200 && status < 300) {
                succeeded(response);
                return;
            }
            LOG.warn("SIP REGISTER refused: {} {}", status, response.getReasonPhrase());
            failed(StatusMapping.forRegisterResponse(status), status == Response.FORBIDDEN);
        }

        @Override
        public void onFailure(boolean timeout, String reason) {
            LOG.warn("SIP REGISTER to {}:{} failed: {}", endpoint.config().proxyHost(), endpoint.config().proxyPort(),
                    reason);
            failed(LTCallStatusCode.REGISTER_UNREACHABLE, false);
        }

        Attempt copy(int raises) {
            Attempt outer = this;
            return new Attempt(requestedExpires, raises) {
                @Override
                void finished(boolean ok) {
                    outer.finished(ok);
                }
            };
        }

        /** Called once the exchange is over; the normal REGISTER updates our state. */
        void finished(boolean ok) {
        }

        private void succeeded(Response response) {
            if (requestedExpires == 0) {
                finished(true);
                return;
            }
            int granted = grantedExpires(response, requestedExpires);
            failures = 0;
            successes++;
            setState(RegistrationState.registered(granted));
            long refreshMillis = Math.max(1000, granted * 850L);
            schedule(Duration.ofMillis(refreshMillis));
            finished(true);
        }

        private void failed(LTCallStatusCode why, boolean refused) {
            if (requestedExpires == 0) {
                finished(false);
                return;
            }
            setState(RegistrationState.failed(why));
            schedule(refused ? endpoint.config().retryMax() : backoff(++failures));
            finished(false);
        }
    }

    /** The expiry our own Contact got back, else the Expires header, else what we asked. */
    private int grantedExpires(Response response, int requested) {
        String ourHost = endpoint.config().localAddress().getHostAddress();
        ListIterator<?> contacts = response.getHeaders(ContactHeader.NAME);
        while (contacts.hasNext()) {
            ContactHeader c = (ContactHeader) contacts.next();
            if (c.getAddress().getURI() instanceof javax.sip.address.SipURI u && ourHost.equals(u.getHost())
                    && u.getPort() == endpoint.port() && c.getExpires() > 0) {
                return c.getExpires();
            }
        }
        ExpiresHeader e = response.getExpires();
        return e != null && e.getExpires() > 0 ? e.getExpires() : requested;
    }

    /** retryMin * 2^(n-1), capped at retryMax, minus up to 25% jitter so devices do not retry in step. */
    Duration backoff(int failureCount) {
        long min = endpoint.config().retryMin().toMillis();
        long max = endpoint.config().retryMax().toMillis();
        long base = min << Math.min(failureCount - 1, 20);
        long capped = Math.min(Math.max(base, min), max);
        long jitter = (long) (capped * 0.25 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(capped - jitter);
    }

    private void schedule(Duration delay) {
        cancelTimer();
        if (stopped) {
            return;
        }
        timer = endpoint.events().schedule(() -> {
            if (!stopped) {
                register();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void setState(RegistrationState next) {
        if (next.equals(state)) {
            return;
        }
        LOG.info("SIP registration of {}@{}: {}", endpoint.config().user(), endpoint.config().domain(), next);
        state = next;
        listener.accept(next);
    }
}
