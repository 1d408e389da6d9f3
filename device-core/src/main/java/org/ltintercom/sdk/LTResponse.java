package org.ltintercom.sdk;

import java.util.Optional;

/**
 * The answer to an LT SDK request: {@code returnCode} 0 (SUCCESS) or why it failed, with a
 * {@code returnMessage} that names the offending field first ({@code field: reason}).
 */
public class LTResponse {
    private final int returnCode;
    private final String returnMessage;

    public LTResponse(int returnCode, String returnMessage) {
        this.returnCode = returnCode;
        this.returnMessage = returnMessage == null ? "" : returnMessage;
    }

    public LTResponse(LTReturnCode code, String returnMessage) {
        this(code.code(), returnMessage);
    }

    /** The {@link LTReturnCode} value; a code this SDK does not know is kept as the raw number. */
    public int returnCode() {
        return returnCode;
    }

    public String returnMessage() {
        return returnMessage;
    }

    /** True when {@code returnCode} is 0 (SUCCESS). */
    public boolean isSuccess() {
        return returnCode == LTReturnCode.SUCCESS.code();
    }

    /** {@code returnCode} as a constant, or empty when the service sent a code this SDK does not know. */
    public Optional<LTReturnCode> knownReturnCode() {
        try {
            return Optional.of(LTReturnCode.fromCode(returnCode));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{returnCode=" + returnCode + ", returnMessage='" + returnMessage + "'}";
    }
}
