package org.ltintercom.sdk;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCallAccountType;
import org.ltintercom.sdk.call.LTCallPresenterState;
import org.ltintercom.sdk.call.LTCallState;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.call.LTMediaType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every code of API.md, checked against the enums, and every lookup both ways. */
class CodesTest {

    private static Map<String, Integer> table(Object... nameCodePairs) {
        Map<String, Integer> t = new LinkedHashMap<>();
        for (int i = 0; i < nameCodePairs.length; i += 2) {
            t.put((String) nameCodePairs[i], (Integer) nameCodePairs[i + 1]);
        }
        return t;
    }

    private static <E extends Enum<E> & LTCoded> void assertCodes(Class<E> type, IntFunction<E> fromCode, Map<String, Integer> expected) {
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            actual.put(constant.name(), constant.code());
            assertSame(constant, fromCode.apply(constant.code()), type.getSimpleName() + " lookup of " + constant.code());
        }
        assertEquals(expected, actual, type.getSimpleName());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> fromCode.apply(4242));
        assertTrue(unknown.getMessage().contains(type.getSimpleName()) && unknown.getMessage().contains("4242"), unknown.getMessage());
    }

    @Test
    void returnCodesAreTheLtServiceCodes() {
        assertCodes(LTReturnCode.class, LTReturnCode::fromCode, table("TIMEOUT", -3, "INIT_FAILED", -2, "FAILED", -1,
                "SUCCESS", 0, "WRONG_USER_OR_PASSWORD", 1, "WRONG_FUNCTION", 2, "DATABASE_ERROR", 3, "SERVER_ERROR", 4,
                "WRONG_ENDPOINT", 5, "DATA_FORMAT_ERROR", 6, "FUNCTION_UNAVAILABLE", 7, "WRONG_NUMBER_FORMAT", 8,
                "IN_BLACK_LIST", 133, "NOT_FOUND", 404, "UNKNOWN_ERROR", 1000, "NOT_SUPPORT_FORMAT", 1001,
                "NOT_SUPPORT_COMMAND", 1002, "DATABASE_ACCESS_ERROR", 1003, "REQUEST_TOO_MANY_TIMES", 1004,
                "NOT_CURRENT_USER", 6000));
    }

    @Test
    void callStatusCodesAreTheLtCallSdkCodes() {
        assertCodes(LTCallStatusCode.class, LTCallStatusCode::fromCode, table("OK", 0, "HANGUP", 1, "MISS", 2,
                "DECLINE", 4, "BUSY", 5, "ANSWERED_ELSEWHERE", 6, "DECLINED_ELSEWHERE", 7, "CALLEE_NOT_FOUND", 8,
                "BLOCK_CALL", 9, "NO_RECORD_PERMISSION", 101, "REGISTER_FORBIDDEN", 102, "NETWORK_DISCONNECT", 103,
                "REGISTER_UNREACHABLE", 104, "OPERATION_NOT_AVAILABLE", 105, "CALLEE_AT_CALLER_DEVICE", 111,
                "GROUP_CALL_MEMBER_AT_ADMIN_DEVICE", 112, "ERROR_OPTIONS", 201, "ERROR_REGISTER_FAILED", 202,
                "ERROR_CONNECTION", 203, "ERROR_NO_VOICE_PACKET", 204, "ERROR_EXT_INFO_LENGTH", 205,
                "ERROR_NO_SDK_PERMISSION", 210, "ERROR_NO_VALID_USER", 211, "GROUP_CALL_NO_CHANNEL", 216,
                "GROUP_CALL_INSUFFICIENT_BALANCE", 217, "GROUP_CALL_TOO_MANY_INVITEE", 218));
    }

    @Test
    void callStatusCodesFallIntoNormalWrongAndErrorByTheirHundreds() {
        for (LTCallStatusCode status : LTCallStatusCode.values()) {
            int kinds = (status.isNormal() ? 1 : 0) + (status.isWrong() ? 1 : 0) + (status.isError() ? 1 : 0);
            assertEquals(1, kinds, status + " is exactly one of Normal, Wrong, Error");
        }
        assertTrue(LTCallStatusCode.BLOCK_CALL.isNormal());
        assertTrue(LTCallStatusCode.OPERATION_NOT_AVAILABLE.isWrong());
        assertTrue(LTCallStatusCode.ERROR_EXT_INFO_LENGTH.isError());
        assertFalse(LTCallStatusCode.NO_RECORD_PERMISSION.isNormal());
    }

    @Test
    void callEnumsCarryTheirCodes() {
        assertCodes(LTCallState.class, LTCallState::fromCode,
                table("IDLE", -1, "INIT", 0, "REGISTERED", 1, "CONNECTED", 2, "TERMINATED", 3));
        assertCodes(LTCallType.class, LTCallType::fromCode, table("OUTGOING", 0, "INCOMING", 1, "GROUP", 2));
        assertCodes(LTAudioRoute.class, LTAudioRoute::fromCode,
                table("BUILTIN", 0, "SPEAKER", 1, "HEADPHONES", 2, "BLUETOOTH", 3));
        assertCodes(LTMediaType.class, LTMediaType::fromCode, table("AUDIO_ROUTE", 0, "CALL_MUTED", 1, "CALL_HELD", 2));
        assertCodes(LTCallAccountType.class, LTCallAccountType::fromCode,
                table("NULL", 0, "DEVICE_ID", 1, "USER_ID", 2, "SEMI_UID", 3, "PHONE_NUMBER", 4));
        assertCodes(LTCallPresenterState.class, LTCallPresenterState::fromCode,
                table("OUTGOING", 0, "INCOMING", 1, "UNHOLD", 2, "HOLD", 3, "END", 4));
    }

    @Test
    void aResponseKnowsItsCodeOrSaysItDoesNot() {
        assertEquals(LTReturnCode.NOT_CURRENT_USER, new LTResponse(6000, "x").knownReturnCode().orElseThrow());
        assertTrue(new LTResponse(LTReturnCode.SUCCESS, "OK").isSuccess());
        assertTrue(new LTResponse(777, "new code").knownReturnCode().isEmpty());
        assertEquals("", new LTResponse(1, null).returnMessage());
        assertTrue(Arrays.stream(LTReturnCode.values()).allMatch(c -> new LTResponse(c, "").returnCode() == c.code()));
    }
}
