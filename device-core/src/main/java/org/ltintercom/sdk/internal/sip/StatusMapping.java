package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallStatusCode;

import java.util.List;
import java.util.Locale;

import static org.ltintercom.sdk.call.LTCallStatusCode.*;

/**
 * THE table from SIP outcomes to {@link LTCallStatusCode} (docs/protocol.md, section SIP,
 * prints the same rows). Rows are tried top to bottom; the first match wins. A
 * {@code Reason: LT;cause=N} header naming a known LT code wins over every row, so that an
 * LT server or SDK on the other end can state the exact outcome (111, 112, 216 ...).
 */
public final class StatusMapping {

    /** What happened on the wire. */
    public enum Event {
        /** A final non-2xx response to our INVITE (the sipStatus column). */
        INVITE_FAILED,
        /** The caller CANCELled our ringing incoming call; the Reason column decides. */
        CANCEL_RECEIVED,
        /** We hung up our own outgoing call before it was answered (CANCEL sent). */
        CANCELLED_BY_US,
        /** Our outgoing call was not answered before the no-answer timeout (CANCEL sent). */
        NO_ANSWER_TIMEOUT,
        /** The peer sent BYE. */
        BYE_RECEIVED,
        /** We hung up an established call. */
        HANGUP_BY_US,
        /** A request in the call got no response or could not be sent; in-dialog OPTIONS failed. */
        TRANSPORT_FAILURE,
        /** A final response to REGISTER. */
        REGISTER_FAILED,
        /** REGISTER got no response or could not be sent. */
        REGISTER_TIMEOUT,
        /** Our hold/unhold re-INVITE was refused (after the 491 retry): a warning, the call goes on. */
        REINVITE_REFUSED
    }

    /** One row: event, SIP status (0 = any), Reason protocol and cause (null/0 = any) -> status. */
    public record Row(Event event, int sipStatus, String reasonProtocol, int reasonCause, LTCallStatusCode status) {
        boolean matches(Event e, int sip, Cause reason) {
            if (event != e || (sipStatus != 0 && sipStatus != sip)) {
                return false;
            }
            if (reasonProtocol == null) {
                return true;
            }
            return reason != null && reason.protocol().equalsIgnoreCase(reasonProtocol)
                    && (reasonCause == 0 || reason.cause() == reasonCause);
        }
    }

    /** A parsed {@code Reason: protocol;cause=N} header (RFC 3326). */
    public record Cause(String protocol, int cause) {
        /** Parses one Reason header value; null when absent or malformed. */
        public static Cause parse(String value) {
            if (value == null) {
                return null;
            }
            String[] parts = value.split(";");
            String protocol = parts[0].trim();
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("cause=")) {
                    try {
                        return new Cause(protocol, Integer.parseInt(p.substring(6).trim()));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
            return null;
        }
    }

