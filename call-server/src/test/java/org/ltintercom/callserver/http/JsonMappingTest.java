package org.ltintercom.callserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.ltintercom.callserver.cdr.CallUserInfo;
import org.ltintercom.callserver.cdr.Cdr;
import org.ltintercom.callserver.json.Json;
import org.ltintercom.callserver.users.UserAccount;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The wire names of protocol.md, exactly (case matters: userID, canVOIP, sendTime ...). */
class JsonMappingTest {
    private static final UserAccount USER = new UserAccount("u-100", "uuid-1", "door-1", "+886912345678", "a@b.c",
            "dev-100", "brand-1", "corp-1", true, false, "sip-secret", "Front door");

    private static String fieldNames(Object value) {
        JsonNode node = Json.parse(Json.write(value));
        StringBuilder names = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> names.append(names.length() == 0 ? "" : ",").append(n));
        return names.toString();
    }

    @Test
    void userHasTheLtUserFields() {
        assertEquals("userID,uuid,phoneNumber,semiUID,deviceID,accountSrc,canUseVoice",
                fieldNames(UserJson.user(USER)));
        assertEquals("{\"userID\":\"u-100\",\"uuid\":\"uuid-1\",\"phoneNumber\":\"+886912345678\",\"semiUID\":\"door-1\","
                + "\"deviceID\":\"dev-100\",\"accountSrc\":\"lt-intercom\",\"canUseVoice\":true}",
                new String(Json.write(UserJson.user(USER)), StandardCharsets.UTF_8));
    }

    @Test
    void userStatusHasTheLtUserStatusFieldsAndEmptyStringsForAbsentOnes() {
        assertEquals("userID,phoneNumber,email,semiUID,brandID,corpID,canVOIP,canIM", fieldNames(UserJson.status(USER)));
        UserAccount bare = new UserAccount("u-1", "x", null, null, null, "d", "b", "c", false, true, "pw-pw-pw", "n");
        JsonNode status = Json.parse(Json.write(UserJson.status(bare)));
        assertEquals("", status.get("phoneNumber").asText());
        assertEquals("", status.get("email").asText());
        assertEquals(true, status.get("canIM").asBoolean());
    }

    @Test
    void cdrHasTheNotificationMessageFields() {
        Cdr cdr = new Cdr("t-1", "cdr-17", "u-100", "call-server", 1764160000123L, "c-1", "u-100", "u-200",
                CallUserInfo.of("u-100"), CallUserInfo.of("u-200"), 1764160000000L, 1764160060000L, 60, "", "", 1);
        assertEquals("transID,msgID,receiver,senderID,sendTime,callID,caller,callee,callerInfo,calleeInfo,"
                + "callStartTime,callEndTime,billingSecond,isrCode,forwarder,endReason", fieldNames(cdr));
        assertEquals("userID,phoneNumber,semiUID,deviceID,nickName,extInfo", fieldNames(cdr.callerInfo()));
        CallUserInfo back = Json.mapper().convertValue(Json.parse(Json.write(cdr.calleeInfo())), CallUserInfo.class);
        assertEquals(cdr.calleeInfo(), back);
    }

    @Test
    void responsesStartWithReturnCodeAndMessage() {
        ApiResponse ok = ApiResponse.ok().with("userIDs", List.of("u-1"));
        assertEquals("{\"returnCode\":0,\"returnMessage\":\"OK\",\"userIDs\":[\"u-1\"]}",
                new String(Json.write(ok.fields()), StandardCharsets.UTF_8));
        ApiResponse error = ApiResponse.error(new ApiException(ReturnCode.WRONG_NUMBER_FORMAT, "phoneNumbers[3]: x"));
        assertEquals(400, error.httpStatus());
        assertEquals("{\"returnCode\":8,\"returnMessage\":\"phoneNumbers[3]: x\"}",
                new String(Json.write(error.fields()), StandardCharsets.UTF_8));
        assertEquals(403, ApiException.notSignedInUser().httpStatus());
        assertEquals(1, ApiException.notSignedInUser().returnCode().code());
    }

    @Test
    void sipAccountHasItsFields() {
        var sip = new AccountEndpoints.SipAccount("u-1", "pw", "127.0.0.1", "sip:127.0.0.1:5070", List.of("udp", "tcp"));
        assertEquals("username,password,domain,proxy,transports", fieldNames(sip));
    }
}
