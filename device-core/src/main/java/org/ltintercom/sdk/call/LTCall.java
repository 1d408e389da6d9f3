package org.ltintercom.sdk.call;

import java.util.List;

/**
 * One call, outgoing or incoming. Operations are asynchronous: their outcome arrives on the call's
 * {@link LTCallStateListener}. An operation that makes no sense in the call's current state is
 * ignored and reported as {@code onCallStateWarning(call, OPERATION_NOT_AVAILABLE)} (105).
 */
public interface LTCall {

    String getCallID();

    LTCallType getCallType();

    LTCallState getCallState();

    /** The options the call was started with, including the assigned callID. */
    LTCallOptions getCallOptions();

    /** The signed-in user this call belongs to. */
    String getAccountUserID();

    /** Answers an incoming call (before or while it rings). */
    void acceptCall();

    /** Ends the call; on an incoming call that was not answered it declines (4 DECLINE). */
    void hangupCall();

    /** Refuses an incoming call as busy (5 BUSY). */
    void busyCall();

    void setCallMuted(boolean muted);

    boolean isCallMuted();

    /** Holds or resumes a connected call. */
    void setCallHeld(boolean held);

    /** True while this side holds the call. */
    boolean isCallHeld();

    /** Routes the call's audio; the route must be one of {@link #getAvailableAudioRoutes()}. */
    void setAudioRoute(LTAudioRoute route);

    LTAudioRoute getCurrentAudioRoute();

    /** The routes whose devices are present now (from the device's audio backend). */
    List<LTAudioRoute> getAvailableAudioRoutes();

    /**
     * Sends DTMF digits (0-9 * # A-D) on a connected call.
     *
     * @throws IllegalArgumentException if {@code digits} is empty or holds another character
     */
    void sendDTMF(String digits, boolean playTone);

    /**
     * The call's audio quality: packets, loss, jitter, round-trip time, concealed and FEC-recovered
     * frames, jitter buffer delay and an estimated MOS. While the call is connected, a snapshot no
     * older than about half a second; once it has terminated, the final figures, which no longer
     * change. Before the audio starts, {@link LTCallQualityStats#EMPTY}. Never null; may be called
     * from any thread.
     */
    LTCallQualityStats getQualityStats();
}
