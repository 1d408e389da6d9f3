package org.ltintercom.sdk.internal.service;

import java.util.List;

/** The SIP account {@code POST /v1/init} hands out: whom to REGISTER as, where, and over what. */
public record SipAccount(String username, String password, String domain, String proxy, List<String> transports) {
    public SipAccount {
        transports = List.copyOf(transports);
    }

    /** Masks the password: it must not end up in a log. */
    @Override
    public String toString() {
        return "SipAccount{username=" + username + ", password=***, domain=" + domain + ", proxy=" + proxy
                + ", transports=" + transports + "}";
    }
}
