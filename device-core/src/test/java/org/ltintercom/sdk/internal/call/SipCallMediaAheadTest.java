package org.ltintercom.sdk.internal.call;

import org.junit.jupiter.api.Test;
import org.ltintercom.callserver.testing.peers.FreePorts;
import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.internal.event.EventThread;
import org.ltintercom.sdk.internal.service.SipAccount;
import org.ltintercom.sdk.internal.media.Codecs;
import org.ltintercom.sdk.internal.media.MediaConfig;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    @Test
    void onlyTheDevicesOnlyCallGetsItsMediaAheadSoABurstOfWakeupsBindsNoPorts() throws Exception {
        EventThread events = new EventThread();
        SipAccount account = new SipAccount("u-1", "pw-1", "127.0.0.1", "sip:127.0.0.1:" + FreePorts.one(),
                List.of("udp"));
        SignallingConfig.Network network = new SignallingConfig.Network(Optional.of(LOOPBACK), 0, 50_000, 59_999);
        SignallingListener quiet = new SignallingListener() {
            @Override
            public void onRegistrationChanged(boolean registered, LTCallStatusCode failure) {
            }

            @Override
            public void onUnannouncedCall(LTCallNotificationMessage message) {
            }
        };
        CallSignalling signalling = new SipCallSignallingFactory().create(new SignallingConfig("u-1", account,
                Optional.empty(), events, network, quiet));
        try {
            SipCall first = (SipCall) signalling.awaitIncomingCall(announced("c-1"), new RecordingCallEvents());
            SipCall second = (SipCall) signalling.awaitIncomingCall(announced("c-2"), new RecordingCallEvents());
            assertTrue(first.media() != null, "the only call's media is opened when the SDK takes it");
            assertTrue(second.media() == null, "a second announced call opens its media when answered");
            int rtp = first.media().local().rtpPort();
            first.hangup();
            assertFalse(bound(rtp), "released when the user hangs up");
        } finally {
            signalling.close();
            events.close(java.time.Duration.ofSeconds(5));
        }
    }

    private static CallSetup announced(String callID) {
        LTCallOptions options = LTCallOptions.userIDBuilder().userID("u-9").build().withCallID(callID)
                .withCallType(LTCallType.INCOMING);
        return new CallSetup(callID, LTCallType.INCOMING, "u-1", options, null, null);
    }
}
