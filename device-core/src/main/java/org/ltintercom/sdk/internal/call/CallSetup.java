package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.call.LTCallUserInfo;

/**
 * What the signalling needs to place or match one call.
 *
 * @param accountUserID the signed-in user (caller of an outgoing, callee of an incoming call)
 * @param extInfoJson   {@code options.extInfo()} as compact UTF-8 JSON, at most 256 bytes ({@code X-LT-Ext-Info})
 * @param peerInfo      the caller of an incoming call as the wakeup described it; null for outgoing calls
 */
public record CallSetup(String callID, LTCallType callType, String accountUserID, LTCallOptions options,
                        String extInfoJson, LTCallUserInfo peerInfo) {
}
