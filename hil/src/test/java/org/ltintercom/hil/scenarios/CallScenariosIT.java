package org.ltintercom.hil.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hil.LedPatternReader;
import org.ltintercom.hil.Tones;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.hil.scenarios.FarEndAudio.AUDIBLE;
import static org.ltintercom.hil.scenarios.FarEndAudio.DOOR_TONE;
import static org.ltintercom.hil.scenarios.FarEndAudio.PHONE_TONE;

/**
 * Calls through the door station on the rig, against the real call-server, mosquitto and far ends
 * (baresip phones, SIPp devices). Each scenario asserts the LED pattern sequence, the events the
 * station published and the audio both ways, and reports the key timings.
 */
public class CallScenariosIT extends WorldScenario {

    /** The ringback the station plays while calling out (hal Tone.RINGBACK) and its ringtone's first note. */
    static final double RINGBACK = 425;
    static final double RINGTONE_NOTE = 660;

    private Duration patience() {
        return rig.patience();
    }

    @Test
    void buttonCallsTheFarEndWhichAnswersSpeechFlowsBothWaysAndTheFarEndHangsUp(ScenarioTimings timings) throws Exception {
        Baresip phone = world.phone("flat-1", false);
        long started = System.nanoTime();
        world.startDoor(rig, "flat-1", watch);
        LedPatternReader.await(rig.statusLed(), LedPattern.ON, started, patience()); // registered, idle
        rig.loopIntoMicrophone(Tones.sine(DOOR_TONE, 1000, 8000));

        long pressed = System.nanoTime();
        rig.clickCallButton();
        JsonNode incoming = phone.awaitEvent("CALL_INCOMING", patience());
        timings.record(ScenarioTimings.BUTTON_TO_INVITE, pressed, Baresip.receivedAtNanos(incoming));
        LedPatternReader.await(rig.statusLed(), LedPattern.DOUBLE_BLINK, pressed, patience());
        rig.speaker().awaitHeard(RINGBACK, AUDIBLE, pressed, patience());
        assertEquals("outgoing", watch.awaitEvent("call-started", 1, patience()).body().path("direction").asText());

        long answered = System.nanoTime();
        phone.command("accept", null);
        phone.awaitEvent("CALL_ESTABLISHED", patience());
        long firstAudio = rig.speaker().awaitHeard(PHONE_TONE, AUDIBLE, answered, patience());
        timings.record(ScenarioTimings.ANSWER_TO_FIRST_AUDIO, answered, firstAudio);
        LedPatternReader.await(rig.statusLed(), LedPattern.ON, answered, patience());
        watch.awaitEvent("call-connected", 1, patience());
        watch.awaitStatus("connected", s -> "connected".equals(s.path("callState").asText()), patience());
        long hungUp = System.nanoTime();
        phone.command("hangup", null);
        phone.awaitEvent("CALL_CLOSED", patience());
        // baresip's sndfile completes its WAV files when the call closes
        watch.await("the phone heard the door's " + DOOR_TONE + " Hz", patience(), () -> {
            try {
                return FarEndAudio.phoneHeard(world.recordingsOf("flat-1"), DOOR_TONE);
            } catch (java.io.IOException e) {
                return false;
            }
        });
        var ended = watch.awaitEvent("call-ended", 1, patience()).body();
        assertEquals("outgoing", ended.path("direction").asText(), ended.toString());
        watch.awaitStatus("idle", s -> "idle".equals(s.path("callState").asText()), patience());
        assertEquals(LedPattern.ON, LedPatternReader.awaitOther(rig.statusLed(), LedPattern.DOUBLE_BLINK, hungUp, patience()),
                "back to registered and idle");
        assertFalse(rig.relay().edges().stream().skip(1).anyMatch(e -> e.high()), "nobody keyed the door code");
    }

