package org.ltintercom.hal.presenter;

/** Where the SDK's SIP registration stands, as far as the station's LED cares. */
public enum RegistrationState {
    NOT_STARTED, REGISTERING, REGISTERED, FAILED
}
