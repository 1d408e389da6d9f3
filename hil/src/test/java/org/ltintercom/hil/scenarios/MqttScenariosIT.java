package org.ltintercom.hil.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hil.LedPatternReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.hil.scenarios.FarEndAudio.AUDIBLE;

/** The station's MQTT face under a fleet manager: remote configuration, a broker that restarts, an outage. */
class MqttScenariosIT extends WorldScenario {




    @Test
    void remoteConfigChangeMidIdleSwitchesTheRingTarget(ScenarioTimings timings) throws Exception {
        Baresip first = world.phone("flat-1", false);
        Baresip second = world.phone("flat-4", false);
        world.startDoor(rig, "flat-1", watch);

        long sent = System.nanoTime();
        watch.publish("config", """
                {"version": 1, "deviceId": "%s",
                 "settings": {"ringPlan": {"groups": [{"targets": ["flat-4"], "timeout": "30s"}]}}}"""
                .formatted(CallWorld.DOOR), true);
        watch.await("config/result applied", rig.patience(), () -> watch.on("config/result").stream()
                .anyMatch(r -> "applied".equals(r.body().path("status").asText())));
        timings.record("config -> applied", sent, watch.on("config/result").get(0).atNanos());
        watch.awaitStatus("configVersion 1", s -> s.path("configVersion").asLong() == 1, rig.patience());

        long pressed = System.nanoTime();
        rig.clickCallButton();
        JsonNode incoming = second.awaitEvent("CALL_INCOMING", rig.patience());
        timings.record(ScenarioTimings.BUTTON_TO_INVITE, pressed, Baresip.receivedAtNanos(incoming));
        assertEquals("flat-4", watch.awaitEvent("call-started", 1, rig.patience()).body().path("peer").asText());
        assertTrue(first.messages().stream().noneMatch(m -> "CALL_INCOMING".equals(m.path("type").asText())),
                "the old target does not ring any more");
        rig.longPressCallButton(); // give up while it rings out
        watch.awaitEvent("call-ended", 1, rig.patience());
    }

    @Test
    void brokerRestartMidIdleTheStationComesBackOnlineAndStillWakes(ScenarioTimings timings) throws Exception {
        Baresip phone = world.phone("flat-1", false);
        world.startDoor(rig, "flat-1", watch);
        watch.awaitStatus("online", s -> "online".equals(s.path("state").asText()), rig.patience());
        int statusesBefore = watch.on("status").size();

        long restarted = System.nanoTime();
        world.broker.restart(); // no persistence: retained messages and sessions are gone
        long online = watch.awaitStatus("online again", s -> watch.on("status").size() > statusesBefore
                && "online".equals(s.path("state").asText()), rig.patience());
        timings.record("broker restart -> online", restarted, online);

        // re-subscribed: a call still wakes and rings the station
        long dialled = System.nanoTime();
        phone.command("dial", "sip:" + CallWorld.DOOR + "@127.0.0.1");
        long ring = LedPatternReader.await(rig.statusLed(), LedPattern.FAST_BLINK, dialled, rig.patience());
        long wakeup = world.wakeups.sentAtNanos().get(world.wakeups.sentAtNanos().size() - 1);
        timings.record(ScenarioTimings.WAKEUP_TO_RING, wakeup, ring);
        rig.speaker().awaitHeard(CallScenariosIT.RINGTONE_NOTE, AUDIBLE, dialled, rig.patience());
        phone.command("hangup", null);
        watch.awaitEvent("call-ended", 1, rig.patience());
    }

    @Test
    void aCallDuringABrokerOutageIsReportedWhenTheBrokerReturns(ScenarioTimings timings) throws Exception {
        Baresip phone = world.phone("flat-1", false);
        world.startDoor(rig, "flat-1", watch);
        world.broker.stop();
        long pressed = System.nanoTime();
        rig.clickCallButton(); // SIP is still registered: the call goes out, its events wait for MQTT
        phone.awaitEvent("CALL_INCOMING", rig.patience());
        LedPatternReader.await(rig.statusLed(), LedPattern.DOUBLE_BLINK, pressed, rig.patience());
        world.broker.start();
        var started = watch.awaitEvent("call-started", 1, rig.patience());
        timings.record("press -> event published", pressed, started.atNanos());
        rig.longPressCallButton();
        watch.awaitEvent("call-ended", 1, rig.patience());
    }

    @Test
    void pressWhileServiceAndBrokerAreDownIsPublishedWhenTheBrokerReturns(ScenarioTimings timings) throws Exception {
        world.broker.stop();
        int dead = DeviceConfigs.deadPort();
        var app = rig.startApp(DeviceConfigs.doorStation(CallWorld.DOOR, CallWorld.DOOR_UUID,
                "http://127.0.0.1:" + dead, world.broker.uri(), "flat-1"),
                DeviceConfigs.secrets(CallWorld.LICENSE, CallWorld.DOOR_CODE));
        world.attachMqtt(app);
        long pressed = System.nanoTime();
        rig.clickCallButton();
        rig.speaker().awaitHeard(880, AUDIBLE, pressed, rig.patience());
        LedPatternReader.await(rig.statusLed(), LedPattern.ERROR, pressed, rig.patience());
        rig.statusLed().await("the press queued", rig.patience(), t -> rig.app().pendingEvents().size() == 1);

        world.broker.start();
        var published = watch.awaitEvent("button-pressed-offline", 1, rig.patience());
        timings.record("press -> event published", pressed, published.atNanos());
        assertEquals("sip-unregistered", published.body().path("reason").asText(), published.body().toString());
        rig.statusLed().await("the queue drained", rig.patience(), t -> rig.app().pendingEvents().size() == 0);
    }

    @Test
    void heldButtonWhileUnregisteredStillChimes(ScenarioTimings timings) throws Exception {
        // a visitor who holds the button still calls (docs/hardware.md); offline that means the chime
        int dead = DeviceConfigs.deadPort();
        rig.startApp(DeviceConfigs.doorStation(CallWorld.DOOR, CallWorld.DOOR_UUID,
                "http://127.0.0.1:" + dead, world.broker.uri(), "flat-1"),
                DeviceConfigs.secrets(CallWorld.LICENSE, CallWorld.DOOR_CODE));
        long pressed = System.nanoTime();
        rig.longPressCallButton();
        timings.record("button -> chime", pressed, rig.speaker().awaitHeard(880, AUDIBLE, pressed, rig.patience()));
        LedPatternReader.await(rig.statusLed(), LedPattern.ERROR, pressed, rig.patience());
        rig.statusLed().await("the press queued", rig.patience(), t -> rig.app().pendingEvents().size() == 1);
    }
}
