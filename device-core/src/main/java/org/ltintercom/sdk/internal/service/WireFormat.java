package org.ltintercom.sdk.internal.service;

import org.ltintercom.sdk.LTUser;
import org.ltintercom.sdk.LTUserStatus;
import org.ltintercom.sdk.call.LTCallCDRNotificationMessage;
import org.ltintercom.sdk.call.LTCallUserInfo;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.ObjectNode;

/**
 * The JSON objects of docs/protocol.md ({@code User}, {@code UserStatus}, {@code CDR}, the user
 * info inside a CDR or wakeup, the SIP account of {@code init}) mapped to SDK types, in one place
 * for the REST client, the wakeup parser and the local store.
 */
public final class WireFormat {
    private WireFormat() {
    }

    public static LTUser user(JsonFields f) throws WireFormatException {
        return new LTUser(f.text("userID"), f.optionalText("uuid"), f.optionalText("phoneNumber"),
                f.optionalText("semiUID"), f.optionalText("deviceID"), f.optionalText("accountSrc"),
                f.optionalBoolean("canUseVoice", false));
    }

    public static ObjectNode user(LTUser u) {
        ObjectNode n = Json.object();
        n.put("userID", u.userID()).put("uuid", u.uuid()).put("phoneNumber", u.phoneNumber())
                .put("semiUID", u.semiUID()).put("deviceID", u.deviceID()).put("accountSrc", u.accountSrc())
                .put("canUseVoice", u.canUseVoice());
        return n;
    }

    public static LTUserStatus userStatus(JsonFields f) throws WireFormatException {
        return new LTUserStatus(f.text("userID"), f.optionalText("phoneNumber"), f.optionalText("email"),
                f.optionalText("semiUID"), f.optionalText("brandID"), f.optionalText("corpID"),
                f.optionalBoolean("canVOIP", false), f.optionalBoolean("canIM", false));
    }

    /** The caller or callee of a CDR or wakeup; null when absent. */
    public static LTCallUserInfo userInfo(JsonFields f) throws WireFormatException {
        if (f == null) {
            return null;
        }
        return new LTCallUserInfo(f.optionalText("userID"), f.optionalText("phoneNumber"), f.optionalText("semiUID"),
                f.optionalText("deviceID"), f.optionalText("nickName"), f.optionalMap("extInfo"));
    }

    public static LTCallCDRNotificationMessage cdr(JsonFields f) throws WireFormatException {
        return new LTCallCDRNotificationMessage(f.optionalText("transID"), f.text("msgID"), f.optionalText("receiver"),
                f.optionalText("senderID"), f.longValue("sendTime"), f.text("callID"), f.optionalText("caller"),
                f.optionalText("callee"), userInfo(f.optionalObject("callerInfo")), userInfo(f.optionalObject("calleeInfo")),
                f.optionalLong("callStartTime", 0), f.optionalLong("callEndTime", 0), f.optionalLong("billingSecond", 0),
                f.optionalText("isrCode"), f.optionalText("forwarder"), f.optionalInt("endReason", 0));
    }

    public static SipAccount sip(JsonFields f) throws WireFormatException {
        return new SipAccount(f.text("username"), f.text("password"), f.text("domain"), f.text("proxy"),
                f.textList("transports"));
    }

    public static ObjectNode sip(SipAccount s) {
        ObjectNode n = Json.object();
        n.put("username", s.username()).put("password", s.password()).put("domain", s.domain()).put("proxy", s.proxy());
        s.transports().forEach(n.putArray("transports")::add);
        return n;
    }
}
