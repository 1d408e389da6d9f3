package org.ltintercom.sdk.internal.service;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTUser;
import org.ltintercom.sdk.LTUserStatus;
import org.ltintercom.sdk.LTUserStatusResponse;
import org.ltintercom.sdk.LTUsersResponse;
import org.ltintercom.sdk.call.LTBlockListResponse;
import org.ltintercom.sdk.call.LTCallCDRNotificationMessage;
import org.ltintercom.sdk.call.LTCallUserInfo;
import org.ltintercom.sdk.call.LTUserCDRResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every response body of docs/protocol.md, as the call service sends it, mapped to the SDK's types. */
class ResponsesTest {
    static final String USER = """
            {"userID": "door-1", "uuid": "3d6f", "phoneNumber": "+886900000001", "semiUID": "door-1",
             "deviceID": "dev-door-1", "accountSrc": "lt-intercom", "canUseVoice": true}""";
    static final String CDR = """
            {"transID": "t-9", "msgID": "cdr-17", "receiver": "indoor-1", "senderID": "call-server",
             "sendTime": 1764160000123, "callID": "c-1", "caller": "door-1", "callee": "indoor-1",
             "callerInfo": {"userID": "door-1", "phoneNumber": "+886900000001", "semiUID": "door-1",
                            "deviceID": "dev-door-1", "nickName": "Front door", "extInfo": {"floor": 0}},
             "calleeInfo": {"userID": "indoor-1", "nickName": "Kitchen"},
             "callStartTime": 1764160000000, "callEndTime": 1764160060000, "billingSecond": 60,
             "isrCode": "", "forwarder": "", "endReason": 1, "addedLater": "ignored"}""";

    private static <T> T read(String json, Responses.SuccessMapper<T> mapper, Function<LTResponse, T> failed) {
        return Responses.read(200, json.getBytes(StandardCharsets.UTF_8), mapper, failed);
    }

    @Test
    void initSuccessCarriesTokenUserAndSipAccount() {
        InitResult init = read("""
                {"returnCode": 0, "returnMessage": "OK", "token": "tok-1", "user": %s,
                 "sip": {"username": "door-1", "password": "door-1-sip-secret", "domain": "127.0.0.1",
                         "proxy": "sip:127.0.0.1:5070", "transports": ["udp", "tcp"]}}""".formatted(USER),
                Responses::init, Responses::initFailed);
        assertTrue(init.response().isSuccess());
        assertEquals("tok-1", init.token());
        assertEquals(new LTUser("door-1", "3d6f", "+886900000001", "door-1", "dev-door-1", "lt-intercom", true), init.user());
        assertEquals(new SipAccount("door-1", "door-1-sip-secret", "127.0.0.1", "sip:127.0.0.1:5070", List.of("udp", "tcp")), init.sip());
        assertFalse(init.toString().contains("tok-1"), "token is not printed");
        assertFalse(init.sip().toString().contains("door-1-sip-secret"), "SIP password is not printed");
        assertFalse(init.user().toString().contains("3d6f"), "uuid is not printed");
    }

    @Test
    void aRefusalKeepsTheServiceCodeAndMessage() {
        InitResult init = read("{\"returnCode\": 1, \"returnMessage\": \"userID: unknown user or wrong uuid\"}",
                Responses::init, Responses::initFailed);
        assertEquals(1, init.response().returnCode());
        assertEquals("userID: unknown user or wrong uuid", init.response().returnMessage());
        assertNull(init.token());
    }

    @Test
    void usersListMapsEveryField() {
        LTUsersResponse users = read("{\"returnCode\": 0, \"returnMessage\": \"OK\", \"users\": [" + USER + "]}",
                Responses::users, Responses::usersFailed);
        assertEquals(0, users.returnCode());
        assertEquals(List.of(new LTUser("door-1", "3d6f", "+886900000001", "door-1", "dev-door-1", "lt-intercom", true)), users.users());
    }

