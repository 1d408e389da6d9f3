package org.ltintercom.hil;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import org.ltintercom.app.IntercomApp;
import org.ltintercom.hal.audio.AlsaAudioBackend;
import org.ltintercom.hal.audio.AudioConfig;
import org.ltintercom.hal.audio.JavaSoundSystem;
import org.ltintercom.hal.audio.RouteDevices;
import org.ltintercom.hal.time.HalClock;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The rig on a real Raspberry Pi: the intercom app runs in this JVM on its own pins (platform
 * {@code raspberry_pi}) and the rig works them from outside through wires, with a second Pi4J
 * context built explicitly on gpiod (never {@code newAutoContext()}): a spare output drives the call
 * button input, spare inputs read the status LED and relay outputs, and a second USB sound card
 * speaks into the intercom's microphone (line out -> mic in) and listens to its speaker (speaker
 * line out -> line in). Wiring: docs/hardware.md, "Hardware-in-loop rig". Bluetooth and USB
 * unplugging need a person: this rig offers neither feature.
 *
 * <p>Threads: {@code lt-hil-rig} (button timing), {@code lt-hil-mic} (writes the microphone feed,
 * paced by the card), {@code lt-hil-speaker} (reads the card, stamps each frame as it arrives).
 */
public final class GpioRig implements Rig {

    private static final Logger log = LoggerFactory.getLogger(GpioRig.class);

    static final Duration DEBOUNCE = Duration.ofMillis(30);
    static final Duration LONG_PRESS = Duration.ofMillis(1500);
    /** Pi4J ids of the rig's own pins. */
    static final String BUTTON_ID = "lt-hil-button";
    static final String LED_ID = "lt-hil-led";
    static final String RELAY_ID = "lt-hil-relay";

    private final GpioRigConfig config;
    private final AppLauncher launcher;
    private final RigClock clock = new RigClock();
    private final MicrophoneFeed microphone = new MicrophoneFeed();
    private final Context pi4j;
    private final DigitalOutput button;
    private final DigitalInput ledInput;
    private final DigitalInput relayInput;
    private final AudioBackend rigSound;
    private final String appPlatform;
    private final Consumer<IntercomApp> wires;
    private volatile SignalTimeline led;
    private volatile SignalTimeline relay;
    private volatile SpeakerRecording speaker;
    private volatile boolean audioRunning;
    private Thread micThread;
    private Thread speakerThread;

    /** Claims the rig's pins and sound card; the app starts with {@link #startApp}. */
    public GpioRig(GpioRigConfig config, Path workDir) {
        this(config, workDir, "raspberry_pi", gpiodPins(), () -> rigSoundCard(config), app -> { });
    }

