package org.ltintercom.sdk.internal.push;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTCallAccountType;
import org.ltintercom.sdk.call.LTCallCDRNotificationMessage;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.call.LTCallUserInfo;
import org.ltintercom.sdk.internal.json.ObjectNode;
import org.ltintercom.sdk.internal.service.WireFormat;
import org.ltintercom.sdk.internal.service.WireFormatException;

import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wakeup payload of docs/protocol.md, good and bad. */
class WakeupParserTest {
    static final String INCOMING = """
            {"type": "incoming_call", "transID": "w-1", "receiver": "indoor-1",
             "sendTime": 1764160000000, "expiresAt": 1764160030000,
             "callOptions": {"callID": "c-1", "callType": 1, "accountType": 2, "userID": "indoor-1",
                             "isrCode": "", "domain": "127.0.0.1", "extInfo": {"door": "front"}},
             "callerInfo": {"userID": "door-1", "phoneNumber": "+886900000001", "semiUID": "door-1",
                            "deviceID": "dev-door-1", "nickName": "Front door", "extInfo": {}},
             "calleeInfo": {"userID": "indoor-1", "nickName": "Kitchen"},
             "someFutureField": {"ignored": true}}""";
    static final String CDR = """
            {"type": "cdr", "transID": "t-9", "receiver": "indoor-1", "sendTime": 1764160060123,
             "expiresAt": 1764163660123, "msgID": "cdr-17", "senderID": "call-server", "callID": "c-1",
             "caller": "door-1", "callee": "indoor-1", "callerInfo": {"userID": "door-1"}, "calleeInfo": {"userID": "indoor-1"},
             "callStartTime": 1764160000000, "callEndTime": 1764160060000, "billingSecond": 60,
             "isrCode": "", "forwarder": "", "endReason": 1}""";

    static String edit(String json, Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) org.ltintercom.sdk.internal.json.Json.parse(json);
            change.accept(node);
            return node.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRejected(String json, String expectedMessage) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> WakeupParser.parse(json, "indoor-1"));
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void anIncomingCallWakeupBecomesANotificationMessage() throws Exception {
        Wakeup wakeup = WakeupParser.parse(INCOMING, "indoor-1");
        LTCallNotificationMessage message = assertInstanceOf(Wakeup.IncomingCall.class, wakeup).message();
        assertTrue(message.isIncomingCallMessage());
        assertEquals("w-1", message.transID());
        assertEquals("indoor-1", message.receiver());
        assertEquals(1764160000000L, message.sendTime());
        assertEquals(1764160030000L, message.expiresAt());
        assertEquals("c-1", message.callOptions().callID());
        assertEquals(LTCallType.INCOMING, message.callOptions().callType());
        assertEquals(LTCallAccountType.USER_ID, message.callOptions().accountType());
        assertEquals("indoor-1", message.callOptions().calleeKey());
        assertEquals("127.0.0.1", message.callOptions().domain());
        assertEquals(Map.of("door", "front"), message.callOptions().extInfo());
        assertEquals(new LTCallUserInfo("door-1", "+886900000001", "door-1", "dev-door-1", "Front door", Map.of()), message.callerInfo());
        assertEquals("Kitchen", message.calleeInfo().nickName());
    }

    @Test
    void aCdrWakeupBecomesACallRecord() throws Exception {
        Wakeup wakeup = WakeupParser.parse(CDR, "indoor-1");
        Wakeup.CallRecord record = assertInstanceOf(Wakeup.CallRecord.class, wakeup);
        LTCallCDRNotificationMessage cdr = record.cdr();
        assertEquals("t-9", cdr.transID());
        assertEquals("cdr-17", cdr.msgID());
        assertEquals(60, cdr.billingSecond());
        assertEquals(1, cdr.endReason());
        assertEquals(1764163660123L, record.expiresAt());
    }

    @Test
    void malformedInputIsRejectedNamingTheField() {
        assertRejected(null, "payload: missing");
        assertRejected("not json", "payload: not JSON (Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))");
        assertRejected("[]", "(document): not a JSON object");
        assertRejected("{\"transID\": \"x\"}", "type: required non-blank string");
        assertRejected(edit(INCOMING, n -> n.put("type", "chat")), "type: must be incoming_call or cdr");
        assertRejected(edit(INCOMING, n -> n.remove("transID")), "transID: required non-blank string");
        assertRejected(edit(INCOMING, n -> n.put("transID", 5)), "transID: must be a string, not number");
        assertRejected(edit(INCOMING, n -> n.put("receiver", "indoor-2")), "receiver: not the signed-in user");
        assertRejected(edit(INCOMING, n -> n.put("sendTime", "yesterday")), "sendTime: must be an integer");
        assertRejected(edit(INCOMING, n -> n.remove("expiresAt")), "expiresAt: required integer");
        assertRejected(edit(INCOMING, n -> n.put("expiresAt", 1)), "expiresAt: before sendTime");
        assertRejected(edit(INCOMING, n -> n.remove("callOptions")), "callOptions: required object");
        assertRejected(edit(INCOMING, n -> n.put("callOptions", "c-1")), "callOptions: must be an object");
        assertRejected(edit(INCOMING, n -> ((ObjectNode) n.get("callOptions")).remove("callID")), "callOptions.callID: required non-blank string");
        assertRejected(edit(INCOMING, n -> ((ObjectNode) n.get("callOptions")).put("callType", 2)), "callOptions.callType: must be 1 (INCOMING)");
        assertRejected(edit(INCOMING, n -> ((ObjectNode) n.get("callOptions")).put("accountType", 0)), "callOptions.accountType: must be 1-4 (DEVICE_ID, USER_ID, SEMI_UID, PHONE_NUMBER)");
        assertRejected(edit(INCOMING, n -> ((ObjectNode) n.get("callOptions")).put("accountType", 9)), "callOptions.accountType: must be 1-4 (DEVICE_ID, USER_ID, SEMI_UID, PHONE_NUMBER)");
        assertRejected(edit(INCOMING, n -> ((ObjectNode) n.get("callOptions")).put("accountType", 3)), "callOptions.semiUID: required by accountType 3");
        assertRejected(edit(INCOMING, n -> ((ObjectNode) n.get("callOptions")).put("extInfo", "x")), "callOptions.extInfo: must be an object");
        assertRejected(edit(INCOMING, n -> ((ObjectNode) n.get("callOptions")).putObject("extInfo").put("k", "v".repeat(250))), "callOptions.extInfo: longer than 256 bytes as JSON");
        assertRejected(edit(INCOMING, n -> n.remove("callerInfo")), "callerInfo: required object");
        assertRejected(edit(INCOMING, n -> ((ObjectNode) n.get("callerInfo")).put("nickName", 7)), "callerInfo.nickName: must be a string, not number");
        assertRejected(edit(CDR, n -> n.remove("msgID")), "msgID: required non-blank string");
        assertRejected(edit(CDR, n -> n.put("billingSecond", "60")), "billingSecond: must be an integer");
    }

    @Test
    void aPayloadOver16KiBIsRejectedUnparsed() {
        String big = edit(INCOMING, n -> n.put("padding", "x".repeat(16 * 1024)));
        assertRejected(big, "payload: larger than 16384 bytes");
        // multi-byte characters count as the bytes they take
        String wide = edit(INCOMING, n -> n.put("padding", "\u00e9".repeat(8 * 1024)));
        assertTrue(wide.length() < 16 * 1024);
        assertRejected(wide, "payload: larger than 16384 bytes");
    }
}
