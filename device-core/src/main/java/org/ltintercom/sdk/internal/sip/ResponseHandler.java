package org.ltintercom.sdk.internal.sip;

import javax.sip.message.Response;

/** Receives the outcome of one client transaction, on the user agent's event thread. */
interface ResponseHandler {

    void onResponse(Response response, javax.sip.ClientTransaction transaction);

    /** No final response: the transaction timed out ({@code timeout}) or could not be sent. */
    void onFailure(boolean timeout, String reason);
}
