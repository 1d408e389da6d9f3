package org.ltintercom.sdk.internal.call;

/**
 * Creates the signalling once {@code LTSDK.init} succeeded. An implementation registers itself in
 * {@code META-INF/services/org.ltintercom.sdk.internal.call.CallSignallingFactory}; with none on the
 * class path the SDK uses {@link NoSignalling}, which ends every call with 203 ERROR_CONNECTION.
 */
public interface CallSignallingFactory {

    /** Starts registering with the account in {@code config}; must not block for the network. */
    CallSignalling create(SignallingConfig config);
}
