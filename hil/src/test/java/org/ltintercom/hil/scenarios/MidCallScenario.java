package org.ltintercom.hil.scenarios;

import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.hil.Tones;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.hil.scenarios.FarEndAudio.AUDIBLE;
import static org.ltintercom.hil.scenarios.FarEndAudio.DOOR_TONE;
import static org.ltintercom.hil.scenarios.FarEndAudio.PHONE_TONE;

/** A connected call from the station (button) to a baresip phone, to change things in the middle of. */
public abstract class MidCallScenario extends WorldScenario {

    protected Baresip connectedCall() throws Exception {
        Baresip phone = world.phone("flat-1", true);
        world.startDoor(rig, "flat-1", watch);
        rig.loopIntoMicrophone(Tones.sine(DOOR_TONE, 1000, 8000));
        long pressed = System.nanoTime();
        rig.clickCallButton();
        phone.awaitEvent("CALL_ESTABLISHED", rig.patience());
        rig.speaker().awaitHeard(PHONE_TONE, AUDIBLE, pressed, rig.patience());
        watch.awaitStatus("connected", s -> "connected".equals(s.path("callState").asText()), rig.patience());
        return phone;
    }

    /** The phone's tone is heard again after {@code fromNanos} and the call is still up. */
    protected long stillTalking(Baresip phone, long fromNanos) {
        long heard = rig.speaker().awaitHeard(PHONE_TONE, AUDIBLE, fromNanos, rig.patience());
        assertTrue(phone.messages().stream().noneMatch(m -> "CALL_CLOSED".equals(m.path("type").asText())),
                "the call survived: " + phone.messages());
        return heard;
    }
}
