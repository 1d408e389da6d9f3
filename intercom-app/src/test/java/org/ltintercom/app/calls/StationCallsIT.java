package org.ltintercom.app.calls;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.provisioning.ConfigResult;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.hal.gpio.ButtonRole;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hal.sim.Simulator;
import org.ltintercom.sdk.LTSDK;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.app.calls.StationRig.until;

/**
 * The door station app in-process on the simulated HAL against the real call-server, Kamailio
 * and baresip phones: the call button, DTMF door code, incoming calls, provisioning rollback and
 * start/stop cycles.
 */
class StationCallsIT {

    @TempDir
    static Path temp;
    static StationRig rig;

    @BeforeAll
    static void startRig() throws Exception {
        rig = new StationRig(temp);
    }

    @AfterAll
    static void stopRig() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void buttonRingsThePhoneWhichAnswersAndALongPressHangsUp() throws Exception {
        try (Baresip phone = Baresip.start(rig.users.get(1).userID(), rig.users.get(1).sipPassword(), rig.kamailio.port(), true);
             StationRig.Station door = rig.start(rig.doorConfig(""))) {
            phone.awaitRegistered(StationRig.WAIT);
            door.awaitRegistered();
            Simulator sim = door.app.hardware().simulator().orElseThrow();
            sim.click(ButtonRole.CALL);
            until("calling", () -> door.reporter.statuses.stream().anyMatch(st -> st.callState().equals("calling"))); // baresip may answer at once
            phone.awaitEvent("CALL_ESTABLISHED", StationRig.WAIT);
            until(() -> "connected; events " + door.reporter.events, () -> door.reporter.events("call-connected").size() == 1);
            until("status connected", () -> door.reporter.last().callState().equals("connected"));
            until("LED steady ON while connected", () -> door.app.hardware().statusLed().pattern() == LedPattern.ON);
            Map<String, Object> started = door.reporter.events("call-started").get(0);
            assertEquals(rig.users.get(1).userID(), started.get("peer"));
            assertEquals("outgoing", started.get("direction"));

            sim.longPress(ButtonRole.CALL);
            until(() -> "call ended; events " + door.reporter.events, () -> door.reporter.events("call-ended").size() == 1);
            Map<String, Object> ended = door.reporter.events("call-ended").get(0);
            assertEquals(1, ended.get("status"), ended.toString());
            assertEquals("HANGUP", ended.get("statusName"));
            phone.awaitEvent("CALL_CLOSED", StationRig.WAIT);
            until("status idle", () -> door.reporter.last().callState().equals("idle"));
        }
    }

    @Test
    void theCallTimerWarnsOnTheSpeakerAndCutsTheCallAtMaxCallTime() throws Exception {
        try (Baresip phone = Baresip.start(rig.users.get(1).userID(), rig.users.get(1).sipPassword(), rig.kamailio.port(), true);
             StationRig.Station door = rig.start(rig.doorConfig("call: {maxCallTime: 10s, warningBefore: 5s}\n"))) {
            phone.awaitRegistered(StationRig.WAIT);
            door.awaitRegistered();
            var speaker = door.app.hardware().simulator().orElseThrow().audio();
            door.app.hardware().simulator().orElseThrow().click(ButtonRole.CALL);
            phone.awaitEvent("CALL_ESTABLISHED", StationRig.WAIT);
            until("the warning beeps on the speaker", () -> playedTone(speaker.playedSamples(
                    org.ltintercom.sdk.call.LTAudioRoute.SPEAKER), 1400));
            until("cut", () -> door.reporter.events("call-ended").size() == 1);
            assertEquals("HANGUP", door.reporter.events("call-ended").get(0).get("statusName"));
            phone.awaitEvent("CALL_CLOSED", StationRig.WAIT);
        }
    }

