package org.ltintercom.hal;

import org.ltintercom.hal.audio.AlsaAudioBackend;
import org.ltintercom.hal.audio.JavaSoundSystem;
import org.ltintercom.hal.audio.RouteDevices;
import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.hal.audio.TonePlayer;
import org.ltintercom.hal.bluetooth.BluetoothHeadset;
import org.ltintercom.hal.bluetooth.BluezHeadset;
import org.ltintercom.hal.bluetooth.SimulatedBluetoothHeadset;
import org.ltintercom.hal.gpio.ButtonConfig;
import org.ltintercom.hal.gpio.ButtonInputs;
import org.ltintercom.hal.gpio.DebouncedCallButton;
import org.ltintercom.hal.gpio.DoorRelay;
import org.ltintercom.hal.gpio.LedConfig;
import org.ltintercom.hal.gpio.LedOutput;
import org.ltintercom.hal.gpio.PatternLed;
import org.ltintercom.hal.gpio.Pi4jButtonInputs;
import org.ltintercom.hal.gpio.Pi4jGpio;
import org.ltintercom.hal.gpio.Pi4jLedOutput;
import org.ltintercom.hal.gpio.PulsedDoorRelay;
import org.ltintercom.hal.gpio.SimulatedButtonInputs;
import org.ltintercom.hal.gpio.StatusLed;
import org.ltintercom.hal.presenter.PresenterRenderer;
import org.ltintercom.hal.sim.Simulator;
import org.ltintercom.hal.time.HalClock;
import org.ltintercom.hal.time.HalScheduler;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The one place where real hardware or its simulated twin is chosen, from
 * {@link HalConfig#platform()}. Everything else in the application sees only the interfaces.
 */
public final class HalFactory {

    /** The LED and relay timing thread's name. */
    public static final String OUTPUTS_THREAD = "lt-hal-outputs";

    private HalFactory() {
    }

    /** Builds the hardware on the real monotonic clock. */
    public static Hardware create(HalConfig config) {
        return create(config, HalClock.system());
    }

    /** Builds the hardware on {@code clock} (a {@code ManualClock} in tests). */
    public static Hardware create(HalConfig config, HalClock clock) {
        List<AutoCloseable> built = new ArrayList<>();
        try {
            return build(config, clock, built);
        } catch (RuntimeException e) {
            List<AutoCloseable> reverse = new ArrayList<>(built);
            java.util.Collections.reverse(reverse);
            Hardware.closeAll(reverse);
            throw e;
        }
    }

    private static Hardware build(HalConfig config, HalClock clock, List<AutoCloseable> built) {
        boolean real = config.platform() == HalConfig.Platform.RASPBERRY_PI;
        Pi4jGpio gpio = switch (config.platform()) {
            case SIMULATED -> null;
            case PI4J_MOCK -> Pi4jGpio.mock();
            case RASPBERRY_PI -> Pi4jGpio.raspberryPi(Path.of("/sys/class/pwm"),
                    config.leds().stream().filter(LedConfig::dimmable).map(LedConfig::pin).toList());
        };
        add(built, gpio);
        HalScheduler outputs = add(built, new HalScheduler(OUTPUTS_THREAD, clock));

        SimulatedButtonInputs simInputs = gpio == null ? new SimulatedButtonInputs(config.buttons().byRole().keySet()) : null;
        ButtonInputs inputs = gpio == null ? simInputs : new Pi4jButtonInputs(gpio, config.buttons());
        DebouncedCallButton buttons = add(built, new DebouncedCallButton(config.buttons(), inputs, clock));

        List<StatusLed> leds = new ArrayList<>();
        for (LedConfig led : config.leds()) {
            LedOutput output = gpio == null ? LedOutput.none(led.dimmable()) : new Pi4jLedOutput(gpio, led);
            leds.add(add(built, new PatternLed(led.name(), output, outputs)));
        }

        DoorRelay relay = null;
        if (config.relay() != null) {
            relay = add(built, gpio == null
                    ? new PulsedDoorRelay(config.relay(), on -> { }, () -> { }, outputs)
                    : PulsedDoorRelay.onPi4j(config.relay(), gpio, outputs));
        }

        AudioBackend audio;
        BluetoothHeadset headset = null;
        SimulatedAudioBackend simAudio = null;
        if (real) {
            AlsaAudioBackend alsa = add(built, new AlsaAudioBackend(config.audio(), new JavaSoundSystem(), clock));
            if (config.bluetooth() != null) {
                headset = add(built, new BluezHeadset(config.bluetooth(), clock));
                headset.addListener(alsa::setBluetoothConnected);
            }
            audio = alsa;
        } else {
            Set<LTAudioRoute> routes = EnumSet.noneOf(LTAudioRoute.class);
            config.audio().routes().stream().map(RouteDevices::route)
                    .filter(r -> r != LTAudioRoute.BLUETOOTH).forEach(routes::add);
            simAudio = new SimulatedAudioBackend(routes);
            if (config.bluetooth() != null) {
                SimulatedBluetoothHeadset simHeadset = add(built, new SimulatedBluetoothHeadset());
                SimulatedAudioBackend target = simAudio;
                simHeadset.addListener(connected -> target.setRoutePresent(LTAudioRoute.BLUETOOTH, connected));
                headset = simHeadset;
            }
            audio = simAudio;
        }
        TonePlayer tones = add(built, new TonePlayer(audio, clock));
        PresenterRenderer presenter = new PresenterRenderer(leds.get(0), tones, audio, config.presenter());

        Simulator simulator = null;
        if (!real) {
            BiConsumer<org.ltintercom.hal.gpio.ButtonRole, Boolean> wire = simInputs != null ? simInputs::set
                    : (role, pressed) -> {
                        ButtonConfig button = config.buttons().byRole().get(role);
                        gpio.mockInput(button.pin()).mockState(button.polarity().pinLevel(pressed)
                                ? com.pi4j.io.gpio.digital.DigitalState.HIGH : com.pi4j.io.gpio.digital.DigitalState.LOW);
                    };
            simulator = new Simulator(config.buttons(), wire, outputs, simAudio,
                    headset instanceof SimulatedBluetoothHeadset s ? s : null, leds, relay);
        }

        // close order: stop producing events first, then outputs (LEDs and relay off), then devices
        List<AutoCloseable> closeOrder = new ArrayList<>();
        closeOrder.add(buttons);
        closeOrder.add(tones);
        closeOrder.addAll(leds);
        if (relay != null) {
            closeOrder.add(relay);
        }
        closeOrder.add(outputs);
        if (headset != null) {
            closeOrder.add(headset);
        }
        if (audio instanceof AutoCloseable closeable) {
            closeOrder.add(closeable);
        }
        if (gpio != null) {
            closeOrder.add(gpio);
        }
        return new Hardware(buttons, leds, relay, audio, headset, tones, presenter, simulator, gpio, closeOrder);
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> built, T closeable) {
        if (closeable != null) {
            built.add(closeable);
        }
        return closeable;
    }
}
