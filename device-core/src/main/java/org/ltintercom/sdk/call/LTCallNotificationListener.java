package org.ltintercom.sdk.call;

/** Told of incoming calls and call records announced by wakeups; called on the SDK event thread. */
public interface LTCallNotificationListener {

    /** An incoming call: show it (e.g. with {@link LTCallPresenter}) and start it with {@code startCall(message, listener)}. */
    default void onCallNotification(LTCallNotificationMessage message) {
    }

    /** A call ended and the service recorded it. */
    default void onCallCDRNotification(LTCallCDRNotificationMessage cdr) {
    }
}
