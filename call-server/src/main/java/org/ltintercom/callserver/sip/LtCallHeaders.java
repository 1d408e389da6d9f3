package org.ltintercom.callserver.sip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.header.CallIdHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The LT data of a caller's INVITE (docs/protocol.md, SIP): {@code X-LT-Call-ID} (or a new one
 * when absent, which call-server then adds for the callee), {@code X-LT-Ext-Info} (base64url JSON
 * object, at most 256 bytes), {@code X-LT-Account-Type} (1 deviceID, 2 userID, 3 semiUID,
 * 4 phone number; 0 = not given) and {@code X-LT-ISR-Code} (the code the CDR records the call
 * under; "" = none). Malformed values are ignored with a log line, as the SDK does.
 */
record LtCallHeaders(String callID, boolean callIDGiven, ObjectNode extInfo, int accountType, String isrCode) {
    static final String CALL_ID = "X-LT-Call-ID";
    static final String EXT_INFO = "X-LT-Ext-Info";
    static final String ACCOUNT_TYPE = "X-LT-Account-Type";
    static final String ISR_CODE = "X-LT-ISR-Code";
    private static final int MAX_ISR_CODE = 128;
    private static final Logger LOG = LoggerFactory.getLogger(LtCallHeaders.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static LtCallHeaders of(Request invite) {
        String callID = value(invite, CALL_ID);
        boolean given = callID != null && callID.length() <= 256 && !callID.isBlank();
        if (!given) {
            String sipCallID = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
            callID = UUID.nameUUIDFromBytes(sipCallID.getBytes(StandardCharsets.UTF_8)).toString();
        }
        return new LtCallHeaders(callID, given, extInfo(value(invite, EXT_INFO)), accountType(value(invite, ACCOUNT_TYPE)),
                isrCode(value(invite, ISR_CODE)));
    }

    private static String isrCode(String v) {
        if (v == null) {
            return "";
        }
        if (v.length() > MAX_ISR_CODE) {
            LOG.info("SIP: {} over {} characters ignored", ISR_CODE, MAX_ISR_CODE);
            return "";
        }
        return v;
    }

    private static String value(Request r, String name) {
        Header h = r.getHeader(name);
        return h instanceof ExtensionHeader e ? e.getValue().trim() : null;
    }

    private static ObjectNode extInfo(String b64) {
        if (b64 == null || b64.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(b64);
            if (json.length > 256) {
                LOG.info("SIP: {} over 256 bytes ignored", EXT_INFO);
                return JSON.createObjectNode();
            }
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode o) {
                return o;
            }
            LOG.info("SIP: {} is not a JSON object, ignored", EXT_INFO);
        } catch (Exception e) {
            LOG.info("SIP: {} is not base64url JSON, ignored", EXT_INFO);
        }
        return JSON.createObjectNode();
    }

    private static int accountType(String v) {
        if (v == null) {
            return 0;
        }
        try {
            int t = Integer.parseInt(v);
            if (t >= 1 && t <= 4) {
                return t;
            }
        } catch (NumberFormatException ignored) {
            // logged below
        }
        LOG.info("SIP: {} '{}' unknown, ignored", ACCOUNT_TYPE, v.length() > 20 ? v.substring(0, 20) : v);
        return 0;
    }
}
