package org.ltintercom.hil;

import org.ltintercom.app.IntercomApp;
import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.hal.gpio.Pi4jGpio;
import org.ltintercom.hal.gpio.Polarity;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.pi4j.io.gpio.digital.DigitalState;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

/**
 * The CI rig: the intercom app in this JVM on the Pi4J mock platform (a Pi4J context the HAL builds
 * explicitly with the mock providers, never {@code newAutoContext()}), with the simulated sound twin
 * and Bluetooth headset. The rig works the app's own Pi4J pins, as wires would: it sets the mock
 * call-button input's level and listens to the LED and relay output pins. The station is the
 * reference door station of docs/hardware.md, with a digital (not PWM) status LED.
 *
 * <p>Sound: the USB sound card is the BUILTIN route (it can be unplugged), the amplifier HAT the
 * SPEAKER route, the headset the BLUETOOTH route. The microphone feed reaches whichever route the
 * app opens; the speaker recording merges what every route played, sampled every 10 ms.
 */
public final class MockRig implements Rig {

    private static final Logger log = LoggerFactory.getLogger(MockRig.class);

    static final int CALL_PIN = 17;
    static final int LED_PIN = 12;
    static final int RELAY_PIN = 23;
    static final Duration DEBOUNCE = Duration.ofMillis(30);
    static final Duration LONG_PRESS = Duration.ofMillis(1500);
    /** The route the USB sound card provides. */
    static final LTAudioRoute USB_ROUTE = LTAudioRoute.BUILTIN;

    static final String HAL_YAML = """
            hal:
              platform: pi4j_mock
              buttons:
                call: {pin: %d, polarity: active_low, pull: auto, debounce: %dms}
                longPress: %dms
              leds:
                - {name: status, pin: %d, polarity: active_high, dimmable: false}
              relay: {pin: %d, polarity: active_low, pulse: 1s, maxHold: 3s}
              audio:
                routes:
                  - {route: builtin, capture: "USB Audio Device", playback: "USB Audio Device"}
                  - {route: speaker, capture: "USB Audio Device", playback: "hifiberry"}
                  - {route: bluetooth, capture: "bluealsa", playback: "bluealsa"}
              bluetooth: {address: "AC:12:2F:00:5B:7E"}
              presenter: {toneRoutes: [speaker, builtin]}
            """.formatted(CALL_PIN, DEBOUNCE.toMillis(), LONG_PRESS.toMillis(), LED_PIN, RELAY_PIN);

    private static final Duration SPEAKER_SAMPLING = Duration.ofMillis(10);

    private final AppLauncher launcher;
    private final RigClock clock = new RigClock();
    private final MicrophoneFeed microphone = new MicrophoneFeed();
    private final Map<LTAudioRoute, Integer> framesTaken = new EnumMap<>(LTAudioRoute.class);
    private SignalTimeline led;
    private SignalTimeline relay;
    private SpeakerRecording speaker;
    private ScheduledFuture<?> speakerSampling;
    private SimulatedAudioBackend audio;
    private Pi4jGpio gpio;

    /** A rig whose app keeps its configuration and state under {@code workDir}. */
    public MockRig(Path workDir) {
        this.launcher = new AppLauncher(workDir);
    }

    @Override
    public String name() {
        return "mock";
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.allOf(Feature.class);
    }

