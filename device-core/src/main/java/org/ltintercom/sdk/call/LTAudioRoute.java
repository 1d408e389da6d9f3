package org.ltintercom.sdk.call;

import org.ltintercom.sdk.LTCoded;

import java.util.Map;

/** Where a call's audio goes: the door station's on-board speaker and mic, a loud external speaker, a wired or USB headset, or a Bluetooth headset. */
public enum LTAudioRoute implements LTCoded {
    BUILTIN(0),
    SPEAKER(1),
    HEADPHONES(2),
    BLUETOOTH(3);

    private static final Map<Integer, LTAudioRoute> BY_CODE = LTCoded.index(LTAudioRoute.class);

    private final int code;

    LTAudioRoute(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** The constant with this code; {@link IllegalArgumentException} naming the code if none. */
    public static LTAudioRoute fromCode(int code) {
        return LTCoded.lookup(BY_CODE, LTAudioRoute.class, code);
    }
}
