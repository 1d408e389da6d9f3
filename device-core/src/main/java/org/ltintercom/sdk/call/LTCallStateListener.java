package org.ltintercom.sdk.call;

/**
 * Events of one call (the LT call delegate). Every method has a do-nothing default; all are called
 * on the SDK event thread, one at a time, in order. Do not block in them.
 */
public interface LTCallStateListener {

    /** Registered with the call server; on the callee side the call now rings. */
    default void onCallStateRegistered(LTCall call) {
    }

    /** Both sides are connected and can talk. */
    default void onCallStateConnected(LTCall call) {
    }

    /** Something went wrong that did not end the call (e.g. 105 OPERATION_NOT_AVAILABLE). */
    default void onCallStateWarning(LTCall call, LTCallStatusCode statusCode) {
    }

    /** The call ended, for the reason given; called exactly once per call. */
    default void onCallStateTerminated(LTCall call, LTCallStatusCode statusCode) {
    }

    /** Mute, hold or audio route changed. */
    default void onCallMediaStateChanged(LTCall call, LTMediaType mediaType) {
    }

    /** Seconds since the call connected; once a second while connected. */
    default void onCallConnectDuration(LTCall call, long seconds) {
    }

    /**
     * The peer sent a DTMF digit (0-9 * # A-D). An lt-intercom addition: an indoor unit opens the
     * door by sending a digit to the door station.
     */
    default void onCallDTMFReceived(LTCall call, char digit) {
    }
}