    public static final List<Row> TABLE = List.of(
            new Row(Event.INVITE_FAILED, 486, null, 0, BUSY),
            new Row(Event.INVITE_FAILED, 600, null, 0, BUSY),
            new Row(Event.INVITE_FAILED, 603, null, 0, DECLINE),
            new Row(Event.INVITE_FAILED, 404, null, 0, CALLEE_NOT_FOUND),
            new Row(Event.INVITE_FAILED, 604, null, 0, CALLEE_NOT_FOUND),
            new Row(Event.INVITE_FAILED, 410, null, 0, CALLEE_NOT_FOUND),
            new Row(Event.INVITE_FAILED, 484, null, 0, CALLEE_NOT_FOUND),
            new Row(Event.INVITE_FAILED, 403, "LT", 9, BLOCK_CALL),
            new Row(Event.INVITE_FAILED, 403, null, 0, ERROR_NO_SDK_PERMISSION),
            new Row(Event.INVITE_FAILED, 401, null, 0, ERROR_NO_SDK_PERMISSION),
            new Row(Event.INVITE_FAILED, 407, null, 0, ERROR_NO_SDK_PERMISSION),
            new Row(Event.INVITE_FAILED, 408, null, 0, MISS),
            new Row(Event.INVITE_FAILED, 480, null, 0, MISS),
            new Row(Event.INVITE_FAILED, 487, null, 0, HANGUP),
            new Row(Event.INVITE_FAILED, 488, null, 0, ERROR_CONNECTION),
            new Row(Event.INVITE_FAILED, 606, null, 0, ERROR_CONNECTION),
            new Row(Event.INVITE_FAILED, 0, null, 0, ERROR_CONNECTION),
            new Row(Event.CANCEL_RECEIVED, 0, "SIP", 200, ANSWERED_ELSEWHERE),
            new Row(Event.CANCEL_RECEIVED, 0, "SIP", 603, DECLINED_ELSEWHERE),
            new Row(Event.CANCEL_RECEIVED, 0, null, 0, MISS),
            new Row(Event.CANCELLED_BY_US, 0, null, 0, HANGUP),
            new Row(Event.NO_ANSWER_TIMEOUT, 0, null, 0, MISS),
            new Row(Event.BYE_RECEIVED, 0, null, 0, HANGUP),
            new Row(Event.HANGUP_BY_US, 0, null, 0, HANGUP),
            new Row(Event.TRANSPORT_FAILURE, 0, null, 0, NETWORK_DISCONNECT),
            new Row(Event.REGISTER_FAILED, 403, null, 0, REGISTER_FORBIDDEN),
            new Row(Event.REGISTER_FAILED, 401, null, 0, REGISTER_FORBIDDEN),
            new Row(Event.REGISTER_FAILED, 407, null, 0, REGISTER_FORBIDDEN),
            new Row(Event.REGISTER_FAILED, 404, null, 0, REGISTER_FORBIDDEN),
            new Row(Event.REGISTER_FAILED, 408, null, 0, REGISTER_UNREACHABLE),
            new Row(Event.REGISTER_FAILED, 503, null, 0, REGISTER_UNREACHABLE),
            new Row(Event.REGISTER_FAILED, 0, null, 0, ERROR_REGISTER_FAILED),
            new Row(Event.REGISTER_TIMEOUT, 0, null, 0, REGISTER_UNREACHABLE),
            new Row(Event.REINVITE_REFUSED, 0, null, 0, OPERATION_NOT_AVAILABLE));

    private StatusMapping() {
    }

    /** The status for {@code event} with SIP status {@code sip} (0 if none) and the Reason header, if any. */
    public static LTCallStatusCode map(Event event, int sip, Cause reason) {
        LTCallStatusCode lt = fromLtReason(reason);
        if (lt != null && event != Event.REGISTER_FAILED && event != Event.REGISTER_TIMEOUT) {
            return lt;
        }
        for (Row row : TABLE) {
            if (row.matches(event, sip, reason)) {
                return row.status();
            }
        }
        throw new IllegalArgumentException("event: " + event + " has no row in the status table");
    }

    static LTCallStatusCode forRegisterResponse(int sip) {
        return map(Event.REGISTER_FAILED, sip, null);
    }

    private static LTCallStatusCode fromLtReason(Cause reason) {
        if (reason == null || !reason.protocol().equalsIgnoreCase("LT") || reason.cause() < 0) {
            return null;
        }
        try {
            return LTCallStatusCode.fromCode(reason.cause());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * The response we send when we refuse an incoming call with {@code status}; the LT Reason
     * header carries the exact code so an LT peer maps it back without loss.
     */
    public record Refusal(int sipStatus, String reasonPhrase) {
    }

    public static Refusal refusalFor(LTCallStatusCode status) {
        return switch (status) {
            case BUSY -> new Refusal(486, "Busy Here");
            case DECLINE, HANGUP -> new Refusal(603, "Decline");
            case BLOCK_CALL -> new Refusal(403, "Forbidden");
            case CALLEE_NOT_FOUND -> new Refusal(404, "Not Found");
            case NO_RECORD_PERMISSION, MISS -> new Refusal(480, "Temporarily Unavailable");
            case CALLEE_AT_CALLER_DEVICE, GROUP_CALL_MEMBER_AT_ADMIN_DEVICE -> new Refusal(403, "Forbidden");
            case ERROR_CONNECTION, ERROR_NO_VOICE_PACKET -> new Refusal(488, "Not Acceptable Here");
            default -> new Refusal(500, "Server Internal Error");
        };
    }
}
