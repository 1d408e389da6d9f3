package org.ltintercom.sdk.internal.call;

/**
 * The seam between a call's state machine ({@link Call}) and whatever signals calls (the SIP user
 * agent). {@link Call} drives every call only through this interface and the {@link CallLeg} it
 * returns, and hears back only through {@link CallEvents}.
 *
 * <p>Contract for implementations: methods must not block (send and return); events may be
 * reported from any thread; every leg returned must eventually report {@link CallEvents#ended}
 * unless the SDK ended it first (hangup/reject); commands on a leg that has already ended are
 * ignored. Implementations are found with {@link java.util.ServiceLoader} through
 * {@link CallSignallingFactory}.
 */
public interface CallSignalling {

    /** Starts an outgoing call (INVITE with {@code X-LT-Call-ID = setup.callID()}). */
    CallLeg placeCall(CallSetup setup, CallEvents events);

    /**
     * Prepares for the incoming call a wakeup announced: the INVITE whose {@code X-LT-Call-ID}
     * equals {@code setup.callID()} belongs to this leg; report {@link CallEvents#ringing()} when it
     * arrives, and {@link CallEvents#ended} (2 MISS) if it never does or is cancelled.
     */
    CallLeg awaitIncomingCall(CallSetup setup, CallEvents events);

    /** Unregisters and releases sockets and threads; called once, after every call has ended. */
    void close();
}