    @Override
    public synchronized IntercomApp startApp(String configYaml, String secretsYaml) {
        IntercomApp app = launcher.start(configYaml, HAL_YAML, secretsYaml);
        gpio = app.hardware().pi4j().orElseThrow(() -> new IllegalStateException("the app did not build a Pi4J context"));
        // A mock input starts LOW and the mock has no pull resistors: put the line where the
        // button's pull-up holds it on a Pi (released). Until then the HAL reads "pressed at start"
        // and, rightly, ignores the button until it is released - released for longer than the
        // debounce, so the rig lets the line rest before anyone presses.
        releaseCallButton();
        clock.holdThen(DEBOUNCE.multipliedBy(3), () -> { });
        long now = System.nanoTime();
        led = new SignalTimeline("status LED", gpio.mockOutputHigh(LED_PIN), now);
        relay = new SignalTimeline("door relay", !gpio.mockOutputHigh(RELAY_PIN), now); // ACTIVE_LOW
        SignalTimeline ledNow = led;
        SignalTimeline relayNow = relay;
        gpio.watchMockOutput(LED_PIN, ledNow::record);
        gpio.watchMockOutput(RELAY_PIN, high -> relayNow.record(!high));
        ledNow.record(gpio.mockOutputHigh(LED_PIN)); // a change between the first read and the listener
        relayNow.record(!gpio.mockOutputHigh(RELAY_PIN));

        audio = (SimulatedAudioBackend) app.hardware().audio();
        for (LTAudioRoute route : LTAudioRoute.values()) {
            audio.setCaptureSource(route, microphone::nextFrame);
            framesTaken.put(route, 0);
        }
        speaker = new SpeakerRecording();
        speakerSampling = clock.every(SPEAKER_SAMPLING, this::sampleSpeaker);
        log.info("mock rig: app started on the Pi4J mock platform");
        return app;
    }

    /** Moves what the simulated routes played since the last look into the recording, stamped now. */
    private synchronized void sampleSpeaker() {
        if (audio == null) {
            return;
        }
        long now = System.nanoTime();
        for (LTAudioRoute route : LTAudioRoute.values()) {
            List<short[]> played = audio.playedFrames(route);
            int taken = framesTaken.get(route);
            for (int i = taken; i < played.size(); i++) {
                speaker.append(played.get(i), now);
            }
            framesTaken.put(route, played.size());
        }
    }

    @Override
    public synchronized IntercomApp app() {
        return launcher.app();
    }

    @Override
    public void stopApp() {
        ScheduledFuture<?> sampling;
        synchronized (this) {
            sampling = speakerSampling;
            speakerSampling = null;
        }
        if (sampling != null) {
            sampling.cancel(false);
        }
        synchronized (this) {
            launcher.stop(); // the LED and relay listeners record the outputs going off
            audio = null;
            gpio = null;
        }
    }

    private synchronized Pi4jGpio gpio() {
        if (gpio == null) {
            throw new IllegalStateException("the app is not running on this rig; startApp(...) first");
        }
        return gpio;
    }

    private void setButton(boolean pressed) {
        gpio().mockInput(CALL_PIN).mockState(Polarity.ACTIVE_LOW.pinLevel(pressed) ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public void pressCallButton() {
        setButton(true);
    }

    @Override
    public void releaseCallButton() {
        setButton(false);
    }

    @Override
    public void clickCallButton() {
        pressCallButton();
        clock.holdThen(DEBOUNCE.plusMillis(120), this::releaseCallButton);
    }

    @Override
    public void longPressCallButton() {
        pressCallButton();
        clock.holdThen(LONG_PRESS.plus(DEBOUNCE).plusMillis(300), this::releaseCallButton);
    }

    @Override
    public synchronized SignalTimeline statusLed() {
        return recorded(led);
    }

    @Override
    public synchronized SignalTimeline relay() {
        return recorded(relay);
    }

    @Override
    public synchronized SpeakerRecording speaker() {
        return recorded(speaker);
    }

    private static <T> T recorded(T recording) {
        if (recording == null) {
            throw new IllegalStateException("nothing recorded yet; startApp(...) first");
        }
        return recording;
    }

    @Override
    public void speakIntoMicrophone(short[] samples) {
        microphone.speak(samples, false);
    }

    @Override
    public void loopIntoMicrophone(short[] samples) {
        microphone.speak(samples, true);
    }

    @Override
    public void silenceMicrophone() {
        microphone.silence();
    }

    @Override
    public void setBluetoothHeadsetPresent(boolean present) {
        app().hardware().simulator().orElseThrow().setHeadsetConnected(present);
    }

    @Override
    public void setUsbAudioPresent(boolean present) {
        SimulatedAudioBackend backend;
        synchronized (this) {
            backend = audio;
        }
        if (backend == null) {
            throw new IllegalStateException("the app is not running on this rig; startApp(...) first");
        }
        backend.setRoutePresent(USB_ROUTE, present);
    }

    @Override
    public void close() {
        try {
            stopApp();
        } finally {
            clock.close();
        }
    }
}
