package org.ltintercom.hil;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.ltintercom.app.IntercomApp;
import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.hal.gpio.Pi4jGpio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link GpioRig} wired to an app on the Pi4J mock platform, in one JVM, as docs/hardware.md wires
 * two Pis' worth of pins with jumper wires: the rig's button output drives the app's call-button
 * input, the app's LED and relay outputs drive the rig's inputs, and the rig's sound card is cabled
 * to the app's simulated card ({@link CrossedSoundCards}). The rig's pins are its own Pi4J context,
 * built explicitly with the mock providers (never {@code newAutoContext()}), so everything the rig
 * does goes through the same code as on a Pi; only the gpiod provider and the ALSA card differ.
 */
final class JumperWires implements Consumer<IntercomApp> {

    /** The wiring file a real rig ships with: the same pins here. */
    static final Path WIRING = Path.of("rig-gpio.properties");

    private final GpioRigConfig config;
    private final Context rigPins;
    private final CrossedSoundCards cables = new CrossedSoundCards();
    private volatile Pi4jGpio app;

    private JumperWires(GpioRigConfig config, Context rigPins) {
        this.config = config;
        this.rigPins = rigPins;
    }

    /** A GPIO rig on mock pins, wired to the app it will start (under {@code workDir}). */
    static GpioRig rig(Path workDir) {
        GpioRigConfig config = GpioRigConfig.read(WIRING);
        Context rigPins = Pi4J.newContextBuilder().noAutoDetect()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
        JumperWires wires = new JumperWires(config, rigPins);
        GpioRig rig = new GpioRig(config, workDir, "pi4j_mock", rigPins, () -> wires.cables, wires);
        rigPins.io(GpioRig.BUTTON_ID, DigitalOutput.class).addListener(e -> wires.driveCallButton(e.state()));
        // before the app drives them: the LED line rests low, a relay module's input is held released
        wires.drive(GpioRig.RELAY_ID, config.appRelayPolarity().pinLevel(false));
        return rig;
    }

    /** The app runs: plug its end of every wire in, and let the button line rest as a pull-up holds it. */
    @Override
    public void accept(IntercomApp started) {
        Pi4jGpio gpio = started.hardware().pi4j().orElseThrow(() -> new IllegalStateException("the app built no Pi4J context"));
        app = gpio;
        driveCallButton(rigPins.io(GpioRig.BUTTON_ID, DigitalOutput.class).state());
        gpio.watchMockOutput(config.appLedPin(), high -> drive(GpioRig.LED_ID, high));
        gpio.watchMockOutput(config.appRelayPin(), high -> drive(GpioRig.RELAY_ID, high));
        drive(GpioRig.LED_ID, gpio.mockOutputHigh(config.appLedPin()));
        drive(GpioRig.RELAY_ID, gpio.mockOutputHigh(config.appRelayPin()));
        cables.connect((SimulatedAudioBackend) started.hardware().audio());
        // A mock input starts LOW (pressed, for an ACTIVE_LOW button) until the wire drives it: the HAL
        // rightly ignores a button held at start until it was released for longer than the debounce.
        Duration rest = GpioRig.DEBOUNCE.multipliedBy(3);
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(rest.toNanos(), TimeUnit.NANOSECONDS)).join();
    }

    private void drive(String rigInputId, boolean high) {
        rigPins.io(rigInputId, MockDigitalInput.class).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    private void driveCallButton(DigitalState level) {
        Pi4jGpio gpio = app;
        if (gpio == null) {
            return; // no app yet: the wire ends in an unpowered Pi
        }
        try {
            gpio.mockInput(config.appCallPin()).mockState(level);
        } catch (RuntimeException e) {
            // the app stopped and released its pins: the same unpowered Pi
        }
    }
}
