package org.ltintercom.hal.presenter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.hal.audio.TonePlayer;
import org.ltintercom.hal.gpio.ButtonEvent;
import org.ltintercom.hal.gpio.ButtonGesture;
import org.ltintercom.hal.gpio.ButtonRole;
import org.ltintercom.hal.gpio.LedOutput;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hal.gpio.LedTimeline;
import org.ltintercom.hal.gpio.PatternLed;
import org.ltintercom.hal.time.HalScheduler;
import org.ltintercom.hal.time.ManualClock;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCallPresenterState;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every presenter state on the simulated twin: LED transitions in virtual time, tones, button meaning. */
class PresenterRendererTest {

    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock();
    private final HalScheduler outputs = new HalScheduler("lt-hal-outputs", clock);
    private final SimulatedAudioBackend audio = new SimulatedAudioBackend(EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER));
    private final PatternLed led = new PatternLed("status", LedOutput.none(true), outputs);
    private final TonePlayer tones = new TonePlayer(audio, clock);
    private final LedTimeline timeline = new LedTimeline();
    private final PresenterRenderer renderer;

    PresenterRendererTest() {
        led.addListener(timeline);
        renderer = new PresenterRenderer(led, tones, audio, PresenterConfig.defaults());
        clock.settle();
    }

    @AfterEach
    void stop() {
        tones.close();
        led.close();
        outputs.close();
    }

    /** "ms:on/off" of a pattern's transitions since the last clear, relative to {@code origin}. */
    private List<String> shown(LedPattern pattern, long originMs) {
        return timeline.of(pattern).stream()
                .map(t -> (t.scheduledNanos() / MS - originMs) + (t.on() ? ":on" : ":off")).toList();
    }

    private void registered() {
        renderer.onRegistrationChanged(RegistrationState.REGISTERED);
        clock.settle();
    }

    @Test
    void registeringBlinksSlowlyAndRegisteredIsSteady() {
        renderer.onRegistrationChanged(RegistrationState.REGISTERING);
        clock.advanceMillis(1000);
        renderer.onRegistrationChanged(RegistrationState.REGISTERED);
        clock.advanceMillis(1000);

        assertEquals(List.of("0:on", "500:off", "1000:on"), shown(LedPattern.SLOW_BLINK, 0));
        assertEquals(List.of("1000:on"), shown(LedPattern.ON, 0));
        assertEquals(ButtonMeaning.CALL, renderer.buttonMeaning());
    }

    @Test
    void theErrorChimePlaysOutWhileRegistrationRetriesRedrawTheLed() {
        renderer.onRegistrationChanged(RegistrationState.FAILED);
        renderer.playErrorChime();
        clock.advanceMillis(100);
        renderer.onRegistrationChanged(RegistrationState.REGISTERING); // a sign-in retry
        renderer.onRegistrationChanged(RegistrationState.FAILED);
        assertEquals(Optional.of("error"), tones.playing(), "the chime is not cut by the redraw");
        clock.advanceMillis(2000);
        assertEquals(Optional.empty(), tones.playing(), "it played once and ended");
        assertTrue(audio.playedFrames(LTAudioRoute.SPEAKER).size() >= 30, "about 700 ms of chime played: "
                + audio.playedFrames(LTAudioRoute.SPEAKER).size() + " frames");
    }

    @Test
    void failedRegistrationShowsTheErrorPattern() {
        renderer.onRegistrationChanged(RegistrationState.FAILED);
        clock.advanceMillis(1500);
        assertEquals(List.of("0:on", "100:off", "200:on", "300:off", "400:on", "500:off", "1500:on"),
                shown(LedPattern.ERROR, 0));
    }

    @Test
    void incomingCallBlinksFastRingsOnTheSpeakerAndTheButtonAnswers() {
        registered();
        clock.advanceMillis(100);
        renderer.onCallChanged("c1", LTCallPresenterState.INCOMING);
        clock.advanceMillis(500);

        assertEquals(List.of("0:on", "125:off", "250:on", "375:off", "500:on"), shown(LedPattern.FAST_BLINK, 100));
        assertEquals(26, audio.playedFrames(LTAudioRoute.SPEAKER).size(), "ringtone frames at 0..500 ms");
        assertEquals(ButtonMeaning.ANSWER, renderer.buttonMeaning());
        assertEquals(new ButtonCommand(ButtonCommand.Action.ANSWER, "c1"), press(ButtonGesture.SHORT_PRESS));
        assertEquals(new ButtonCommand(ButtonCommand.Action.HANG_UP, "c1"), press(ButtonGesture.LONG_PRESS), "decline");
    }

    @Test
    void outgoingCallDoubleBlinksWithRingbackAndOnlyALongPressHangsUp() {
        registered();
        renderer.onCallChanged("c2", LTCallPresenterState.OUTGOING);
        clock.advanceMillis(1120);

        assertEquals(List.of("0:on", "120:off", "240:on", "360:off", "1120:on"), shown(LedPattern.DOUBLE_BLINK, 0));
        assertTrue(audio.playedFrames(LTAudioRoute.SPEAKER).size() > 50);
        assertEquals(Optional.of("ringback"), tones.playing());
        assertEquals(ButtonMeaning.HANG_UP, renderer.buttonMeaning());
        assertEquals(ButtonCommand.NONE, press(ButtonGesture.SHORT_PRESS), "pressing again does not cancel");
        assertEquals(new ButtonCommand(ButtonCommand.Action.HANG_UP, "c2"), press(ButtonGesture.LONG_PRESS));
    }

    @Test
    void activeCallIsSteadyAndSilentAndTheButtonHangsUp() {
        registered();
        renderer.onCallChanged("c3", LTCallPresenterState.OUTGOING);
        clock.advanceMillis(300);
        renderer.onCallChanged("c3", LTCallPresenterState.UNHOLD);
        clock.advanceMillis(300);

        assertEquals(List.of("300:on"), shown(LedPattern.ON, 0).subList(1, 2));
        assertEquals(Optional.empty(), tones.playing());
        assertEquals(0, audio.openStreams(), "ringback stopped, speaker released for the call");
        assertEquals(new ButtonCommand(ButtonCommand.Action.HANG_UP, "c3"), press(ButtonGesture.SHORT_PRESS));
        assertEquals(new ButtonCommand(ButtonCommand.Action.TOGGLE_MUTE, "c3"),
                renderer.commandFor(new ButtonEvent(ButtonRole.MUTE, ButtonGesture.SHORT_PRESS, 0)));
    }

    @Test
    void answeredOutgoingCallStopsRingbackAndShowsActive() {
        registered();
        renderer.onCallChanged("c7", LTCallPresenterState.OUTGOING);
        clock.advanceMillis(500);
        renderer.onCallConnected("c7");
        clock.advanceMillis(100);

        assertEquals(LedPattern.ON, led.pattern());
        assertEquals(Optional.empty(), tones.playing());
        assertEquals(new ButtonCommand(ButtonCommand.Action.HANG_UP, "c7"), press(ButtonGesture.SHORT_PRESS));
    }

    @Test
    void heldCallBreathes() {
        registered();
        renderer.onCallChanged("c4", LTCallPresenterState.UNHOLD);
        clock.advanceMillis(100);
        renderer.onCallChanged("c4", LTCallPresenterState.HOLD);
        clock.advanceMillis(2000);

        long changes = timeline.of(LedPattern.BREATHING).size();
        assertTrue(changes >= 30, "a fade in steps of 50 ms: " + changes);
        assertEquals(100 * MS, timeline.of(LedPattern.BREATHING).get(0).scheduledNanos());
        assertEquals(ButtonMeaning.HANG_UP, renderer.buttonMeaning());
    }

    @Test
    void endReturnsToTheRegistrationPatternAndTheButtonCallsAgain() {
        registered();
        renderer.onCallChanged("c5", LTCallPresenterState.INCOMING);
        clock.advanceMillis(200);
        renderer.onCallChanged("c5", LTCallPresenterState.END);
        clock.advanceMillis(200);

        assertEquals(LedPattern.ON, led.pattern());
        assertEquals(List.of("200:on"), shown(LedPattern.ON, 0).subList(1, 2));
        assertEquals(Optional.empty(), tones.playing());
        assertEquals(new ButtonCommand(ButtonCommand.Action.CALL, null), press(ButtonGesture.SHORT_PRESS));
        assertEquals(new ButtonCommand(ButtonCommand.Action.CALL, null), press(ButtonGesture.LONG_PRESS),
                "a visitor holding the bell still calls");
    }

    @Test
    void incomingCallWinsOverACallOnHold() {
        registered();
        renderer.onCallChanged("held", LTCallPresenterState.HOLD);
        renderer.onCallChanged("new", LTCallPresenterState.INCOMING);
        clock.settle();

        assertEquals(LedPattern.FAST_BLINK, led.pattern());
        assertEquals(new ButtonCommand(ButtonCommand.Action.ANSWER, "new"), press(ButtonGesture.SHORT_PRESS));
        renderer.onCallChanged("new", LTCallPresenterState.END);
        clock.settle();
        assertEquals(LedPattern.BREATHING, led.pattern());
    }

    @Test
    void withoutASpeakerTheRingtoneFallsBackToTheBuiltinRoute() {
        audio.setRoutePresent(LTAudioRoute.SPEAKER, false);
        renderer.onCallChanged("c6", LTCallPresenterState.INCOMING);
        clock.advanceMillis(100);

        assertEquals(6, audio.playedFrames(LTAudioRoute.BUILTIN).size());
    }

    @Test
    void configuredWavRingtoneRingsInsteadOfTheBuiltInOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path wav = dir.resolve("bell.wav");
        short[] bell = new short[4800];
        java.util.Arrays.fill(bell, (short) 1234);
        org.ltintercom.hal.audio.WavFiles.write(wav, bell);
        PresenterRenderer custom = new PresenterRenderer(led, tones, audio,
                new PresenterConfig(List.of(LTAudioRoute.SPEAKER), ""));
        custom.useRingtoneFile("/nonexistent/old.wav");          // ignored, logged
        custom.useRingtoneFile(wav.toString());
        custom.onCallChanged("c8", LTCallPresenterState.INCOMING);
        clock.advanceMillis(200);

        assertTrue(audio.playedFrames(LTAudioRoute.SPEAKER).stream().allMatch(f -> f[0] == 1234));
        assertEquals(11, audio.playedFrames(LTAudioRoute.SPEAKER).size());
    }

    @Test
    void unreadableRingtoneFileFallsBackToTheBuiltInTone() {
        PresenterRenderer custom = new PresenterRenderer(led, tones, audio,
                new PresenterConfig(List.of(LTAudioRoute.SPEAKER), "/nonexistent/bell.wav"));
        custom.onCallChanged("c9", LTCallPresenterState.INCOMING);
        clock.advanceMillis(100);
        assertEquals(Optional.of("ringtone"), tones.playing());
        assertEquals(6, audio.playedFrames(LTAudioRoute.SPEAKER).size());
    }

    @Test
    void badUpdateIsIgnoredAndKeepsTheState() {
        registered();
        renderer.onCallChanged(null, LTCallPresenterState.INCOMING);
        clock.settle();
        assertEquals(LedPattern.ON, led.pattern());
    }

    private ButtonCommand press(ButtonGesture gesture) {
        return renderer.commandFor(new ButtonEvent(ButtonRole.CALL, gesture, clock.nanoTime()));
    }
}
