package org.ltintercom.callserver.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.address.URI;
import javax.sip.header.Header;
import javax.sip.header.ReasonHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One call through the proxy: the caller's INVITE forked in parallel to every registered device of
 * the callee (and to devices that register while it rings, e.g. after a wakeup). The first 2xx
 * wins and the other devices get CANCEL with {@code Reason: SIP;cause=200}; a 603 with "decline
 * everywhere" ends it on all devices ({@code Reason: SIP;cause=603}); when every device refused,
 * the caller gets the best refusal (6xx, else 486, else the others; no device answering at all is
 * 480). Unanswered at the ring timeout, or cancelled by the caller, it is cancelled everywhere.
 */
final class Forking {
    private static final Logger LOG = LoggerFactory.getLogger(Forking.class);
    /** An answered call the proxy never saw a BYE for is closed (CDR 1 HangUp) after this long. */
    static final long MAX_CALL_HOURS = 12;

    private enum State { RINGING, ANSWERED, ENDED }

    /** One device's leg: its client transaction and what it has said so far. */
    static final class Branch {
        final Forking call;
        final String bindingKey;
        ClientTransaction tx;
        boolean provisional;
        Response finalResponse;
        Header pendingCancelReason;
        boolean cancelPending;

        Branch(Forking call, String bindingKey) {
            this.call = call;
            this.bindingKey = bindingKey;
        }

        boolean done() {
            return finalResponse != null;
        }
    }

    private final ProxyContext ctx;
    private final CallParties parties;
    private final ServerTransaction callerTx;
    private final Request template;
    private final String sipCallID;
    private final List<Branch> branches = new ArrayList<>();
    private final Set<String> forkedKeys = new HashSet<>();
    private State state = State.RINGING;
    private long answeredAt;
    private ScheduledFuture<?> ringTimer;
    private Runnable unwatch = () -> { };

    Forking(ProxyContext ctx, CallParties parties, ServerTransaction callerTx, Request template, String sipCallID) {
        this.ctx = ctx;
        this.parties = parties;
        this.callerTx = callerTx;
        this.template = template;
        this.sipCallID = sipCallID;
    }

