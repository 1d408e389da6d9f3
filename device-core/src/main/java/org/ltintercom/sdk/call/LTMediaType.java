package org.ltintercom.sdk.call;

import org.ltintercom.sdk.LTCoded;

import java.util.Map;

/** Which media property of a call changed, as reported to {@code onCallMediaStateChanged}. */
public enum LTMediaType implements LTCoded {
    AUDIO_ROUTE(0),
    CALL_MUTED(1),
    CALL_HELD(2);

    private static final Map<Integer, LTMediaType> BY_CODE = LTCoded.index(LTMediaType.class);

    private final int code;

    LTMediaType(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The constant with this code; {@link IllegalArgumentException} naming the code if none. */
    public static LTMediaType fromCode(int code) {
        return LTCoded.lookup(BY_CODE, LTMediaType.class, code);
    }
}
