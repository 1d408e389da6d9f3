package org.ltintercom.sdk.call;

import org.ltintercom.sdk.LTCoded;

import java.util.Map;

/** Direction of an {@link LTCall}. */
public enum LTCallType implements LTCoded {
    OUTGOING(0),
    INCOMING(1),
    /** Group calls (not supported yet). */
    GROUP(2);

    private static final Map<Integer, LTCallType> BY_CODE = LTCoded.index(LTCallType.class);

    private final int code;

    LTCallType(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The constant with this code; {@link IllegalArgumentException} naming the code if none. */
    public static LTCallType fromCode(int code) {
        return LTCoded.lookup(BY_CODE, LTCallType.class, code);
    }
}
