package org.ltintercom.sdk;

/** Thrown (or used to fail a future) when an LT SDK method is called before {@code LTSDK.init} succeeded. */
public class LTSDKNoInitializationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public LTSDKNoInitializationException(String operation) {
        super(operation + ": the LT SDK is not initialised; call LTSDK.init first");
    }
}
