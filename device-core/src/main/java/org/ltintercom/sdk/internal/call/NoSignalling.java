package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SDK uses when no {@link CallSignallingFactory} is on the class path: it says so in the
 * log and ends every call at once with 203 ERROR_CONNECTION, rather than pretending to call.
 */
public final class NoSignalling implements CallSignalling {
    private static final Logger log = LoggerFactory.getLogger(NoSignalling.class);

    @Override
    public CallLeg placeCall(CallSetup setup, CallEvents events) {
        return refuse(setup, events);
    }

    @Override
    public CallLeg awaitIncomingCall(CallSetup setup, CallEvents events) {
        return refuse(setup, events);
    }

    private static CallLeg refuse(CallSetup setup, CallEvents events) {
        log.warn("call {}: no SIP signalling is configured (no CallSignallingFactory on the class path); "
                + "ending it with 203 ERROR_CONNECTION", setup.callID());
        events.ended(LTCallStatusCode.ERROR_CONNECTION);
        return new EndedLeg();
    }

    @Override
    public void close() {
        // holds nothing
    }

    /** The leg of a call that ended before it was signalled: by contract, commands to an ended leg are ignored. */
    private static final class EndedLeg implements CallLeg {
        @Override
        public void answer() {
        }

        @Override
        public void reject(LTCallStatusCode status) {
        }

        @Override
        public void hangup() {
        }

        @Override
        public void hold(boolean held) {
        }

        @Override
        public void sendDtmf(char digit, boolean playTone) {
        }

        @Override
        public void setMuted(boolean muted) {
        }

        @Override
        public void setAudioRoute(LTAudioRoute route) {
        }
    }
}