    /**
     * The rig on given pins and sound card, for an app on {@code appPlatform}: the seam that lets CI
     * run this rig's logic with Pi4J mock pins and a simulated card ({@code GpioRigOnJumperWiresIT}).
     * {@code rigSound} is asked for the rig's card once its pins are claimed. {@code wires} is called
     * once the app runs, to connect what copper connects on a real Pi. The rig owns {@code rigPins} and
     * the card from here on and releases them in {@link #close}.
     */
    GpioRig(GpioRigConfig config, Path workDir, String appPlatform, Context rigPins, Supplier<AudioBackend> rigSound,
            Consumer<IntercomApp> wires) {
        this.config = config;
        this.launcher = new AppLauncher(workDir);
        this.appPlatform = appPlatform;
        this.pi4j = rigPins;
        this.wires = wires;
        try {
            // the button is ACTIVE_LOW with the intercom's pull-up: idle = high, pressed = driven low
            this.button = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(BUTTON_ID).name("rig button")
                    .address(config.rigButtonPin()).initial(DigitalState.HIGH).shutdown(DigitalState.HIGH).build());
            this.ledInput = input(LED_ID, config.rigLedPin());
            this.relayInput = input(RELAY_ID, config.rigRelayPin());
            ledInput.addListener(e -> record(led, e.state() == DigitalState.HIGH));
            relayInput.addListener(e -> record(relay, energised(e.state())));
            this.rigSound = rigSound.get();
        } catch (RuntimeException e) {
            pi4j.shutdown();
            throw e;
        }
    }

    /** The rig's own Pi4J context, built explicitly on gpiod (never {@code newAutoContext()}). */
    private static Context gpiodPins() {
        return Pi4J.newContextBuilder().noAutoDetect()
                .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                .build();
    }

    /** The rig's second USB sound card (opened only when the app starts). */
    private static AudioBackend rigSoundCard(GpioRigConfig config) {
        return new AlsaAudioBackend(AudioConfig.of(new RouteDevices(LTAudioRoute.BUILTIN,
                config.rigSoundCard(), config.rigSoundCard(), 1.0)), new JavaSoundSystem(), HalClock.system());
    }

    private static void closeQuietly(AudioBackend sound) {
        if (sound instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing the rig's sound card failed: {}", e.toString());
            }
        }
    }

    private DigitalInput input(String id, int pin) {
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).name(id).address(pin)
                .pull(PullResistance.OFF).debounce(0L).build());
    }

    private boolean energised(DigitalState state) {
        return config.appRelayPolarity().pinLevel(true) == (state == DigitalState.HIGH);
    }

    private static void record(SignalTimeline timeline, boolean high) {
        if (timeline != null) {
            timeline.record(high);
        }
    }

    /** The intercom's {@code hal} section for this wiring. */
    String halYaml() {
        return """
                hal:
                  platform: %s
                  buttons:
                    call: {pin: %d, polarity: active_low, pull: up, debounce: %dms}
                    longPress: %dms
                  leds:
                    - {name: status, pin: %d, polarity: active_high, dimmable: false}
                  relay: {pin: %d, polarity: %s, pulse: 1s, maxHold: 3s}
                  audio:
                    routes:
                      - {route: builtin, capture: "%s", playback: "%s"}
                  presenter: {toneRoutes: [builtin]}
                """.formatted(appPlatform, config.appCallPin(), DEBOUNCE.toMillis(), LONG_PRESS.toMillis(), config.appLedPin(),
                config.appRelayPin(), config.appRelayPolarity().name().toLowerCase(java.util.Locale.ROOT),
                config.appSoundCard(), config.appSoundCard());
    }

    @Override
    public String name() {
        return "gpio";
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.noneOf(Feature.class);
    }

    @Override
    public synchronized IntercomApp startApp(String configYaml, String secretsYaml) {
        long now = System.nanoTime();
        led = new SignalTimeline("status LED", ledInput.state() == DigitalState.HIGH, now);
        relay = new SignalTimeline("door relay", energised(relayInput.state()), now);
        speaker = new SpeakerRecording();
        startAudio();
        try {
            IntercomApp app = launcher.start(configYaml, halYaml(), secretsYaml);
            wires.accept(app);
            return app;
        } catch (RuntimeException e) {
            launcher.stop();
            stopAudio();
            throw e;
        }
    }

    private void startAudio() {
        try {
            PlaybackStream out = rigSound.openPlayback(LTAudioRoute.BUILTIN);
            CaptureStream in = rigSound.openCapture(LTAudioRoute.BUILTIN);
            audioRunning = true;
            SpeakerRecording recording = speaker;
            micThread = new Thread(() -> pumpMicrophone(out), "lt-hil-mic");
            speakerThread = new Thread(() -> pumpSpeaker(in, recording), "lt-hil-speaker");
            micThread.start();
            speakerThread.start();
        } catch (AudioDeviceException e) {
            throw new IllegalStateException("rig.soundCard \"" + config.rigSoundCard() + "\": " + e.getMessage(), e);
        }
    }

    private void pumpMicrophone(PlaybackStream out) {
        short[] silence = new short[AudioFrames.FRAME_SAMPLES];
        try (out) {
            while (audioRunning) {
                short[] frame = microphone.nextFrame();
                out.writeFrame(frame == null ? silence : frame); // blocks at the card's pace
            }
        } catch (AudioDeviceException e) {
            log.warn("rig line out failed: {}", e.getMessage());
        }
    }

    private void pumpSpeaker(CaptureStream in, SpeakerRecording recording) {
        short[] frame = new short[AudioFrames.FRAME_SAMPLES];
        try (in) {
            while (audioRunning) {
                if (in.readFrame(frame)) {
                    recording.append(frame, System.nanoTime());
                }
            }
        } catch (AudioDeviceException e) {
            log.warn("rig line in failed: {}", e.getMessage());
        }
    }

    private void stopAudio() {
        audioRunning = false;
        for (Thread t : new Thread[] {micThread, speakerThread}) {
            if (t != null) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        micThread = null;
        speakerThread = null;
    }

    @Override
    public synchronized IntercomApp app() {
        return launcher.app();
    }

    @Override
    public synchronized void stopApp() {
        launcher.stop();
        stopAudio();
    }

    @Override
    public void pressCallButton() {
        button.state(DigitalState.LOW);
    }

    @Override
    public void releaseCallButton() {
        button.state(DigitalState.HIGH);
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
    public SignalTimeline statusLed() {
        return recorded(led);
    }

    @Override
    public SignalTimeline relay() {
        return recorded(relay);
    }

    @Override
    public SpeakerRecording speaker() {
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
        throw new UnsupportedOperationException("the GPIO rig cannot switch a Bluetooth headset (Feature.BLUETOOTH)");
    }

    @Override
    public void setUsbAudioPresent(boolean present) {
        throw new UnsupportedOperationException("the GPIO rig cannot unplug the USB sound card (Feature.USB_AUDIO)");
    }

    @Override
    public Duration patience() {
        return Duration.ofSeconds(30); // a Pi Zero 2 W is slower than CI
    }

    /** Stops the app first (its Pi4J context), then releases the rig's pins and card. */
    @Override
    public synchronized void close() {
        try {
            stopApp();
        } finally {
            clock.close();
            closeQuietly(rigSound);
            pi4j.shutdown();
        }
    }
}
