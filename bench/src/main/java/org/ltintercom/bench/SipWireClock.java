package org.ltintercom.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times SIP messages where the SDK's SIP stack sends and receives them: an appender on the
 * stack's message trace ({@code org.ltintercom.sdk.internal.sip.wire}, which jain-sip feeds as each
 * message leaves or enters a socket), keyed by the {@code X-LT-Call-ID} of the call. Records, per
 * call, when its first INVITE was sent (before any digest challenge) and when the first 200 OK to
 * an INVITE came back. Caller and callee may share the JVM: only the caller sends the INVITE and
 * only the caller receives the 200 OK to it.
 */
final class SipWireClock extends AppenderBase<ILoggingEvent> {
    private static final String WIRE = "org.ltintercom.sdk.internal.sip.wire";

    private final Map<String, Long> inviteSent = new ConcurrentHashMap<>();
    /**
     * By SIP Call-ID: a 200 OK can be traced (on jain-sip's UDP thread) before the INVITE it answers
     * (on the thread that sent it, which logs after the send), now that an INVITE carrying credentials
     * is answered without a 407 in between.
     */
    private final Map<String, Long> okReceived = new ConcurrentHashMap<>();
    /** X-LT-Call-ID -> SIP Call-ID (a 200 OK need not repeat the X-LT header). */
    private final Map<String, String> sipCallIds = new ConcurrentHashMap<>();

    /**
     * Turns the SDK's SIP message trace on, into this clock only. jain-sip hands messages to its
     * message logger only while its own log ({@code gov.nist.javax.sip}) is at INFO, so that goes up
     * too, and the console appender gets a WARN threshold to keep stderr as quiet as before.
     */
    static SipWireClock attach() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(a -> {
            ThresholdFilter warnings = new ThresholdFilter();
            warnings.setLevel("WARN");
            warnings.start();
            a.addFilter(warnings);
        });
        ((Logger) LoggerFactory.getLogger("gov.nist.javax.sip")).setLevel(Level.INFO);
        Logger wire = (Logger) LoggerFactory.getLogger(WIRE);
        SipWireClock clock = new SipWireClock();
        clock.setContext(wire.getLoggerContext());
        clock.setName("sip-wire-clock");
        clock.start();
        wire.setAdditive(false);
        wire.addAppender(clock);
        wire.setLevel(Level.DEBUG);
        return clock;
    }

    /**
     * INVITE sent -> 200 OK received for LT call {@code ltCallID}, in ns; {@link #MISSING} if either was
     * not seen. Negative when the 200 OK was traced first: jain-sip traces a message it sent after the
     * send returns, so a sending thread preempted right then traces its INVITE late.
     */
    long inviteToOk(String ltCallID) {
        Long sent = inviteSent.get(ltCallID);
        String sipCallId = sipCallIds.get(ltCallID);
        Long ok = sipCallId == null ? null : okReceived.get(sipCallId);
        return sent == null || ok == null ? MISSING : ok - sent;
    }

    /** What {@link #inviteToOk} returns for a call whose INVITE or 200 OK is not in the trace. */
    static final long MISSING = Long.MIN_VALUE;

    /** The SIP Call-ID of LT call {@code ltCallID}'s INVITE, or "-" if it is not in the trace. */
    String sipCallId(String ltCallID) {
        return sipCallIds.getOrDefault(ltCallID, "-");
    }

    /** What the trace holds of LT call {@code ltCallID}, for a failure message. */
    String describe(String ltCallID) {
        String sipCallId = sipCallIds.get(ltCallID);
        return "INVITE " + (inviteSent.containsKey(ltCallID) ? "traced" : "not traced") + ", SIP Call-ID " + sipCallId
                + ", 200 OK " + (sipCallId != null && okReceived.containsKey(sipCallId) ? "traced" : "not traced");
    }

    /** When LT call {@code ltCallID}'s first INVITE left the socket (System.nanoTime), or -1. */
    long inviteSentAt(String ltCallID) {
        Long sent = inviteSent.get(ltCallID);
        return sent == null ? -1 : sent;
    }

    /** Forgets what was recorded (between rows; the maps would otherwise grow with every call). */
    void clear() {
        inviteSent.clear();
        okReceived.clear();
        sipCallIds.clear();
    }

    @Override
    protected void append(ILoggingEvent event) {
        long now = System.nanoTime();
        Object[] args = event.getArgumentArray();
        if (args == null || args.length < 4 || !(args[3] instanceof String message)) {
            return;
        }
        boolean sent = "sent".equals(args[0]);
        int eol = message.indexOf('\r');
        String firstLine = eol < 0 ? message : message.substring(0, eol);
        String sipCallId = header(message, "Call-ID");
        if (sipCallId == null) {
            return;
        }
        if (sent && firstLine.startsWith("INVITE ")) {
            String lt = header(message, "X-LT-Call-ID");
            if (lt != null) {
                sipCallIds.putIfAbsent(lt, sipCallId);
                inviteSent.putIfAbsent(lt, now);
            }
        } else if (!sent && firstLine.startsWith("SIP/2.0 200") && String.valueOf(header(message, "CSeq")).endsWith("INVITE")) {
            okReceived.putIfAbsent(sipCallId, now);
        }
    }

    /** The value of the first header {@code name} (case-insensitive), or null. */
    private static String header(String message, String name) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("\n" + name.toLowerCase(java.util.Locale.ROOT) + ":");
        if (at < 0) {
            return null;
        }
        int start = at + name.length() + 2;
        int end = message.indexOf('\r', start);
        return message.substring(start, end < 0 ? message.length() : end).trim();
    }
}
