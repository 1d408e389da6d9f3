package org.ltintercom.sdk.internal.call;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.media.Codecs;
import org.ltintercom.sdk.internal.media.MediaConfig;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An incoming call opens its media (RTP and RTCP ports) when the SDK takes it, before the answer,
 * and closes it on every way the call can end unanswered.
 */
class SipCallMediaAheadTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<CallMedia> opened = new ArrayList<>();

    private SipCall.MediaOpener realMedia() {
        MediaConfig config = MediaConfig.defaults(LOOPBACK).withPorts(50_000, 59_999);
        return call -> {
            CallMedia m = CallMedia.open(call.callID(), config, new Codecs(null), null, call, call::warn);
            opened.add(m);
            return m;
        };
    }

    private static boolean bound(int port) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(LOOPBACK, port));
            return false;
        } catch (BindException e) {
            return true;
        }
    }

    @Test
    void theMediaIsOpenedOnceWhenTheCallIsTakenAndClosedWhenItsInviteNeverComes() throws Exception {
        SipCall call = new SipCall("c-1", realMedia(), Runnable::run);
        RecordingCallEvents events = new RecordingCallEvents();
        call.bind(events);
        call.prepareMedia();
        call.prepareMedia();
        assertEquals(1, opened.size(), "opened once");
        int rtp = opened.get(0).local().rtpPort();
        assertTrue(bound(rtp), "RTP port bound ahead of the answer");
        assertTrue(bound(rtp + 1), "RTCP port bound ahead of the answer");

        call.neverArrived(LTCallStatusCode.MISS);
        assertFalse(bound(rtp), "RTP port released");
        assertFalse(bound(rtp + 1), "RTCP port released");
        assertEquals(List.of("ended " + LTCallStatusCode.MISS.code()), events.events());
    }

    @Test
    void theMediaOpenedAheadIsClosedWhenTheUserHangsUpOrTheCallerGivesUp() throws Exception {
        SipCall hungUp = new SipCall("c-2", realMedia(), Runnable::run);
        hungUp.bind(new RecordingCallEvents());
        hungUp.prepareMedia();
        hungUp.hangup();
        assertFalse(bound(opened.get(0).local().rtpPort()));

        SipCall cancelled = new SipCall("c-3", realMedia(), Runnable::run);
        RecordingCallEvents events = new RecordingCallEvents();
        cancelled.bind(events);
        cancelled.prepareMedia();
        cancelled.onEnded(null, LTCallStatusCode.HANGUP); // the caller's CANCEL
        assertFalse(bound(opened.get(1).local().rtpPort()));
        assertEquals(List.of("ended " + LTCallStatusCode.HANGUP.code()), events.events());
    }

    @Test
    void aCallRefusedOrEndedBeforeItIsTakenOpensNoMedia() {
        SipCall refused = new SipCall("c-4", realMedia(), Runnable::run);
        refused.bind(new RecordingCallEvents());
        refused.reject(LTCallStatusCode.BUSY);
        refused.prepareMedia();

        SipCall gone = new SipCall("c-5", realMedia(), Runnable::run);
        gone.onEnded(null, LTCallStatusCode.HANGUP); // CANCEL before the SDK took the call
        gone.bind(new RecordingCallEvents());
        gone.prepareMedia();
        assertEquals(List.of(), opened);
    }
}