    /** True when some 20 ms frame of {@code samples} is dominated by {@code hz}. */
    static boolean playedTone(short[] samples, double hz) {
        for (int at = 0; at + 960 <= samples.length; at += 960) {
            short[] frame = java.util.Arrays.copyOfRange(samples, at, at + 960);
            double tone = LoopToneCheck.amplitude(frame, hz);
            if (tone > 300 && tone > 5 * LoopToneCheck.amplitude(frame, 440)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theCallCommandPlacesOneCallAndExitsZeroWhenItConnected() throws Exception {
        try (Baresip phone = Baresip.start(rig.users.get(1).userID(), rig.users.get(1).sipPassword(), rig.kamailio.port(), true)) {
            phone.awaitRegistered(StationRig.WAIT);
            Path config = rig.doorConfig("");
            java.io.StringWriter out = new java.io.StringWriter();
            var cli = org.ltintercom.app.cli.IntercomCommand.commandLine().setOut(new java.io.PrintWriter(out));
            var exit = java.util.concurrent.CompletableFuture.supplyAsync(() -> cli.execute("call", rig.users.get(1).userID(),
                    "-c", config.toString(), "-s", temp.resolve("cli-state").toString()));
            phone.awaitEvent("CALL_ESTABLISHED", StationRig.WAIT);
            phone.command("hangup", null);
            assertEquals(0, exit.get(30, TimeUnit.SECONDS), out.toString());
            assertTrue(out.toString().contains("connected to " + rig.users.get(1).userID()), out.toString());
            assertTrue(out.toString().contains("call ended after"), out.toString());
        }
    }

    @Test
    void theIndoorUnitKeysTheDoorCodeTheRelayPulsesAndWrongCodesLockIt() throws Exception {
        try (SdkPhone indoor = new SdkPhone(rig.users.get(1).userID(), rig.users.get(1).sipPassword(), rig.kamailio.port());
             StationRig.Station door = rig.start(rig.doorConfig(""))) {
            door.awaitRegistered();
            Simulator sim = door.app.hardware().simulator().orElseThrow();
            sim.click(ButtonRole.CALL);
            until(() -> "connected; events " + door.reporter.events, () -> door.reporter.events("call-connected").size() == 1);

            indoor.key("4711");
            until(() -> "door opened; events " + door.reporter.events + " indoor heard " + indoor.heard, () -> door.reporter.events("door-opened").size() == 1);
            assertEquals("door-code", door.reporter.events("door-opened").get(0).get("via"));
            until("relay pulsed", () -> sim.relayChanges().stream().anyMatch(c -> c.startsWith("on@")));

            indoor.key("0000");
            until(() -> "a wrong code; events " + door.reporter.events, () -> door.reporter.events("door-code-wrong").size() == 1);
            indoor.key("1234");
            until(() -> "the lockout; events " + door.reporter.events, () -> door.reporter.events("door-code-locked").size() == 1);
            indoor.key("4711");
            indoor.key("#");
            assertEquals(1, door.reporter.events("door-opened").size(), "nothing opens the door during the lockout");

            assertTrue(door.app.hangup().get(10, TimeUnit.SECONDS).ok());
            indoor.awaitHeard("ended 1");
            until("call-ended", () -> door.reporter.events("call-ended").size() == 1);
        }
    }

    @Test
    void aPhoneCallingTheDoorRingsItTheButtonAnswersAndALongPressHangsUp() throws Exception {
        try (Baresip phone = Baresip.start(rig.users.get(2).userID(), rig.users.get(2).sipPassword(), rig.kamailio.port(), false);
             StationRig.Station door = rig.start(rig.doorConfig(""))) {
            phone.awaitRegistered(StationRig.WAIT);
            door.awaitRegistered();
            Simulator sim = door.app.hardware().simulator().orElseThrow();
            phone.command("dial", "sip:" + rig.users.get(0).userID() + "@127.0.0.1");
            until("ringing", () -> door.reporter.last().callState().equals("ringing"));
            until("LED fast blink while ringing", () -> door.app.hardware().statusLed().pattern() == LedPattern.FAST_BLINK);
            Map<String, Object> started = door.reporter.events("call-started").get(0);
            assertEquals("incoming", started.get("direction"));
            assertEquals(rig.users.get(2).userID(), started.get("peer"));

            sim.click(ButtonRole.CALL); // the button means ANSWER while a call rings
            phone.awaitEvent("CALL_ESTABLISHED", StationRig.WAIT);
            until("connected", () -> door.reporter.last().callState().equals("connected"));
            assertEquals(1, door.reporter.events("call-connected").size());

            sim.longPress(ButtonRole.CALL);
            phone.awaitEvent("CALL_CLOSED", StationRig.WAIT);
            until("call-ended", () -> door.reporter.events("call-ended").size() == 1);
            assertEquals("incoming", door.reporter.events("call-ended").get(0).get("direction"));
        }
    }

    @Test
    void aProvisionedAccountThatCannotRegisterIsRolledBackToTheOldOne() throws Exception {
        try (StationRig.Station door = rig.start(rig.doorConfig(""))) {
            door.awaitRegistered();
            var wrong = rig.users.get(StationRig.WRONG_PASSWORD_USER);
            String payload = """
                    {"version": 5, "settings": {"sdk": {"serviceUrl": "%s", "userId": "%s", "uuid": "%s"},
                                                "sip": {"registrationTimeout": "10s"}}}"""
                    .formatted(rig.server.baseUri(), wrong.userID(), wrong.uuid());
            ConfigResult result = door.app.onConfigMessage(payload).get(60, TimeUnit.SECONDS);
            assertEquals(ConfigResult.Status.REJECTED, result.status(), result.toJson());
            assertTrue(result.errors().get(0).contains("rolled back to version 0"), result.errors().toString());
            assertTrue(result.errors().get(0).contains("102 REGISTER_FORBIDDEN"), result.errors().toString());
            assertEquals(rig.users.get(0).userID(), door.app.config().sdk().userId());
            until("the old account registered again", () -> door.reporter.last().registration().equals("registered")
                    && LTSDK.isRegistered());
            assertEquals(0, door.app.status().configVersion());
        }
    }

    @Test
    void aStationStartedWhileTheServiceIsDownSignsInWhenItComesBack() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = rig.doorConfig("");
        String base = rig.server.baseUri().toString().replaceAll("/$", "");
        java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config)
                .replace(base, "http://127.0.0.1:" + port));
        try (StationRig.Station door = rig.start(config)) {
            until("the unreachable service is reported", () -> door.reporter.last() != null
                    && "failed".equals(door.reporter.last().registration())
                    && door.reporter.last().lastError().contains("could not reach the service"));
            try (org.ltintercom.callserver.CallServer late = org.ltintercom.callserver.CallServer.start(
                    org.ltintercom.callserver.CallServerConfig.builder().host("127.0.0.1").port(port)
                            .dataDir(temp.resolve("late-server")).usersFile(rig.users.file()).adminToken("it-admin-token")
                            .httpThreads(2).sipDomain("127.0.0.1").sipProxy("sip:127.0.0.1:" + rig.kamailio.port()).build())) {
                door.awaitRegistered();
                assertTrue(LTSDK.isRegistered());
            }
        }
    }

