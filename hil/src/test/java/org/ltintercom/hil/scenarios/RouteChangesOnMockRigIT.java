package org.ltintercom.hil.scenarios;

import org.junit.jupiter.api.Test;
import org.ltintercom.callserver.testing.peers.Baresip;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sound devices that come and go in the middle of a call. Only the mock rig can switch them (a
 * person would have to on a Pi): the {@code hil-gpio} profile leaves out every {@code *OnMockRig*}
 * class. The call must survive, on whatever route remains.
 */
class RouteChangesOnMockRigIT extends MidCallScenario {

    @Test
    void usbSoundCardUnpluggedAndReplugedMidCall(ScenarioTimings timings) throws Exception {
        Baresip phone = connectedCall();
        long unplugged = System.nanoTime();
        rig.setUsbAudioPresent(false);
        timings.record("unplug -> audio back", unplugged, stillTalking(phone, unplugged));
        watch.awaitStatus("route without the USB card", s -> !"BUILTIN".equals(s.path("audioRoute").asText()), rig.patience());

        long replugged = System.nanoTime();
        rig.setUsbAudioPresent(true);
        timings.record("replug -> audio", replugged, stillTalking(phone, replugged));
        watch.awaitEvent("call-connected", 1, rig.patience());
        phone.command("hangup", null);
        watch.awaitEvent("call-ended", 1, rig.patience());
        assertTrue(watch.events("call-ended").size() == 1, "one call, one end: " + watch.events("call-ended"));
    }
}
