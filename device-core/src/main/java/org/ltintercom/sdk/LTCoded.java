package org.ltintercom.sdk;

import java.util.HashMap;
import java.util.Map;

/**
 * An LT SDK enum constant that carries the vendor's numeric code, so that codes seen
 * on the wire, in logs and in the LT documentation map one-to-one onto Java constants.
 */
public interface LTCoded {

    /** The numeric code the LT SDK documents for this constant. */
    int code();

    /**
     * Builds a code -> constant table for an enum; fails at class initialisation if two
     * constants share a code, so a typo in a code table cannot go unnoticed.
     */
    static <E extends Enum<E> & LTCoded> Map<Integer, E> index(Class<E> type) {
        Map<Integer, E> byCode = new HashMap<>();
        for (E constant : type.getEnumConstants()) {
            E previous = byCode.put(constant.code(), constant);
            if (previous != null) {
                throw new IllegalStateException(type.getSimpleName() + ": code " + constant.code()
                        + " used by both " + previous + " and " + constant);
            }
        }
        return Map.copyOf(byCode);
    }

    /** Looks a constant up by its code, naming the type and the code when there is none. */
    static <E extends Enum<E> & LTCoded> E lookup(Map<Integer, E> byCode, Class<E> type, int code) {
        E constant = byCode.get(code);
        if (constant == null) {
            throw new IllegalArgumentException(type.getSimpleName() + ": no constant has code " + code);
        }
        return constant;
    }
}
