package org.ltintercom.sdk.call;

import org.ltintercom.sdk.LTCoded;

import java.util.Map;

/** What the call presenter (the headless counterpart of CallKit) shows for a call. */
public enum LTCallPresenterState implements LTCoded {
    OUTGOING(0),
    INCOMING(1),
    UNHOLD(2),
    HOLD(3),
    END(4);

    private static final Map<Integer, LTCallPresenterState> BY_CODE = LTCoded.index(LTCallPresenterState.class);

    private final int code;

    LTCallPresenterState(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The constant with this code; {@link IllegalArgumentException} naming the code if none. */
    public static LTCallPresenterState fromCode(int code) {
        return LTCoded.lookup(BY_CODE, LTCallPresenterState.class, code);
    }
}
