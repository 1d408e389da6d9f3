package org.ltintercom.hil.scenarios;

import org.junit.jupiter.api.Test;
import org.ltintercom.callserver.testing.peers.Baresip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The door code keyed on a phone (baresip {@code sndcode}, RFC 4733 telephone-events) pulses the
 * relay; wrong codes lock it out, and during the lockout even the right code opens nothing.
 */
class DoorCodeIT extends WorldScenario {

    @Test
    void doorCodeOpensTheRelayAndWrongCodesLockItOut(ScenarioTimings timings) throws Exception {
        Baresip phone = world.phone("flat-1", true);
        world.startDoor(rig, "flat-1", watch);
        rig.clickCallButton();
        phone.awaitEvent("CALL_ESTABLISHED", rig.patience());
        watch.awaitEvent("call-connected", 1, rig.patience());

        long keyed = System.nanoTime();
        phone.command("sndcode", CallWorld.DOOR_CODE);
        var opened = rig.relay().awaitEdge(true, keyed, rig.patience());
        timings.record("door code -> relay", keyed, opened.atNanos());
        var closed = rig.relay().awaitEdge(false, opened.atNanos(), rig.patience());
        assertTrue(closed.atNanos() > opened.atNanos(), "the relay pulses, it does not stay energised");
        assertEquals("door-code", watch.awaitEvent("door-opened", 1, rig.patience()).body().path("via").asText());

        // maxAttempts 3: two wrong codes are reported, the third locks the code
        for (String wrong : new String[] {"0000", "1234", "9999"}) {
            phone.command("sndcode", wrong);
        }
        watch.awaitEvent("door-code-wrong", 2, rig.patience());
        assertEquals(3, watch.awaitEvent("door-code-locked", 1, rig.patience()).body().path("maxAttempts").asInt());
        long locked = System.nanoTime();
        phone.command("sndcode", CallWorld.DOOR_CODE);
        // the keys travel in the media ahead of the BYE: once the call has ended they have been seen
        phone.command("hangup", null);
        watch.awaitEvent("call-ended", 1, rig.patience());
        assertTrue(rig.relay().firstEdge(true, locked).isEmpty(), "nothing opens the door during the lockout");
        assertEquals(1, watch.events("door-opened").size());
    }
}
