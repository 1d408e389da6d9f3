package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCallQualityStats;
import org.ltintercom.sdk.call.LTCallStatusCode;

/** Commands to one signalled call; issued by {@link Call} on the SDK event thread, in order. */
public interface CallLeg {

    /** Answers the ringing incoming call (200 OK); report {@link CallEvents#answered()} once media can flow. */
    void answer();

    /**
     * Refuses the incoming call: {@code DECLINE} (603) or {@code BUSY} (486). For an awaited call
     * whose INVITE has not arrived yet, refuse that INVITE when it does.
     */
    void reject(LTCallStatusCode status);

    /** Ends the call: CANCEL before it was answered, BYE after. */
    void hangup();

    /** Holds ({@code a=sendonly}) or resumes the call. */
    void hold(boolean held);

    /** Sends one DTMF digit (0-9 * # A-D) as RFC 4733 telephone-event. */
    void sendDtmf(char digit, boolean playTone);

    /** Stops or resumes sending microphone audio. */
    void setMuted(boolean muted);

    /** Moves the call's audio to another route of the audio backend. */
    void setAudioRoute(LTAudioRoute route);

    /**
     * The audio's latest quality snapshot (the final one once the media has stopped); unlike the
     * commands, called from any thread. A leg without media says {@link LTCallQualityStats#EMPTY}.
     */
    default LTCallQualityStats qualityStats() {
        return LTCallQualityStats.EMPTY;
    }
}
