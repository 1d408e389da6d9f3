package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallAccountType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

/**
 * The LT-specific INVITE headers: {@code X-LT-Call-ID} (the LT call id, which an incoming call
 * is matched to its wakeup by), {@code X-LT-Ext-Info} (the extInfo JSON, base64url without
 * padding), {@code X-LT-Account-Type} (the {@link LTCallAccountType} code of the callee key) and
 * {@code X-LT-ISR-Code} (the isrCode the service records the call under, when there is one).
 */
final class LtHeaders {

    static final String CALL_ID = "X-LT-Call-ID";
    static final String EXT_INFO = "X-LT-Ext-Info";
    static final String ACCOUNT_TYPE = "X-LT-Account-Type";
    static final String ISR_CODE = "X-LT-ISR-Code";
    private static final Logger LOG = LoggerFactory.getLogger(LtHeaders.class);

    /** Values read from an incoming INVITE; missing or malformed ones are null / NULL. */
    record Values(String ltCallId, String extInfoJson, LTCallAccountType accountType, String isrCode) {
    }

    private LtHeaders() {
    }

    static void add(Request invite, Values call, HeaderFactory headers) throws ParseException {
        invite.addHeader(headers.createHeader(CALL_ID, call.ltCallId()));
        if (call.extInfoJson() != null) {
            String encoded = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(call.extInfoJson().getBytes(StandardCharsets.UTF_8));
            invite.addHeader(headers.createHeader(EXT_INFO, encoded));
        }
        invite.addHeader(headers.createHeader(ACCOUNT_TYPE, Integer.toString(call.accountType().code())));
        if (call.isrCode() != null) {
            invite.addHeader(headers.createHeader(ISR_CODE, call.isrCode()));
        }
    }

    static Values read(Request invite) {
        String callId = value(invite, CALL_ID);
        if (callId != null && (callId.length() > 128 || callId.isBlank())) {
            LOG.warn("SIP: ignoring {} of {} characters", CALL_ID, callId.length());
            callId = null;
        }
        String ext = null;
        String encoded = value(invite, EXT_INFO);
        if (encoded != null) {
            try {
                byte[] json = Base64.getUrlDecoder().decode(encoded);
                if (json.length <= OutgoingCall.MAX_EXT_INFO_BYTES) {
                    ext = new String(json, StandardCharsets.UTF_8);
                } else {
                    LOG.warn("SIP: ignoring {}: {} bytes, more than {}", EXT_INFO, json.length,
                            OutgoingCall.MAX_EXT_INFO_BYTES);
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("SIP: ignoring {}: not base64url ({})", EXT_INFO, e.getMessage());
            }
        }
        LTCallAccountType type = LTCallAccountType.NULL;
        String code = value(invite, ACCOUNT_TYPE);
        if (code != null) {
            try {
                type = LTCallAccountType.fromCode(Integer.parseInt(code));
            } catch (IllegalArgumentException e) {
                LOG.warn("SIP: ignoring {}: '{}' is not an account type code", ACCOUNT_TYPE, code);
            }
        }
        String isr = value(invite, ISR_CODE);
        if (isr != null && (isr.isBlank() || isr.length() > 128)) {
            LOG.warn("SIP: ignoring {} of {} characters", ISR_CODE, isr.length());
            isr = null;
        }
        return new Values(callId, ext, type, isr);
    }

    private static String value(Request r, String name) {
        Header h = r.getHeader(name);
        if (h == null) {
            return null;
        }
        String text = h.toString();
        int colon = text.indexOf(':');
        return colon < 0 ? null : text.substring(colon + 1).trim();
    }
}
