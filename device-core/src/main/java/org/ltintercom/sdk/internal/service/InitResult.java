package org.ltintercom.sdk.internal.service;

import org.ltintercom.sdk.LTResponse;

/** What {@code POST /v1/init} answered; token, user and sip are null unless the response is a success. */
public record InitResult(LTResponse response, String token, org.ltintercom.sdk.LTUser user, SipAccount sip) {

    @Override
    public String toString() {
        return "InitResult{" + response + ", token=***, user=" + user + ", sip=" + sip + "}";
    }
}