    @Test
    void startingAndClosingTwiceLeavesNoThreadBehind() throws Exception {
        Set<String> before = appThreads();
        for (int cycle = 0; cycle < 2; cycle++) {
            try (StationRig.Station door = rig.start(rig.doorConfig(""))) {
                door.awaitRegistered();
                assertTrue(appThreads().stream().anyMatch(n -> n.startsWith("lt-sip")), appThreads().toString());
            }
            assertFalse(LTSDK.isRegistered());
            // a subset, not equality: a thread of an earlier test in this fork may end meanwhile (Moquette's globalEventExecutor)
            until(() -> "threads gone, left: " + appThreads() + " before: " + before, () -> before.containsAll(appThreads()));
        }
    }

    /**
     * Live threads the station may own: everything but the JVM's, the test runner's, the
     * call-server's, the JDK HTTP client's (ends when garbage collected), JNA's one cleaner and
     * the baresip fixture's control readers.
     */
    static Set<String> appThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> !(n.startsWith("surefire") || n.startsWith("failsafe") || n.startsWith("process reaper")
                        || n.startsWith("Common-Cleaner") || n.startsWith("ForkJoinPool") || n.startsWith("HttpClient-")
                        || n.startsWith("lt-callserver") || n.startsWith("lt-cs-") || n.startsWith("sqlite")
                        || n.startsWith("lt-test-") || n.equals("main")
                        || n.equals("Reference Handler") || n.equals("Finalizer") || n.equals("Signal Dispatcher")
                        || n.equals("Attach Listener") || n.equals("JNA Cleaner") || n.equals("Notification Thread")))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
