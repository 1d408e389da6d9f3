package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallStatusCode;

/**
 * Where the registration with the SIP registrar stands. {@link #failure} is set only in
 * {@link Kind#FAILED}: 102 REGISTER_FORBIDDEN (403, or our credentials refused), 104
 * REGISTER_UNREACHABLE (timeout, transport error), 202 ERROR_REGISTER_FAILED (anything else).
 * {@link #expiresSeconds} is what the registrar granted while REGISTERED, else 0.
 */
public record RegistrationState(Kind kind, LTCallStatusCode failure, int expiresSeconds) {

    public enum Kind { UNREGISTERED, REGISTERING, REGISTERED, FAILED }

    public static final RegistrationState UNREGISTERED = new RegistrationState(Kind.UNREGISTERED, null, 0);
    public static final RegistrationState REGISTERING = new RegistrationState(Kind.REGISTERING, null, 0);

    public static RegistrationState registered(int expiresSeconds) {
        return new RegistrationState(Kind.REGISTERED, null, expiresSeconds);
    }

    public static RegistrationState failed(LTCallStatusCode why) {
        return new RegistrationState(Kind.FAILED, why, 0);
    }

    public boolean isRegistered() {
        return kind == Kind.REGISTERED;
    }
}