    @Test
    void wakeupRingsTheDoorTheButtonAnswersAndALongPressHangsUp(ScenarioTimings timings) throws Exception {
        Baresip phone = world.phone("flat-1", false);
        world.startDoor(rig, "flat-1", watch);
        rig.loopIntoMicrophone(Tones.sine(DOOR_TONE, 1000, 8000));

        long dialled = System.nanoTime();
        phone.command("dial", "sip:" + CallWorld.DOOR + "@127.0.0.1");
        long ring = LedPatternReader.await(rig.statusLed(), LedPattern.FAST_BLINK, dialled, patience());
        assertFalse(world.wakeups.sentAtNanos().isEmpty(), "the call-server woke the station over MQTT");
        long wakeup = world.wakeups.sentAtNanos().get(0);
        timings.record(ScenarioTimings.WAKEUP_TO_RING, wakeup, ring);
        rig.speaker().awaitHeard(RINGTONE_NOTE, AUDIBLE, dialled, patience());
        watch.awaitStatus("ringing", s -> "ringing".equals(s.path("callState").asText()), patience());

        long answered = System.nanoTime();
        rig.clickCallButton(); // the button means ANSWER while a call rings
        phone.awaitEvent("CALL_ESTABLISHED", patience());
        long firstAudio = rig.speaker().awaitHeard(PHONE_TONE, AUDIBLE, answered, patience());
        timings.record(ScenarioTimings.ANSWER_TO_FIRST_AUDIO, answered, firstAudio);
        LedPatternReader.await(rig.statusLed(), LedPattern.ON, answered, patience());
        assertEquals("incoming", watch.awaitEvent("call-connected", 1, patience()).body().path("direction").asText());

        long longPress = System.nanoTime();
        rig.longPressCallButton();
        phone.awaitEvent("CALL_CLOSED", patience());
        var ended = watch.awaitEvent("call-ended", 1, patience()).body();
        assertEquals("incoming", ended.path("direction").asText(), ended.toString());
        assertEquals(1, ended.path("status").asInt(), "hung up at the door: " + ended);
        watch.awaitStatus("idle", s -> "idle".equals(s.path("callState").asText()), patience());
        LedPatternReader.await(rig.statusLed(), LedPattern.ON, longPress, patience());
    }

    @Test
    void busyFarEndEndsTheAttemptWithStatusBusy(ScenarioTimings timings) throws Exception {
        world.device("flat-2", "csDeviceBusy");
        world.startDoor(rig, "flat-2", watch);
        long pressed = System.nanoTime();
        rig.clickCallButton();
        // 486 comes at once: the LED may not finish one DOUBLE_BLINK cycle, so only the end is asserted
        var ended = watch.awaitEvent("call-ended", 1, patience());
        timings.record("button -> busy", pressed, ended.atNanos());
        assertEquals("flat-2", watch.awaitEvent("call-started", 1, patience()).body().path("peer").asText());
        assertEquals(5, ended.body().path("status").asInt(), ended.body().toString());
        assertEquals("BUSY", ended.body().path("statusName").asText());
        assertEquals(LedPattern.ON, LedPatternReader.awaitOther(rig.statusLed(), LedPattern.DOUBLE_BLINK, pressed, patience()));
        watch.awaitStatus("idle", s -> "idle".equals(s.path("callState").asText()), patience());
    }

    @Test
    void farEndThatDeclinesEndsTheAttemptWithStatusDecline(ScenarioTimings timings) throws Exception {
        world.device("flat-3", "csDeviceDeclines");
        world.startDoor(rig, "flat-3", watch);
        long pressed = System.nanoTime();
        rig.clickCallButton();
        rig.speaker().awaitHeard(RINGBACK, AUDIBLE, pressed, patience()); // the device rang (180) before it declined
        rig.statusLed().awaitEdge(false, pressed, patience()); // the LED flashed (calling out) for the half second
        var ended = watch.awaitEvent("call-ended", 1, patience());
        timings.record("button -> declined", pressed, ended.atNanos());
        assertEquals(4, ended.body().path("status").asInt(), ended.body().toString());
        assertEquals("DECLINE", ended.body().path("statusName").asText());
        assertEquals(LedPattern.ON, LedPatternReader.awaitOther(rig.statusLed(), LedPattern.DOUBLE_BLINK, pressed, patience()));
    }
}
