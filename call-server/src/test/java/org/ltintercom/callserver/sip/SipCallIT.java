package org.ltintercom.callserver.sip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.callserver.block.BlockStore;
import org.ltintercom.callserver.cdr.Cdr;
import org.ltintercom.callserver.mqtt.InMemoryWakeupPublisher;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.callserver.testing.peers.PeerProcess;
import org.ltintercom.callserver.testing.peers.Sipp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.callserver.sip.SipServerFixture.DOOR;
import static org.ltintercom.callserver.sip.SipServerFixture.INDOOR;
import static org.ltintercom.callserver.sip.SipServerFixture.INDOOR_2;
import static org.ltintercom.callserver.sip.SipServerFixture.SIP_PASSWORD;
import static org.ltintercom.callserver.sip.SipServerFixture.WAIT;

/**
 * Calls through call-server between real peers: baresip or SIPp as the door station (door-1),
 * SIPp UASes registered as the devices of the callee.
 */
class SipCallIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Baresip caller(SipServerFixture f) throws Exception {
        Baresip door = Baresip.start(DOOR, SIP_PASSWORD, f.sipPort(), false);
        door.awaitRegistered(WAIT);
        return door;
    }

    @Test
    void bothDevicesRingAndWhenOneAnswersTheOtherIsCancelledAsCompletedElsewhere(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir);
             Sipp kitchen = Sipp.uas("csDeviceAnswers", INDOOR, "udp");
             Sipp hall = Sipp.uas("csDeviceRingsUntilCancelled", INDOOR, "udp")) {
            f.register(INDOOR, kitchen, "kitchen");
            f.register(INDOOR, hall, "hall");
            try (Baresip door = caller(f)) {
                door.command("dial", "sip:" + INDOOR + "@127.0.0.1");
                door.awaitEvent("CALL_ESTABLISHED", WAIT);
                hall.awaitSuccess(WAIT);
                assertTrue(hall.messages().contains("Reason: SIP;cause=200;text=\"Call completed elsewhere\""),
                        hall.messages());
                door.command("hangup", null);
                kitchen.awaitSuccess(WAIT);
            }
            Cdr cdr = f.awaitCdrs(INDOOR, 1).get(0);
            assertEquals(CdrRecorder.HANGUP, cdr.endReason());
            assertEquals(DOOR, cdr.caller());
            assertEquals(INDOOR, cdr.callee());
            assertTrue(cdr.callEndTime() >= cdr.callStartTime());
            assertTrue(cdr.billingSecond() <= (cdr.callEndTime() - cdr.callStartTime()) / 1000, "billed from the answer");
        }
    }

    @Test
    void aDeclineOnOneDeviceEndsTheCallEverywhereWith603(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir);
             Sipp kitchen = Sipp.uas("csDeviceDeclines", INDOOR, "udp");
             Sipp hall = Sipp.uas("csDeviceRingsUntilCancelled", INDOOR, "udp")) {
            f.register(INDOOR, kitchen, "kitchen");
            f.register(INDOOR, hall, "hall");
            try (Sipp door = Sipp.uac("csCallerRefused", INDOOR, f.sipPort())) {
                door.awaitSuccess(WAIT);
                assertTrue(door.messages().contains("SIP/2.0 603 Decline"), door.messages());
            }
            hall.awaitSuccess(WAIT);
            kitchen.awaitSuccess(WAIT);
            assertTrue(hall.messages().contains("Reason: SIP;cause=603"), hall.messages());
            assertEquals(CdrRecorder.DECLINE, f.awaitCdrs(INDOOR, 1).get(0).endReason());
        }
    }

    @Test
    void whenEveryDeviceIsBusyTheCallerGets486(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir);
             Sipp kitchen = Sipp.uas("csDeviceBusy", INDOOR, "udp");
             Sipp hall = Sipp.uas("csDeviceBusy", INDOOR, "udp")) {
            f.register(INDOOR, kitchen, "kitchen");
            f.register(INDOOR, hall, "hall");
            try (Sipp door = Sipp.uac("csCallerRefused", INDOOR, f.sipPort())) {
                door.awaitSuccess(WAIT);
                assertTrue(door.messages().contains("SIP/2.0 486 Busy Here"), door.messages());
            }
            kitchen.awaitSuccess(WAIT);
            hall.awaitSuccess(WAIT);
            assertEquals(CdrRecorder.BUSY, f.awaitCdrs(INDOOR, 1).get(0).endReason());
        }
    }

    @Test
    void aCalleeWhoBlockedTheCallerRefusesItWith403AndTheLtReason(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir);
             Sipp kitchen = Sipp.uas("csDeviceAnswers", INDOOR, "udp")) {
            f.register(INDOOR, kitchen, "kitchen");
            f.server.database().inTransaction(c -> {
                BlockStore.block(c, INDOOR, List.of(DOOR));
                return null;
            });
            try (Sipp door = Sipp.uac("csCallerRefused", INDOOR, f.sipPort())) {
                door.awaitSuccess(WAIT);
                assertTrue(door.messages().contains("SIP/2.0 403"), door.messages());
                assertTrue(door.messages().contains("Reason: LT;cause=9"), door.messages());
            }
            assertFalse(kitchen.messages().contains("INVITE sip:"), "a blocked call never rings");
            assertEquals(CdrRecorder.BLOCK_CALL, f.awaitCdrs(INDOOR, 1).get(0).endReason());
        }
    }

    @Test
    void anUnknownCalleeIs404WithACalleeNotFoundCdr(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir);
             Sipp door = Sipp.uac("csCallerRefused", "nobody-here", f.sipPort())) {
            door.awaitSuccess(WAIT);
            assertTrue(door.messages().contains("SIP/2.0 404"), door.messages());
            Cdr cdr = f.awaitCdrs(DOOR, 1).get(0);
            assertEquals(CdrRecorder.CALLEE_NOT_FOUND, cdr.endReason());
            assertEquals("nobody-here", cdr.callee());
        }
    }

    @Test
    void aCalleeRegisteredNowhereIsWokenAndRingsOnceItsDeviceRegisters(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir);
             Baresip door = caller(f);
             Sipp woken = Sipp.uas("csDeviceAnswers", INDOOR_2, "udp")) {
            door.command("dial", "sip:" + INDOOR_2 + "@127.0.0.1");
            assertTrue(PeerProcess.await(WAIT, () -> !f.wakeups.published().isEmpty()), "no wakeup published");
            InMemoryWakeupPublisher.Wakeup wakeup = f.wakeups.published().get(0);
            assertEquals("lt/v1/" + INDOOR_2 + "/wakeup", wakeup.topic());
            JsonNode payload = JSON.readTree(wakeup.payloadJson());
            assertEquals("incoming_call", payload.get("type").asText());
            assertEquals(INDOOR_2, payload.get("receiver").asText());
            assertTrue(payload.get("expiresAt").asLong() > payload.get("sendTime").asLong());
            assertEquals(1, payload.get("callOptions").get("callType").asInt());
            assertEquals(2, payload.get("callOptions").get("accountType").asInt(), "addressed by userID");
            assertFalse(payload.get("callOptions").get("callID").asText().isEmpty());
            assertEquals(DOOR, payload.get("callerInfo").get("userID").asText());

            f.register(INDOOR_2, woken, "woken");
            door.awaitEvent("CALL_ESTABLISHED", WAIT);
            assertTrue(woken.messages().contains("X-LT-Call-ID: " + payload.get("callOptions").get("callID").asText()),
                    "the INVITE carries the call id of the wakeup: " + woken.messages());
            door.command("hangup", null);
            woken.awaitSuccess(WAIT);
            assertEquals(CdrRecorder.HANGUP, f.awaitCdrs(INDOOR_2, 1).get(0).endReason());
        }
    }

    @Test
    void aWokenCalleeThatNeverRegistersEndsIn480AndAMissedCall(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir, CallServerConfig.builder().ringTimeout(Duration.ofSeconds(2)));
             Sipp door = Sipp.uac("csCallerRefused", INDOOR_2, f.sipPort())) {
            door.awaitSuccess(WAIT);
            assertTrue(door.messages().contains("SIP/2.0 480"), door.messages());
            assertEquals(1, f.wakeups.published().size());
            assertEquals(CdrRecorder.MISS, f.awaitCdrs(INDOOR_2, 1).get(0).endReason());
        }
    }

    @Test
    void aCallerHangingUpWhileRingingCancelsEveryDeviceAndLeavesAMissedCall(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir);
             Sipp kitchen = Sipp.uas("csDeviceRingsUntilCancelled", INDOOR, "udp");
             Sipp hall = Sipp.uas("csDeviceRingsUntilCancelled", INDOOR, "udp")) {
            f.register(INDOOR, kitchen, "kitchen");
            f.register(INDOOR, hall, "hall");
            try (Baresip door = caller(f)) {
                door.command("dial", "sip:" + INDOOR + "@127.0.0.1");
                door.awaitEvent("CALL_RINGING", WAIT);
                assertTrue(PeerProcess.await(WAIT, () -> kitchen.messages().contains("SIP/2.0 180")
                        && hall.messages().contains("SIP/2.0 180")), "both devices ring");
                door.command("hangup", null);
                kitchen.awaitSuccess(WAIT);
                hall.awaitSuccess(WAIT);
            }
            assertFalse(kitchen.messages().contains("Reason: SIP;cause="), "not answered or declined elsewhere");
            assertEquals(CdrRecorder.MISS, f.awaitCdrs(INDOOR, 1).get(0).endReason());
        }
    }

    @Test
    void withoutDeclineEverywhereTheOtherDeviceRingsOnUntilTheRingTimeout(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir, CallServerConfig.builder().declineEverywhere(false)
                .ringTimeout(Duration.ofSeconds(3)));
             Sipp kitchen = Sipp.uas("csDeviceDeclines", INDOOR, "udp");
             Sipp hall = Sipp.uas("csDeviceRingsUntilCancelled", INDOOR, "udp")) {
            f.register(INDOOR, kitchen, "kitchen");
            f.register(INDOOR, hall, "hall");
            try (Sipp door = Sipp.uac("csCallerRefused", INDOOR, f.sipPort())) {
                door.awaitSuccess(WAIT);
                assertTrue(door.messages().contains("SIP/2.0 480"), door.messages());
            }
            hall.awaitSuccess(WAIT);
            assertFalse(hall.messages().contains("cause=603"), hall.messages());
            assertEquals(CdrRecorder.MISS, f.awaitCdrs(INDOOR, 1).get(0).endReason());
        }
    }

    @Test
    void aUserCallingItselfRingsItsOtherDevicesButNotTheCallingOne(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir);
             Sipp otherDoor = Sipp.uas("csDeviceBusy", DOOR, "udp");
             Baresip door = caller(f)) {
            f.register(DOOR, otherDoor, "other-door");
            door.command("dial", "sip:" + DOOR + "@127.0.0.1");
            otherDoor.awaitSuccess(WAIT);
            door.awaitEvent("CALL_CLOSED", WAIT);
            assertTrue(door.messages().stream().noneMatch(m -> "CALL_INCOMING".equals(m.path("type").asText())),
                    "the calling device must not ring: " + door.messages());
            assertEquals(CdrRecorder.BUSY, f.awaitCdrs(DOOR, 1).get(0).endReason());
        }
    }
}
