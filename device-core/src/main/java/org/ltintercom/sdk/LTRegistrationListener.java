package org.ltintercom.sdk;

import org.ltintercom.sdk.call.LTCallStatusCode;

/**
 * Hears whether the device is registered with the SIP service (an lt-intercom addition: a door
 * station shows it on an LED). Called on the SDK event thread, in order.
 */
@FunctionalInterface
public interface LTRegistrationListener {

    /**
     * {@code registered} true: incoming calls can reach this device. False: they cannot;
     * {@code failure} says why (102 REGISTER_FORBIDDEN, 104 REGISTER_UNREACHABLE, 202
     * ERROR_REGISTER_FAILED), or is null while registering and after sign-out.
     */
    void onRegistrationChanged(boolean registered, LTCallStatusCode failure);
}
