package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.call.LTCallStatusCode;

/** What the signalling reports about one call; may be called from any thread. */
public interface CallEvents {

    /** Outgoing: the service accepted the INVITE and the callee is alerted. Incoming: the INVITE arrived, ring. */
    void ringing();

    /** The call is answered (by the callee, or here after {@link CallLeg#answer()}) and media flows. */
    void answered();

    /** The call ended for this reason (e.g. 5 BUSY for 486, 1 HANGUP for the peer's BYE). */
    void ended(LTCallStatusCode status);

    /** The peer put the call on hold or resumed it. */
    void heldByPeer(boolean held);

    /** The peer sent a DTMF digit. */
    void dtmfReceived(char digit);

    /** Trouble that does not end the call yet (e.g. 103 NETWORK_DISCONNECT, 204 no voice packets). */
    void warning(LTCallStatusCode status);
}
