package org.ltintercom.sdk.call;

import org.ltintercom.sdk.LTCoded;

import java.util.Map;

/** Why a call ended or what went wrong in it: Normal (0-9), Wrong (1xx) and Error (2xx) codes of the LT Call SDK. */
public enum LTCallStatusCode implements LTCoded {
    OK(0),
    /** The call was hung up. */
    HANGUP(1),
    /** The callee did not answer (missed call). */
    MISS(2),
    /** The callee declined. */
    DECLINE(4),
    /** The callee was busy. */
    BUSY(5),
    /** Another device of the same user answered. */
    ANSWERED_ELSEWHERE(6),
    /** Another device of the same user declined. */
    DECLINED_ELSEWHERE(7),
    CALLEE_NOT_FOUND(8),
    /** The callee has blocked the caller. */
    BLOCK_CALL(9),
    /** The capture device (microphone) is missing or busy. */
    NO_RECORD_PERMISSION(101),
    REGISTER_FORBIDDEN(102),
    NETWORK_DISCONNECT(103),
    REGISTER_UNREACHABLE(104),
    /** The operation makes no sense in the call's current state and was ignored. */
    OPERATION_NOT_AVAILABLE(105),
    CALLEE_AT_CALLER_DEVICE(111),
    GROUP_CALL_MEMBER_AT_ADMIN_DEVICE(112),
    /** The call options are incomplete (no callee). */
    ERROR_OPTIONS(201),
    ERROR_REGISTER_FAILED(202),
    ERROR_CONNECTION(203),
    /** No RTP arrived for too long. */
    ERROR_NO_VOICE_PACKET(204),
    /** extInfo is longer than 256 bytes as UTF-8 JSON. */
    ERROR_EXT_INFO_LENGTH(205),
    ERROR_NO_SDK_PERMISSION(210),
    ERROR_NO_VALID_USER(211),
    GROUP_CALL_NO_CHANNEL(216),
    GROUP_CALL_INSUFFICIENT_BALANCE(217),
    GROUP_CALL_TOO_MANY_INVITEE(218);

    private static final Map<Integer, LTCallStatusCode> BY_CODE = LTCoded.index(LTCallStatusCode.class);

    private final int code;

    LTCallStatusCode(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** A Normal code (0-9): the call ended the way calls end. */
    public boolean isNormal() {
        return code < 100;
    }

    /** A Wrong code (1xx): the device or the network is not in a state to call. */
    public boolean isWrong() {
        return code >= 100 && code < 200;
    }

    /** An Error code (2xx): the call could not be made as asked. */
    public boolean isError() {
        return code >= 200;
    }

    /** The constant with this code; {@link IllegalArgumentException} naming the code if none. */
    public static LTCallStatusCode fromCode(int code) {
        return LTCoded.lookup(BY_CODE, LTCallStatusCode.class, code);
    }
}
