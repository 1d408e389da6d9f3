package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.call.LTCallStatusCode;

/** An SDK-internal watcher of a call (the call presenter); called on the SDK event thread like listeners. */
public interface CallObserver {

    /** The call became held or resumed, by either side. */
    default void onHeldChanged(Call call, boolean held) {
    }

    /** The call ended (called at once if it already had when the observer was added). */
    default void onTerminated(Call call, LTCallStatusCode status) {
    }
}
