package org.ltintercom.hil.scenarios;

import org.junit.jupiter.api.Test;
import org.ltintercom.callserver.testing.peers.Baresip;

import java.time.Duration;


/**
 * PENDING (profile hil-pending): a Bluetooth headset that connects mid-call must take the call's
 * audio, and the call must fall back when it drops. On main (wire merged) the status never shows
 * audioRoute BLUETOOTH after the simulated headset connects.
 */
class BluetoothOnMockRigPendingIT extends MidCallScenario {

    @Test
    void bluetoothHeadsetAppearsAndDisappearsMidCall(ScenarioTimings timings) throws Exception {
        Baresip phone = connectedCall();
        long appeared = System.nanoTime();
        rig.setBluetoothHeadsetPresent(true);
        watch.awaitStatus("route BLUETOOTH", s -> "BLUETOOTH".equals(s.path("audioRoute").asText()), rig.patience());
        timings.record("headset -> route", appeared, stillTalking(phone, appeared));

        long gone = System.nanoTime();
        rig.setBluetoothHeadsetPresent(false);
        watch.awaitStatus("route away from BLUETOOTH", s -> !"BLUETOOTH".equals(s.path("audioRoute").asText())
                && !s.path("audioRoute").asText().isEmpty(), rig.patience());
        timings.record("headset gone -> audio back", gone, stillTalking(phone, gone));
        phone.command("hangup", null);
        watch.awaitEvent("call-ended", 1, Duration.ofSeconds(20));
    }
}
