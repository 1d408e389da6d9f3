package org.ltintercom.app.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.LocalConfig;
import org.ltintercom.app.control.DeviceStatus;
import org.ltintercom.app.testing.Await;
import org.ltintercom.sdk.internal.mqtt.peers.Mosquitto;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The intercom's MQTT face against a real mosquitto: commands, provisioning, wakeups, status and events. */
class DeviceMqttIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String T = "lt/v1/" + TestDevice.DEVICE + "/";

    @TempDir
    Path dir;

    private Mosquitto broker;
    private final List<AutoCloseable> open = new ArrayList<>();
    private RecordingControl control;
    private DeviceMqtt device;

    @BeforeEach
    void startBroker() {
        broker = Mosquitto.anonymous();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        broker.close();
    }

    /** A device on the broker, connected. */
    private DeviceMqtt startDevice(boolean discovery) throws Exception {
        newDevice(discovery).start();
        assertTrue(device.awaitConnected(WAIT), "device connected: " + device.sessionState());
        return device;
    }

    /** A device on the broker, not started yet. */
    private DeviceMqtt newDevice(boolean discovery) throws Exception {
        LocalConfig local = TestDevice.write(dir.resolve("etc"), TestDevice.yaml(broker.uri(), "", discovery));
        IntercomConfig config = local.bind();
        control = new RecordingControl(local, dir.resolve("state"));
        device = new DeviceMqtt(config, SessionSettings.of(config).withBackoff(TestDevice.BACKOFF_MIN,
                TestDevice.BACKOFF_MAX), control);
        open.add(device);
        return device;
    }

    private ServiceClient service(String... filters) throws Exception {
        ServiceClient client = ServiceClient.connect(broker.uri());
        open.add(client);
        for (String filter : filters) {
            client.subscribe(filter);
        }
        return client;
    }

    private static JsonNode resultOf(ServiceClient service, String id) throws InterruptedException {
        return service.await(r -> r.topic().equals(T + "cmd/result") && id.equals(r.json().path("id").asText(null)),
                WAIT).json();
    }

    @Test
    void commandsRunOnTheAppAndEachGetsAResultWithItsId() throws Exception {
        startDevice(false);
        ServiceClient service = service(T + "cmd/result");

        service.publish(T + "cmd", "{\"id\": \"c1\", \"cmd\": \"call\", \"args\": {\"target\": \"flat-9\"}}", false);
        JsonNode c1 = resultOf(service, "c1");
        assertEquals("call", c1.get("cmd").asText());
        assertTrue(c1.get("ok").asBoolean());
        assertTrue(c1.get("error").isNull());
        assertEquals("flat-9", c1.get("details").get("target").asText());
        assertEquals("call flat-9", control.nextAction());

        service.publish(T + "cmd", "{\"id\": \"c2\", \"cmd\": \"call\"}", false);
        assertTrue(resultOf(service, "c2").get("ok").asBoolean());
        assertEquals("call <ring plan>", control.nextAction());

        service.publish(T + "cmd", "{\"id\": \"c3\", \"cmd\": \"open-door\", \"args\": {}}", false);
        JsonNode door = resultOf(service, "c3");
        assertTrue(door.get("ok").asBoolean(), door.toString());
        assertEquals("pulsed", door.get("details").get("relay").asText(), "a result that completes later still arrives");
        assertEquals("open-door", control.nextAction());

        service.publish(T + "cmd", "{\"id\": \"c4\", \"cmd\": \"dtmf\", \"args\": {\"keys\": \"12#\"}}", false);
        assertTrue(resultOf(service, "c4").get("ok").asBoolean());
        assertEquals("dtmf 12#", control.nextAction());

        service.publish(T + "cmd", "{\"id\": \"c5\", \"cmd\": \"selftest\"}", false);
        JsonNode selftest = resultOf(service, "c5");
        assertEquals("PASS", selftest.get("details").get("sip").asText());
        assertEquals("selftest", control.nextAction());

        service.publish(T + "cmd", "{\"id\": \"c6\", \"cmd\": \"hangup\"}", false);
        JsonNode hangup = resultOf(service, "c6");
        assertFalse(hangup.get("ok").asBoolean());
        assertEquals("call: no call in progress", hangup.get("error").asText(), "the app's refusal is passed on");
        assertEquals("hangup", control.nextAction());

        service.publish(T + "cmd", "{\"id\": \"c7\", \"cmd\": \"reload\"}", false);
        JsonNode reload = resultOf(service, "c7");
        assertFalse(reload.get("ok").asBoolean());
        assertTrue(reload.get("error").asText().contains("reload: intercom.yaml line 3 unreadable"), reload.toString());

        service.publish(T + "cmd", "{\"id\": \"c8\", \"cmd\": \"press\", \"args\": {\"gesture\": \"long\"}}", false);
        assertTrue(resultOf(service, "c8").get("ok").asBoolean());
        assertEquals("reload", control.nextAction());
        assertEquals("press long", control.nextAction());

        service.publish(T + "cmd", "{\"id\": \"c9\", \"cmd\": \"answer\"}", false);
        assertEquals("call: none is ringing", resultOf(service, "c9").get("error").asText());
    }

    @Test
    void badCommandsAreAnsweredWithTheFieldAtFaultAndNothingRuns() throws Exception {
        startDevice(false);
        ServiceClient service = service(T + "cmd/result");
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{not json", "payload: not valid JSON");
        bad.put("[1, 2]", "payload: must be a JSON object");
        bad.put("{\"cmd\": \"call\"}", "id: is required");
        bad.put("{\"id\": \"b1\", \"cmd\": \"reboot\"}", "cmd: unknown command \"reboot\"");
        bad.put("{\"id\": \"b2\"}", "cmd: is required");
        bad.put("{\"id\": \"b3\", \"cmd\": \"dtmf\"}", "args.keys: is required");
        bad.put("{\"id\": \"b4\", \"cmd\": \"dtmf\", \"args\": {\"keys\": \"12x\"}}", "args.keys: must be 1-32 DTMF keys");
        bad.put("{\"id\": \"b5\", \"cmd\": \"press\", \"args\": {\"gesture\": \"double\"}}",
                "args.gesture: must be short or long, was \"double\"");
        bad.put("{\"id\": \"b6\", \"cmd\": \"call\", \"args\": {\"target\": \"flat 1\"}}", "args.target: must be a userID");
        bad.put("{\"id\": \"b7\", \"cmd\": \"call\", \"args\": {\"targte\": \"flat-1\"}}",
                "args.targte: unknown argument of call (allowed: target)");
        bad.put("{\"id\": \"b8\", \"cmd\": \"open-door\", \"args\": {\"relay\": 2}}", "args.relay: unknown argument");
        bad.put("{\"id\": \"b9\", \"cmd\": \"call\", \"args\": \"flat-1\"}", "args: must be a JSON object");
        bad.put("{\"id\": \"b10\", \"cmd\": \"call\", \"when\": \"now\"}", "when: unknown field");
        bad.put("{\"id\": \"b11\", \"cmd\": \"open-door\", \"expiresAt\": 1000}", "expiresAt: the command expired");
        for (Map.Entry<String, String> entry : bad.entrySet()) {
            service.publish(T + "cmd", entry.getKey(), false);
            JsonNode result = service.awaitJson(T + "cmd/result");
            assertFalse(result.get("ok").asBoolean(), entry.getKey());
            assertTrue(result.get("error").asText().startsWith(entry.getValue()),
                    entry.getKey() + " -> " + result.get("error").asText());
        }
        byte[] huge = new byte[CommandParser.MAX_PAYLOAD_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        service.publish(T + "cmd", huge, false);
        assertEquals("payload: 4097 bytes, more than 4096", service.awaitJson(T + "cmd/result").get("error").asText());
        service.publish(T + "cmd", new byte[] {'{', (byte) 0xC3, '}'}, false);
        assertEquals("payload: not valid UTF-8", service.awaitJson(T + "cmd/result").get("error").asText());

        // a command reusing an id is not run twice
        service.publish(T + "cmd", "{\"id\": \"once\", \"cmd\": \"open-door\"}", false);
        assertTrue(resultOf(service, "once").get("ok").asBoolean());
        service.publish(T + "cmd", "{\"id\": \"once\", \"cmd\": \"open-door\"}", false);
        assertTrue(resultOf(service, "once").get("error").asText().startsWith("id: \"once\" was used by an earlier command"));

        assertEquals("open-door", control.nextAction(), "only the valid command ran");
        assertTrue(control.actions.isEmpty(), "nothing else ran: " + control.actions);
    }

    @Test
    void retainedCommandIsRefusedWhenReplayedAndRunsOnlyLive() throws Exception {
        ServiceClient service = service(T + "cmd/result");
        service.publish(T + "cmd", "{\"id\": \"r1\", \"cmd\": \"open-door\"}", true);
        startDevice(false);
        JsonNode replayed = resultOf(service, "r1");
        assertFalse(replayed.get("ok").asBoolean());
        assertTrue(replayed.get("error").asText().startsWith("retained: a command must be published with RETAIN 0"),
                replayed.toString());
        service.publish(T + "cmd", "", true);

        // published retained while the device listens: that live copy carries no RETAIN flag and runs once
        service.publish(T + "cmd", "{\"id\": \"r2\", \"cmd\": \"open-door\"}", true);
        assertTrue(resultOf(service, "r2").get("ok").asBoolean());
        service.publish(T + "cmd", "", true);
        assertEquals("open-door", control.nextAction());
        assertTrue(control.actions.isEmpty(), "the replayed r1 did not run: " + control.actions);
    }

    @Test
    void provisioningOverTheConfigTopicAppliesRejectsAndIgnores() throws Exception {
        startDevice(false);
        ServiceClient service = service(T + "config/result");

        service.publish(T + "config", "{\"version\": 5, \"settings\": {\"ringPlan\": {\"groups\": [{\"targets\": "
                + "[\"flat-9\"]}]}}}", true);
        JsonNode applied = service.awaitJson(T + "config/result");
        assertEquals("applied", applied.get("status").asText(), applied.toString());
        assertEquals(5, applied.get("activeVersion").asLong());
        assertEquals(List.of("flat-9"), control.applied.get(0).ringPlan().groups().get(0).targets());

        service.publish(T + "config", "{\"version\": 6, \"settings\": {\"ringPlan\": {\"groups\": [{\"targets\": "
                + "[\"a\"], \"timeout\": \"2s\"}]}}}", true);
        JsonNode invalid = service.awaitJson(T + "config/result");
        assertEquals("rejected", invalid.get("status").asText());
        assertEquals("settings.ringPlan.groups[0].timeout: must be between 5s and 300s, was 2s",
                invalid.get("errors").get(0).asText());
        assertEquals(5, invalid.get("activeVersion").asLong(), "the previous config stays");

        service.publish(T + "config", "{garbage", true);
        JsonNode garbage = service.awaitJson(T + "config/result");
        assertEquals("rejected", garbage.get("status").asText());
        assertTrue(garbage.get("version").isNull());
        assertTrue(garbage.get("errors").get(0).asText().contains("not valid JSON"), garbage.toString());

        service.publish(T + "config", "{\"version\": 4, \"settings\": {}}", true);
        JsonNode older = service.awaitJson(T + "config/result");
        assertEquals("ignored", older.get("status").asText());
        assertEquals("version: 4 is older than the applied version 5", older.get("errors").get(0).asText());
        assertEquals(1, control.applied.size(), "only version 5 was applied");

        // the retained version 7 reaches a device that starts later, and is applied once
        service.publish(T + "config", "{\"version\": 7, \"settings\": {\"call\": {\"autoAnswer\": true}}}", true);
        assertEquals("applied", service.awaitJson(T + "config/result").get("status").asText());
        device.close();
        startDevice(false);
        JsonNode replay = service.awaitJson(T + "config/result");
        assertEquals("ignored", replay.get("status").asText(), "the retained copy is not applied twice: " + replay);
        assertEquals(7, replay.get("activeVersion").asLong());
        assertTrue(control.applied.isEmpty(), "the restarted device applied nothing");
    }

    @Test
    void whatArrivesBeforeTheAppHasStartedWaitsForItInOrder() throws Exception {
        // run connects MQTT before the app starts; a retained config is already waiting on the broker
        ServiceClient service = service(T + "config/result");
        service.publish(T + "config", "{\"version\": 3, \"settings\": {\"ringPlan\": {\"groups\": [{\"targets\": "
                + "[\"flat-9\"]}]}}}", true);
        newDevice(false).startBeforeApp();
        assertTrue(device.awaitConnected(WAIT), "device connected: " + device.sessionState());
        Await.condition(() -> device.stats().received() == 1, WAIT.toMillis(), () -> "the retained config reached "
                + "the session; received " + device.stats().received());

        assertTrue(control.connectivity.isEmpty(), "the app was not told about MQTT before it started");
        assertTrue(control.applied.isEmpty(), "the config was not handed to an app that has not started");

        device.appStarted();
        assertTrue(control.nextConnectivity(WAIT), "connected, first");
        JsonNode applied = service.awaitJson(T + "config/result");
        assertEquals("applied", applied.get("status").asText(), applied.toString());
        assertEquals(List.of("flat-9"), control.applied.get(0).ringPlan().groups().get(0).targets());
    }

    @Test
    void wakeupsRingOnceAndStaleDuplicateOrRetainedOnesAreDropped() throws Exception {
        startDevice(false);
        ServiceClient service = service();
        String wakeupTopic = "lt/v1/" + TestDevice.USER + "/wakeup";

        String fresh = Wakeups.incomingCall("w-1", TestDevice.USER, 30_000);
        service.publish(wakeupTopic, fresh, false);
        assertEquals("rang w-1", control.nextAction());

        service.publish(wakeupTopic, fresh, false);
        assertEquals("dropped w-1: duplicate transID", control.nextAction());

        service.publish(wakeupTopic, Wakeups.incomingCall("w-2", TestDevice.USER, -5_000), false);
        assertTrue(control.nextAction().startsWith("dropped w-2: stale: expired"));

        // a retained wakeup never reaches the app: the device that subscribes later drops it
        service.publish(wakeupTopic, Wakeups.incomingCall("w-3", TestDevice.USER, 30_000), true);
        assertEquals("rang w-3", control.nextAction(), "the live copy rings");
        device.close();
        startDevice(false);
        service.publish(wakeupTopic, "", true);
        service.publish(wakeupTopic, Wakeups.incomingCall("w-4", TestDevice.USER, 30_000), false);
        assertEquals("rang w-4", control.nextAction(), "the retained w-3 was not handed to the restarted device");
    }

    @Test
    void provisionedUserIdMovesTheWakeupSubscription() throws Exception {
        startDevice(false);
        ServiceClient service = service();
        LocalConfig moved = TestDevice.write(dir.resolve("etc2"), TestDevice.yaml(broker.uri(), "", false)
                .replace("userId: " + TestDevice.USER, "userId: door-user-2"));
        device.onConfigApplied(moved.bind());
        control.signInAs("door-user-2"); // what the app does with the new sdk section
        assertEquals("lt/v1/door-user-2/wakeup", device.topics().wakeup());
        // the unsubscribe and the new subscription are asynchronous: wait until a wakeup for the new user arrives
        Await.condition(() -> {
            try {
                service.publish("lt/v1/door-user-2/wakeup", Wakeups.incomingCall("u2-" + System.nanoTime(),
                        "door-user-2", 30_000), false);
                return control.actions.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS) != null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 20_000, () -> "no wakeup on the new user's topic");
        service.publish("lt/v1/" + TestDevice.USER + "/wakeup", Wakeups.incomingCall("old-1", "door-user-2", 30_000), false);
        service.publish("lt/v1/door-user-2/wakeup", Wakeups.incomingCall("new-1", "door-user-2", 30_000), false);
        List<String> seen = new ArrayList<>();
        while (!seen.contains("rang new-1")) {
            seen.add(control.nextAction());
        }
        assertFalse(seen.contains("rang old-1"), "the old user's topic is no longer heard: " + seen);
    }

    @Test
    void statusIsRetainedEventsArePublishedAndOfflineEventsSentOnConnect() throws Exception {
        ServiceClient service = service(T + "event", T + "status");
        LocalConfig local = TestDevice.write(dir.resolve("etc"), TestDevice.yaml(broker.uri(), "", false));
        control = new RecordingControl(local, dir.resolve("state"));
        control.queueOfflineEvent("{\"type\":\"button-pressed-offline\",\"at\":1,\"reason\":\"network-down\"}");
        IntercomConfig config = local.bind();
        device = new DeviceMqtt(config, control);
        open.add(device);
        assertFalse(device.event(Map.of("type", "door-opened")), "not connected yet: the app must queue it");
        device.start();
        assertEquals(device, control.reporter(), "start registers the reporter");
        assertTrue(device.awaitConnected(WAIT));
        assertTrue(control.nextConnectivity(WAIT));

        JsonNode drained = service.awaitJson(T + "event");
        assertEquals("button-pressed-offline", drained.get("type").asText());
        assertEquals(0, control.queuedEvents());

        control.reporter().statusChanged(new DeviceStatus("registered", "ringing", "SPEAKER", 7, "0.1.0", "0.1.0",
                42, null, List.of("echo cancellation unavailable")));
        JsonNode status = service.await(r -> r.topic().equals(T + "status")
                && "ringing".equals(r.json().path("callState").asText()), WAIT).json();
        assertEquals("online", status.get("state").asText());
        assertEquals("registered", status.get("registration").asText());
        assertEquals("SPEAKER", status.get("audioRoute").asText());
        assertEquals(7, status.get("configVersion").asLong());
        assertEquals(42, status.get("uptimeSeconds").asLong());
        assertEquals("echo cancellation unavailable", status.get("warnings").get(0).asText());
        assertFalse(status.has("lastError"), "no error, no field");

        assertTrue(control.reporter().event(Map.of("type", "door-opened", "by", "door-code")));
        JsonNode event = service.awaitJson(T + "event");
        assertEquals("door-opened", event.get("type").asText());
        assertEquals("door-code", event.get("by").asText());

        try (ServiceClient late = ServiceClient.connect(broker.uri())) {
            late.subscribe(T + "status");
            ServiceClient.Received retained = late.await(r -> true, WAIT);
            assertTrue(retained.retained());
            assertEquals("ringing", retained.json().get("callState").asText(), "a late subscriber reads the status");
        }

        device.close();
        JsonNode offline = service.await(r -> r.topic().equals(T + "status")
                && "offline".equals(r.json().path("state").asText()), WAIT).json();
        assertEquals("shutdown", offline.get("reason").asText());
        assertFalse(control.nextConnectivity(WAIT), "the app hears that MQTT is gone");
        assertFalse(device.event(Map.of("type", "late")), "after close events are left to the app's queue");
    }

    @Test
    void homeAssistantDiscoveryDescribesTheDeviceAndIsClearedWhenSwitchedOff() throws Exception {
        ServiceClient ha = service("homeassistant/#", T + "cmd/result");
        startDevice(true);
        Map<String, JsonNode> docs = new java.util.TreeMap<>();
        while (docs.size() < 4) {
            ServiceClient.Received doc = ha.await(r -> r.topic().startsWith("homeassistant/"), WAIT);
            docs.put(doc.topic(), doc.json());
        }
        assertEquals(Set.of("homeassistant/sensor/door-1/call_state/config",
                "homeassistant/binary_sensor/door-1/registration/config",
                "homeassistant/button/door-1/call/config",
                "homeassistant/button/door-1/open_door/config"), docs.keySet());
        for (JsonNode doc : docs.values()) {
            assertEquals("lt-intercom-door-1", doc.get("device").get("identifiers").get(0).asText());
            assertEquals("door-1", doc.get("device").get("name").asText());
            assertEquals("lt-intercom (simulated)", doc.get("device").get("model").asText());
            assertEquals(T + "status", doc.get("availability_topic").asText());
            assertEquals("online", doc.get("payload_available").asText());
            assertEquals("offline", doc.get("payload_not_available").asText());
            assertTrue(doc.get("unique_id").asText().startsWith("door-1_"));
        }
        JsonNode sensor = docs.get("homeassistant/sensor/door-1/call_state/config");
        assertEquals(T + "status", sensor.get("state_topic").asText());
        assertTrue(sensor.get("value_template").asText().contains("value_json.callState"));
        JsonNode registration = docs.get("homeassistant/binary_sensor/door-1/registration/config");
        assertEquals("connectivity", registration.get("device_class").asText());
        assertTrue(registration.get("value_template").asText().contains("'registered'"));

        // a sw_version arrives with the first status and the documents follow it
        control.reporter().statusChanged(new DeviceStatus("registered", "idle", "SPEAKER", 0, "1.2.3", "1.2.3", 1,
                null, List.of()));
        for (int i = 0; i < 4; i++) {
            JsonNode versioned = ha.await(r -> r.topic().startsWith("homeassistant/")
                    && "1.2.3".equals(r.json().path("device").path("sw_version").asText()), WAIT).json();
            assertEquals("lt-intercom-door-1", versioned.get("device").get("identifiers").get(0).asText());
        }

        // pressing a button: Home Assistant renders the command template and publishes on the cmd topic
        for (String object : List.of("call", "open_door")) {
            JsonNode button = docs.get("homeassistant/button/door-1/" + object + "/config");
            assertEquals(T + "cmd", button.get("command_topic").asText());
            assertFalse(button.get("retain").asBoolean());
            long now = System.currentTimeMillis();
            String rendered = button.get("command_template").asText()
                    .replace(HomeAssistantDiscovery.PRESS_TIME, now / 1000 + ".123")
                    .replace(HomeAssistantDiscovery.PRESS_EXPIRY, Long.toString(now + 30_000));
            ha.publish(button.get("command_topic").asText(), rendered, false);
        }
        assertEquals("call <ring plan>", control.nextAction());
        assertEquals("open-door", control.nextAction());
        assertTrue(ha.await(r -> r.topic().equals(T + "cmd/result"), WAIT).json().get("ok").asBoolean());

        // switched off (provisioned or reloaded): the documents are cleared with empty retained messages
        ha.drain();
        LocalConfig off = TestDevice.write(dir.resolve("etc-off"), TestDevice.yaml(broker.uri(), "", false));
        device.onConfigApplied(off.bind());
        Set<String> cleared = new java.util.TreeSet<>();
        while (cleared.size() < 4) {
            ServiceClient.Received empty = ha.await(r -> r.topic().startsWith("homeassistant/"), WAIT);
            assertEquals("", empty.payload(), "only empty payloads after switching off: " + empty);
            cleared.add(empty.topic());
        }
        assertEquals(docs.keySet(), cleared);
        try (ServiceClient fresh = ServiceClient.connect(broker.uri())) {
            fresh.subscribe("homeassistant/#");
            fresh.publish("homeassistant/sentinel", "end", false);
            ServiceClient.Received first = fresh.await(r -> true, WAIT);
            assertEquals("homeassistant/sentinel", first.topic(), "no retained discovery document is left: " + first);
        }
    }

    @Test
    void startAndCloseTwiceLeaveNoThreadBehind() throws Exception {
        Set<String> before = Await.threadNames();
        for (int cycle = 0; cycle < 2; cycle++) {
            startDevice(true);
            device.close();
            device.close(); // idempotent
            Await.noNewThreads(before);
        }
    }
}
