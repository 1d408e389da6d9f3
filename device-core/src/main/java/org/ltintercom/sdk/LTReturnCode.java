package org.ltintercom.sdk;

import java.util.Map;

/** Return codes of LT SDK responses ({@code LTResponse.returnCode}), as the LT service documents them. */
public enum LTReturnCode implements LTCoded {
    /** The service did not answer in time. */
    TIMEOUT(-3),
    /** The SDK could not be initialised. */
    INIT_FAILED(-2),
    /** The request failed on the device (for example the service refused the connection). */
    FAILED(-1),
    SUCCESS(0),
    /** Wrong user account or password (uuid). */
    WRONG_USER_OR_PASSWORD(1),
    WRONG_FUNCTION(2),
    DATABASE_ERROR(3),
    SERVER_ERROR(4),
    WRONG_ENDPOINT(5),
    /** A field of the request is malformed; the message names it. */
    DATA_FORMAT_ERROR(6),
    FUNCTION_UNAVAILABLE(7),
    WRONG_NUMBER_FORMAT(8),
    IN_BLACK_LIST(133),
    NOT_FOUND(404),
    UNKNOWN_ERROR(1000),
    NOT_SUPPORT_FORMAT(1001),
    NOT_SUPPORT_COMMAND(1002),
    DATABASE_ACCESS_ERROR(1003),
    REQUEST_TOO_MANY_TIMES(1004),
    /** Another user's data is on this device: call LTSDK.clean() and init again. */
    NOT_CURRENT_USER(6000);

    private static final Map<Integer, LTReturnCode> BY_CODE = LTCoded.index(LTReturnCode.class);

    private final int code;

    LTReturnCode(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The constant with this code; {@link IllegalArgumentException} naming the code if none. */
    public static LTReturnCode fromCode(int code) {
        return LTCoded.lookup(BY_CODE, LTReturnCode.class, code);
    }
}