    /** Forks to {@code bindings} (may be empty: waiting for a woken device) and starts the ring timer. */
    synchronized void start(List<Binding> bindings) {
        String calleeID = parties.callee().userID();
        unwatch = ctx.locations().watch(b -> {
            if (b.userID().equals(calleeID)) {
                forkTo(b);
            }
        });
        ringTimer = ctx.timers().schedule(this::ringTimedOut, ctx.settings().ringTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        bindings.forEach(this::forkTo);
    }

    synchronized void forkTo(Binding binding) {
        if (state != State.RINGING || isCallersOwnDevice(binding) || !forkedKeys.add(binding.key())) {
            return;
        }
        Branch branch = new Branch(this, binding.key());
        branches.add(branch);
        try {
            Request request = (Request) template.clone();
            URI target = ctx.stack().addresses.createURI(binding.contact());
            request.setRequestURI(target);
            ctx.hops().pushVia(request);
            ClientTransaction tx = ctx.stack().provider().getNewClientTransaction(request);
            tx.setApplicationData(branch);
            branch.tx = tx;
            tx.sendRequest();
            LOG.info("call {}: ringing {} device {}", parties.lt().callID(), binding.userID(), binding.key());
        } catch (Exception e) {
            LOG.info("call {}: device {} unreachable: {}", parties.lt().callID(), binding.key(), e.toString());
            branch.finalResponse = ctx.replies().create(Response.SERVICE_UNAVAILABLE, template);
            concludeIfAllRefused();
        }
    }

    synchronized void onResponse(Branch branch, Response response) {
        int status = response.getStatusCode();
        if (branch.done() && status < 300) {
            // a 2xx crossing our CANCEL: the caller's UA gets it and ends that dialog itself (RFC 3261 16.7)
            if (status >= 200) {
                relay(response);
            }
            return;
        }
        if (status < 200) {
            branch.provisional = true;
            if (branch.cancelPending) {
                sendCancel(branch, branch.pendingCancelReason);
            } else if (status > 100 && state == State.RINGING) {
                relay(response);
            }
            return;
        }
        branch.finalResponse = response;
        if (status < 300) {
            answered(branch, response);
        } else if (state == State.RINGING && status == Response.DECLINE && ctx.settings().declineEverywhere()) {
            end(CdrRecorder.DECLINE);
            cancelOthers(branch, ctx.replies().reason("SIP", 603, "Declined"));
            relay(response);
            LOG.info("call {}: declined on device {}, cancelled everywhere", parties.lt().callID(), branch.bindingKey);
        } else {
            concludeIfAllRefused();
        }
    }

    /** No final response in time, or the device could not be reached. */
    synchronized void onTimeout(Branch branch) {
        if (!branch.done()) {
            branch.finalResponse = ctx.replies().create(Response.REQUEST_TIMEOUT, template);
            concludeIfAllRefused();
        }
    }

    /** The caller's CANCEL (already answered with 200): 487 to the INVITE, CANCEL to every device. */
    synchronized void callerCancelled() {
        if (state != State.RINGING) {
            return;
        }
        end(CdrRecorder.MISS);
        cancelOthers(null, null);
        ctx.replies().send(callerTx, template, Response.REQUEST_TERMINATED);
        LOG.info("call {}: cancelled by the caller", parties.lt().callID());
    }

    /** A BYE of either party in the answered dialog. */
    synchronized void bye() {
        if (state == State.ANSWERED) {
            state = State.ENDED;
            ctx.cdrs().ended(parties, answeredAt, ctx.clock().getAsLong(), CdrRecorder.HANGUP);
            // keep relaying retransmissions and the BYE's answer for a transaction's lifetime (64*T1)
            ctx.timers().schedule(() -> ctx.calls().remove(sipCallID, this), 32, TimeUnit.SECONDS);
        }
    }

    synchronized boolean ringing() {
        return state == State.RINGING;
    }

    /** A user calling itself must not ring the very device it calls from. */
    private boolean isCallersOwnDevice(Binding binding) {
        javax.sip.header.ContactHeader contact = (javax.sip.header.ContactHeader) template.getHeader(
                javax.sip.header.ContactHeader.NAME);
        if (contact == null || contact.getAddress() == null
                || !(contact.getAddress().getURI() instanceof javax.sip.address.SipURI from)) {
            return false;
        }
        try {
            if (ctx.stack().addresses.createURI(binding.contact()) instanceof javax.sip.address.SipURI to) {
                return from.getHost().equalsIgnoreCase(to.getHost()) && from.getPort() == to.getPort();
            }
        } catch (java.text.ParseException e) {
            return false;
        }
        return false;
    }

    /** The top Via branch of the caller's INVITE: a CANCEL must carry the same one. */
    String callerBranch() {
        return ((ViaHeader) template.getHeader(ViaHeader.NAME)).getBranch();
    }

    private void answered(Branch winner, Response response) {
        relay(response);
        if (state != State.RINGING) {
            return;
        }
        state = State.ANSWERED;
        answeredAt = ctx.clock().getAsLong();
        stopWaiting();
        // a party that vanished without BYE (power cut) must not keep the call in memory for ever
        ctx.timers().schedule(this::bye, MAX_CALL_HOURS, TimeUnit.HOURS);
        cancelOthers(winner, ctx.replies().reason("SIP", 200, "Call completed elsewhere"));
        LOG.info("call {}: answered on device {}", parties.lt().callID(), winner.bindingKey);
    }

    private void ringTimedOut() {
        synchronized (this) {
            if (state != State.RINGING) {
                return;
            }
            end(CdrRecorder.MISS);
            cancelOthers(null, null);
            ctx.replies().send(callerTx, template, Response.TEMPORARILY_UNAVAILABLE);
            LOG.info("call {}: nobody answered within {}", parties.lt().callID(), ctx.settings().ringTimeout());
        }
    }

    /** When every device has refused (and at least one was tried), the caller gets the best refusal. */
    private void concludeIfAllRefused() {
        if (state != State.RINGING || branches.isEmpty() || !branches.stream().allMatch(Branch::done)) {
            return;
        }
        Response best = null;
        for (Branch b : branches) {
            if (best == null || rank(b.finalResponse) < rank(best)) {
                best = b.finalResponse;
            }
        }
        int status = best.getStatusCode();
        boolean fromDevice = best.getHeader(ViaHeader.NAME) != null && ctx.hops().isOurVia(best);
        end(endReason(best));
        if (fromDevice && status != Response.REQUEST_TIMEOUT && status != Response.SERVICE_UNAVAILABLE) {
            relay(best);
        } else {
            ctx.replies().send(callerTx, template, Response.TEMPORARILY_UNAVAILABLE);
        }
        LOG.info("call {}: refused by every device ({})", parties.lt().callID(), status);
    }

    /** Lower is better for the caller: 6xx, busy, other 4xx, 5xx, then timeouts. */
    private static int rank(Response r) {
        int s = r.getStatusCode();
        if (s >= 600) {
            return 0;
        }
        if (s == Response.BUSY_HERE) {
            return 1;
        }
        if (s == Response.REQUEST_TIMEOUT || s == Response.SERVICE_UNAVAILABLE) {
            return 4;
        }
        return s < 500 ? 2 : 3;
    }

    private static int endReason(Response r) {
        ReasonHeader reason = (ReasonHeader) r.getHeader(ReasonHeader.NAME);
        if (reason != null && "LT".equalsIgnoreCase(reason.getProtocol()) && reason.getCause() > 0
                && reason.getCause() < 300) {
            return reason.getCause();
        }
        return switch (r.getStatusCode()) {
            case Response.BUSY_HERE, Response.BUSY_EVERYWHERE -> CdrRecorder.BUSY;
            case Response.DECLINE -> CdrRecorder.DECLINE;
            case Response.NOT_FOUND, Response.DOES_NOT_EXIST_ANYWHERE -> CdrRecorder.CALLEE_NOT_FOUND;
            default -> CdrRecorder.MISS;
        };
    }

    private void end(int endReason) {
        state = State.ENDED;
        stopWaiting();
        ctx.calls().remove(sipCallID, this);
        ctx.cdrs().ended(parties, 0, ctx.clock().getAsLong(), endReason);
    }

    private void stopWaiting() {
        unwatch.run();
        if (ringTimer != null) {
            ringTimer.cancel(false);
        }
    }

    private void cancelOthers(Branch keep, Header reason) {
        for (Branch b : branches) {
            if (b != keep && !b.done() && b.tx != null) {
                if (b.provisional) {
                    sendCancel(b, reason);
                } else {
                    // RFC 3261 9.1: no CANCEL before a provisional response; sent when one comes
                    b.cancelPending = true;
                    b.pendingCancelReason = reason;
                }
            }
        }
    }

    private void sendCancel(Branch b, Header reason) {
        b.cancelPending = false;
        try {
            Request cancel = b.tx.createCancel();
            if (reason != null) {
                cancel.addHeader(reason);
            }
            ctx.stack().provider().getNewClientTransaction(cancel).sendRequest();
        } catch (Exception e) {
            LOG.info("call {}: CANCEL to device {} not sent: {}", parties.lt().callID(), b.bindingKey, e.toString());
        }
    }

    /** Passes a device's response to the caller, without our Via. */
    private void relay(Response response) {
        Response copy = (Response) response.clone();
        copy.removeFirst(ViaHeader.NAME);
        ctx.replies().send(callerTx, copy);
    }
}
