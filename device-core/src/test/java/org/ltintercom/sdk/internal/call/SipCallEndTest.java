package org.ltintercom.sdk.internal.call;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTCallStatusCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A call ended by a SIP message (BYE, CANCEL, an error response) closes its media and reports its
 * end on the media closer, not on the SIP event thread that the next call's messages wait behind.
 */
class SipCallEndTest {

    private static SipCall.MediaOpener noMedia() {
        return call -> {
            throw new AssertionError("no media is opened here");
        };
    }

    @Test
    void theEndIsReportedOnceFromTheMediaCloserNotTheSipThread() {
        List<Runnable> closer = new ArrayList<>();
        SipCall call = new SipCall("c-1", noMedia(), closer::add);
        RecordingCallEvents events = new RecordingCallEvents();
        call.startOutgoing(events, null);
        int[] forgotten = {0};
        call.whenEnded(() -> forgotten[0]++);

        call.onEnded(null, LTCallStatusCode.HANGUP);
        call.onEnded(null, LTCallStatusCode.HANGUP); // a retransmitted BYE
        assertEquals(List.of(), events.events(), "nothing reported on the SIP event thread");
        assertEquals(1, forgotten[0], "the signalling forgets the call at once");
        assertEquals(1, closer.size());

        closer.get(0).run();
        assertEquals(List.of("ended " + LTCallStatusCode.HANGUP.code()), events.events());
    }

    @Test
    void onceTheSignallingHasStoppedTheEndIsReportedAtOnce() {
        SipCall call = new SipCall("c-2", noMedia(), task -> {
            throw new RejectedExecutionException("media closer shut down");
        });
        RecordingCallEvents events = new RecordingCallEvents();
        call.startOutgoing(events, null);
        call.onEnded(null, LTCallStatusCode.DECLINE);
        assertEquals(List.of("ended " + LTCallStatusCode.DECLINE.code()), events.events());
    }
}
