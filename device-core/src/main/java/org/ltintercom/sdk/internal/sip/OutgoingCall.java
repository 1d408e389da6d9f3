package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallAccountType;

import java.nio.charset.StandardCharsets;

/**
 * An outgoing call as the SIP layer needs it: the callee key (userID, phone number, semiUID
 * or deviceID, used as the user part at the configured domain), which kind of key it is,
 * the LT call id, the extInfo JSON (may be null; at most 256 bytes UTF-8), our RTP socket and
 * the isrCode the service records the call under (null or blank: none; else a SIP token).
 */
public record OutgoingCall(String callee, LTCallAccountType accountType, String ltCallId, String extInfoJson,
                           LocalMedia media, String isrCode) {

    /** A call recorded under no isrCode. */
    public OutgoingCall(String callee, LTCallAccountType accountType, String ltCallId, String extInfoJson,
                        LocalMedia media) {
        this(callee, accountType, ltCallId, extInfoJson, media, null);
    }

    public static final int MAX_EXT_INFO_BYTES = 256;

    public OutgoingCall {
        SipConfig.requireToken("callee", callee);
        if (accountType == null) {
            throw new IllegalArgumentException("accountType: must not be null");
        }
        SipConfig.requireToken("ltCallId", ltCallId);
        if (extInfoJson != null && extInfoJson.getBytes(StandardCharsets.UTF_8).length > MAX_EXT_INFO_BYTES) {
            throw new IllegalArgumentException("extInfoJson: longer than " + MAX_EXT_INFO_BYTES + " bytes as UTF-8");
        }
        if (media == null) {
            throw new IllegalArgumentException("media: must not be null");
        }
        // goes into an X-LT header: a token only, so that it cannot break the INVITE
        isrCode = isrCode == null || isrCode.isBlank() ? null : SipConfig.requireToken("isrCode", isrCode);
    }
}
