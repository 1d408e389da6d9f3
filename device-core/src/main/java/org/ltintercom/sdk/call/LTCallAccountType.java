package org.ltintercom.sdk.call;

import org.ltintercom.sdk.LTCoded;

import java.util.Map;

/** Which key addresses the callee of a call. */
public enum LTCallAccountType implements LTCoded {
    NULL(0),
    DEVICE_ID(1),
    USER_ID(2),
    SEMI_UID(3),
    PHONE_NUMBER(4);

    private static final Map<Integer, LTCallAccountType> BY_CODE = LTCoded.index(LTCallAccountType.class);

    private final int code;

    LTCallAccountType(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The constant with this code; {@link IllegalArgumentException} naming the code if none. */
    public static LTCallAccountType fromCode(int code) {
        return LTCoded.lookup(BY_CODE, LTCallAccountType.class, code);
    }
}
