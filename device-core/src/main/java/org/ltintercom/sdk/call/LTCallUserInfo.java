package org.ltintercom.sdk.call;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Who is on one end of a call, as the wakeup and the CDRs describe the caller and the callee. */
public record LTCallUserInfo(String userID, String phoneNumber, String semiUID, String deviceID, String nickName,
                             Map<String, Object> extInfo) {
    public LTCallUserInfo {
        extInfo = extInfo == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extInfo));
    }
}
