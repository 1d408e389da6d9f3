package org.ltintercom.hil.pending;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.hil.Rig;
import org.ltintercom.hil.Tones;
import org.ltintercom.hil.scenarios.RigScenario;
import org.ltintercom.hil.scenarios.ScenarioTimings;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.hil.pending.FarEndAudio.AUDIBLE;
import static org.ltintercom.hil.pending.FarEndAudio.DOOR_TONE;
import static org.ltintercom.hil.pending.FarEndAudio.PHONE_TONE;

/**
 * Sound devices that come and go in the middle of a call: a Bluetooth headset, the USB sound card.
 * Only the mock rig can switch them (a person would have to on a Pi): the {@code hil-gpio} profile
 * leaves out every {@code *MockRigIT}. The call must survive, on whatever route remains.
 */
class RouteChangesOnMockRigIT extends RigScenario {

    CallWorld world;
    BrokerWatch watch;

    @BeforeEach
    void startWorld() throws Exception {
        assertTrue(rig.features().contains(Rig.Feature.BLUETOOTH) && rig.features().contains(Rig.Feature.USB_AUDIO),
                "these scenarios need the mock rig (-Drig=mock)");
        world = new CallWorld(dir.resolve("world"));
        watch = new BrokerWatch(world.broker.uri(), CallWorld.DOOR);
    }

    @AfterEach
    void stopWorld() throws Exception {
        if (watch != null) {
            watch.close();
        }
        if (world != null) {
            world.stopDoorMqtt();
            rig.stopApp();
            world.close();
        }
    }

    private Baresip connectedCall() throws Exception {
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
    private long stillTalking(Baresip phone, long fromNanos) {
        long heard = rig.speaker().awaitHeard(PHONE_TONE, AUDIBLE, fromNanos, rig.patience());
        assertTrue(phone.messages().stream().noneMatch(m -> "CALL_CLOSED".equals(m.path("type").asText())),
                "the call survived: " + phone.messages());
        return heard;
    }

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
