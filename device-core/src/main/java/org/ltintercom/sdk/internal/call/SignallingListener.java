package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallStatusCode;

/** What the signalling tells the SDK outside any one call; may be called from any thread. */
public interface SignallingListener {

    /**
     * The SIP registration changed: {@code registered}, or not with {@code failure} saying why
     * (102 REGISTER_FORBIDDEN, 104 REGISTER_UNREACHABLE, 202 ERROR_REGISTER_FAILED; null while
     * (re-)registering or after un-registering).
     */
    void onRegistrationChanged(boolean registered, LTCallStatusCode failure);

    /**
     * An INVITE arrived that no wakeup announced (a plain SIP phone, or a wakeup that got lost): ring
     * it through the application's notification listener; {@code startCall(message, ...)} then picks
     * up that INVITE by {@code message.callOptions().callID()}.
     */
    void onUnannouncedCall(LTCallNotificationMessage message);
}
