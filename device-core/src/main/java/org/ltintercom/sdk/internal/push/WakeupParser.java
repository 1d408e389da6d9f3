package org.ltintercom.sdk.internal.push;

import org.ltintercom.sdk.call.LTCallAccountType;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.internal.call.ExtInfo;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonException;
import org.ltintercom.sdk.internal.service.JsonFields;
import org.ltintercom.sdk.internal.service.WireFormat;
import org.ltintercom.sdk.internal.service.WireFormatException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Checks and maps one wakeup payload (docs/protocol.md, "Wakeup payload"); every rejection names
 * the field and the reason. Unknown fields are ignored so that a service may add fields without
 * breaking devices that are years old; an unknown {@code type} is rejected.
 */
public final class WakeupParser {
    /** Largest payload accepted, in UTF-8 bytes. */
    public static final int MAX_BYTES = 16 * 1024;

    private WakeupParser() {
    }

    public static Wakeup parse(String json, String signedInUserID) throws WireFormatException {
        if (json == null) {
            throw new WireFormatException("payload", "missing");
        }
        if (json.length() > MAX_BYTES || json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new WireFormatException("payload", "larger than " + MAX_BYTES + " bytes");
        }
        JsonFields f;
        try {
            f = JsonFields.root(Json.parse(json));
        } catch (JsonException e) {
            throw new WireFormatException("payload", "not JSON (" + e.reason() + ")");
        }
        String type = f.text("type");
        String transID = f.text("transID");
        String receiver = f.text("receiver");
        if (!receiver.equals(signedInUserID)) {
            throw new WireFormatException("receiver", "not the signed-in user");
        }
        long sendTime = f.longValue("sendTime");
        long expiresAt = f.longValue("expiresAt");
        if (expiresAt < sendTime) {
            throw new WireFormatException("expiresAt", "before sendTime");
        }
        return switch (type) {
            case "incoming_call" -> new Wakeup.IncomingCall(new LTCallNotificationMessage(transID, receiver,
                    callOptions(f.object("callOptions")), WireFormat.userInfo(f.object("callerInfo")),
                    WireFormat.userInfo(f.optionalObject("calleeInfo")), sendTime, expiresAt));
            case "cdr" -> new Wakeup.CallRecord(WireFormat.cdr(f), expiresAt);
            default -> throw new WireFormatException("type", "must be incoming_call or cdr");
        };
    }

    private static LTCallOptions callOptions(JsonFields f) throws WireFormatException {
        String callID = f.text("callID");
        int callType = f.intValue("callType");
        if (callType != LTCallType.INCOMING.code()) {
            throw new WireFormatException("callOptions.callType", "must be " + LTCallType.INCOMING.code() + " (INCOMING)");
        }
        LTCallAccountType accountType;
        try {
            accountType = LTCallAccountType.fromCode(f.intValue("accountType"));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("callOptions.accountType", "must be 1-4 (DEVICE_ID, USER_ID, SEMI_UID, PHONE_NUMBER)");
        }
        if (accountType == LTCallAccountType.NULL) {
            throw new WireFormatException("callOptions.accountType", "must be 1-4 (DEVICE_ID, USER_ID, SEMI_UID, PHONE_NUMBER)");
        }
        Map<String, Object> extInfo = f.optionalMap("extInfo");
        if (ExtInfo.utf8Length(ExtInfo.json(extInfo)) > LTCallOptions.MAX_EXT_INFO_BYTES) {
            throw new WireFormatException("callOptions.extInfo", "longer than " + LTCallOptions.MAX_EXT_INFO_BYTES + " bytes as JSON");
        }
        LTCallOptions options = new LTCallOptions(callID, LTCallType.INCOMING, accountType, f.optionalText("userID"),
                f.optionalText("phoneNumber"), f.optionalText("semiUID"), f.optionalText("deviceID"),
                f.optionalText("isrCode"), f.optionalText("domain"), extInfo);
        if (options.calleeKey() == null) {
            String key = switch (accountType) {
                case USER_ID -> "userID";
                case PHONE_NUMBER -> "phoneNumber";
                case SEMI_UID -> "semiUID";
                default -> "deviceID";
            };
            throw new WireFormatException("callOptions." + key, "required by accountType " + accountType.code());
        }
        return options;
    }
}
