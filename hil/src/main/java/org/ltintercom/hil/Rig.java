package org.ltintercom.hil;

import org.ltintercom.app.IntercomApp;

import java.time.Duration;
import java.util.Set;

/**
 * The intercom as a hardware-in-loop test sees it: a call button to press, a status LED and a door
 * relay to watch over time, a microphone to speak into and a speaker to listen to. Scenarios are
 * written once against this interface and run on {@link MockRig} (the Pi4J mock platform, in CI) or
 * {@link GpioRig} (a wired Raspberry Pi). Choose one with {@link Rigs#fromSystemProperties}.
 *
 * <p>The device under test is the real {@link IntercomApp}, started in-process by the rig from the
 * scenario's configuration; the rig adds the {@code hal} section (its pins and sound devices).
 * Every output is recorded from the moment the app starts, with monotonic timestamps
 * ({@link System#nanoTime()}), so a scenario can read what the LED showed and when.
 */
public interface Rig extends AutoCloseable {

    /** What a rig can do besides button, LED, relay and audio. */
    enum Feature {
        /** A Bluetooth headset that can be made to appear and disappear. */
        BLUETOOTH,
        /** A USB sound card that can be unplugged and plugged back. */
        USB_AUDIO
    }

    /** {@code mock} or {@code gpio}: the name a run's report shows. */
    String name();

    Set<Feature> features();

    /**
     * Starts the intercom with {@code configYaml} (an {@code intercom.yaml} without its {@code hal}
     * section, which the rig supplies) and {@code secretsYaml} (written 0600 beside it, or null).
     * Returns once the app runs and its outputs are being recorded.
     */
    IntercomApp startApp(String configYaml, String secretsYaml);

    /** The running app (for what only the app can tell: queued events, readiness). */
    IntercomApp app();

    /** Stops the app (LEDs and relay off); the recordings stay readable. Idempotent. */
    void stopApp();

    /** Puts a finger on the call button (the raw contact; the app debounces). */
    void pressCallButton();

    /** Takes the finger off the call button. */
    void releaseCallButton();

    /** A short press: held a little longer than the debounce, well under the long-press threshold. */
    void clickCallButton();

    /** A long press: held past the long-press threshold, then released. */
    void longPressCallButton();

    /** The status LED's level over time (true = lit). */
    SignalTimeline statusLed();

    /** The door relay's state over time (true = energised, the door opens). */
    SignalTimeline relay();

    /**
     * Plays {@code samples} (48 kHz mono 16-bit) into the microphone, once, from now; anything
     * still playing from an earlier call is replaced. Silence follows.
     */
    void speakIntoMicrophone(short[] samples);

    /** Plays {@code samples} into the microphone over and over until {@link #silenceMicrophone()}. */
    void loopIntoMicrophone(short[] samples);

    void silenceMicrophone();

    /** What the speaker played since the app started, 20 ms frames with the time each was heard. */
    SpeakerRecording speaker();

    /** Makes the paired Bluetooth headset appear (connect) or disappear; needs {@link Feature#BLUETOOTH}. */
    void setBluetoothHeadsetPresent(boolean present);

    /** Plugs the USB sound card in or pulls it out; needs {@link Feature#USB_AUDIO}. */
    void setUsbAudioPresent(boolean present);

    /** How long the rig waits for anything the app does on its own (register, ring, answer). */
    default Duration patience() {
        return Duration.ofSeconds(20);
    }

    /** Stops the app and releases the rig's pins and sound devices. */
    @Override
    void close();
}
