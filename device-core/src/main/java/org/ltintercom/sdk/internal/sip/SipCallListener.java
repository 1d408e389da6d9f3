package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;

/**
 * Events of one {@link SipCallLeg}, delivered in order on the SIP event thread. The LTCall
 * adapter forwards them to the SDK event thread; it must not block here.
 */
public interface SipCallListener {

    /** The callee is ringing (180/183), outgoing calls only. */
    default void onRinging(SipCallLeg leg) {
    }

    /** The call is established; start media with {@code media}. */
    default void onAnswered(SipCallLeg leg, NegotiatedMedia media) {
    }

    /** A re-INVITE changed the media (hold, unhold, new address); restart or pause media accordingly. */
    default void onMediaChanged(SipCallLeg leg, NegotiatedMedia media) {
    }

    /** The peer put us on hold ({@code true}) or took us off hold. */
    default void onHeldByPeer(SipCallLeg leg, boolean held) {
    }

    /** Something failed but the call goes on (e.g. 105 when our hold re-INVITE was refused). */
    default void onWarning(SipCallLeg leg, LTCallStatusCode status) {
    }

    /** A DTMF digit the peer sent by SIP INFO (application/dtmf-relay); RTP events come from the media engine. */
    default void onDtmf(SipCallLeg leg, char digit) {
    }

    /** The call is over, exactly once per leg, with why. */
    void onEnded(SipCallLeg leg, LTCallStatusCode status);
}
