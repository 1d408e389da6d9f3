package org.ltintercom.sdk.call;

import org.ltintercom.sdk.LTCoded;

import java.util.Map;

/** Life-cycle state of an {@link LTCall}. */
public enum LTCallState implements LTCoded {
    /** Created, not started yet. */
    IDLE(-1),
    /** Started, not yet registered with the call server. */
    INIT(0),
    /** Registered with the call server; on the callee side it rings. */
    REGISTERED(1),
    /** Both sides talk. */
    CONNECTED(2),
    /** Ended; onCallStateTerminated has been called. */
    TERMINATED(3);

    private static final Map<Integer, LTCallState> BY_CODE = LTCoded.index(LTCallState.class);

    private final int code;

    LTCallState(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The constant with this code; {@link IllegalArgumentException} naming the code if none. */
    public static LTCallState fromCode(int code) {
        return LTCoded.lookup(BY_CODE, LTCallState.class, code);
    }
}
