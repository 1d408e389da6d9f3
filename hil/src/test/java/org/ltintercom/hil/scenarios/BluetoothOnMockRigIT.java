package org.ltintercom.hil.scenarios;

import org.junit.jupiter.api.Test;
import org.ltintercom.callserver.testing.peers.Baresip;

import java.time.Duration;


/**
 * A Bluetooth headset that connects mid-call takes the call's audio (the app moves the call to it),
 * and the call falls back to its previous route when the headset drops.
 */
class BluetoothOnMockRigIT extends MidCallScenario {

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