    @Test
    void userStatusesMapEveryField() {
        LTUserStatusResponse statuses = read("""
                {"returnCode": 0, "returnMessage": "OK", "userStatuses": [
                  {"userID": "indoor-1", "phoneNumber": "+886900000002", "email": "a@b.c", "semiUID": "indoor-1",
                   "brandID": "lt-demo", "corpID": "lt-demo-corp", "canVOIP": true, "canIM": false}]}""",
                Responses::userStatuses, Responses::userStatusesFailed);
        assertEquals(List.of(new LTUserStatus("indoor-1", "+886900000002", "a@b.c", "indoor-1", "lt-demo", "lt-demo-corp", true, false)),
                statuses.userStatuses());
    }

    @Test
    void cdrPageMapsEveryFieldOfTheRecord() {
        LTUserCDRResponse page = read("{\"returnCode\": 0, \"returnMessage\": \"OK\", \"markTS\": 1764160000123, \"count\": 1, \"cdrMessages\": [" + CDR + "]}",
                Responses::cdrPage, Responses.cdrPageFailed(5));
        assertEquals(1764160000123L, page.markTS());
        assertEquals(1, page.count());
        LTCallCDRNotificationMessage cdr = page.cdrMessages().get(0);
        assertEquals(new LTCallCDRNotificationMessage("t-9", "cdr-17", "indoor-1", "call-server", 1764160000123L, "c-1",
                "door-1", "indoor-1",
                new LTCallUserInfo("door-1", "+886900000001", "door-1", "dev-door-1", "Front door", Map.of("floor", 0)),
                new LTCallUserInfo("indoor-1", null, null, null, "Kitchen", Map.of()),
                1764160000000L, 1764160060000L, 60, "", "", 1), cdr);
    }

    @Test
    void aFailedCdrQueryKeepsTheRequestedMarkSoPagingCanRetry() {
        LTUserCDRResponse page = read("{\"returnCode\": 6, \"returnMessage\": \"afterN: must be between -100 and 100 and not 0\"}",
                Responses::cdrPage, Responses.cdrPageFailed(1234));
        assertEquals(6, page.returnCode());
        assertEquals(1234, page.markTS());
        assertEquals(0, page.count());
    }

    @Test
    void blockListAndPlainResponsesMap() {
        LTBlockListResponse list = read("{\"returnCode\": 0, \"returnMessage\": \"OK\", \"userIDs\": [\"indoor-2\", \"u-300\"]}",
                Responses::blockList, Responses::blockListFailed);
        assertEquals(List.of("indoor-2", "u-300"), list.userIDs());
        LTResponse plain = read("{\"returnCode\": 404, \"returnMessage\": \"blockUserIDs[0]: no such user\"}",
                Responses::plain, Function.identity());
        assertEquals(404, plain.returnCode());
    }

    @Test
    void aBodyThatIsNotTheProtocolsIsFailedNamingWhatIsWrong() {
        assertFailed("<html>502 Bad Gateway</html>", "response: unreadable (HTTP 200)");
        assertFailed("[1, 2]", "(document): not a JSON object");
        assertFailed("{\"returnMessage\": \"OK\"}", "returnCode: required integer");
        assertFailed("{\"returnCode\": \"0\"}", "returnCode: must be an integer");
        assertFailed("{\"returnCode\": 0, \"users\": [{\"uuid\": \"x\"}]}", "response: users[0].userID: required non-blank string");
        assertFailed("{\"returnCode\": 0, \"users\": {}}", "users: must be a list");
        LTUserCDRResponse miscounted = read("{\"returnCode\": 0, \"markTS\": 1, \"count\": 2, \"cdrMessages\": [" + CDR + "]}",
                Responses::cdrPage, Responses.cdrPageFailed(0));
        assertEquals(-1, miscounted.returnCode());
        assertTrue(miscounted.returnMessage().contains("count: 2 but 1 cdrMessages"), miscounted.returnMessage());
    }

    private static void assertFailed(String body, String expectedFragment) {
        LTUsersResponse users = read(body, Responses::users, Responses::usersFailed);
        assertEquals(-1, users.returnCode(), body);
        assertTrue(users.returnMessage().contains(expectedFragment), users.returnMessage());
        assertEquals(List.of(), users.users());
    }
}
