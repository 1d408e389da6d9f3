package org.ltintercom.hal.sim;

import org.ltintercom.hal.HalConfig;
import org.ltintercom.hal.HalFactory;
import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.audio.AudioConfig;
import org.ltintercom.hal.audio.RouteDevices;
import org.ltintercom.hal.bluetooth.BluetoothConfig;
import org.ltintercom.hal.gpio.ButtonConfig;
import org.ltintercom.hal.gpio.ButtonsConfig;
import org.ltintercom.hal.gpio.LedConfig;
import org.ltintercom.hal.gpio.Polarity;
import org.ltintercom.hal.gpio.RelayConfig;
import org.ltintercom.hal.presenter.ButtonCommand;
import org.ltintercom.hal.presenter.RegistrationState;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCallPresenterState;

import java.time.Duration;
import java.util.List;

/**
 * The reference door station of {@code docs/hardware.md} on the simulated twin, driven from the
 * terminal, for developers without a Pi: press keys, watch the LED and what each press would
 * make the application do. A CALL command starts a pretend outgoing call; HANG_UP ends it.
 */
public final class SimulatedStation {

    private SimulatedStation() {
    }

    /** The reference door station's configuration (see docs/hardware.md). */
    public static HalConfig referenceDoorStation(HalConfig.Platform platform) {
        return new HalConfig(platform,
                new ButtonsConfig(ButtonConfig.activeLow(17), ButtonConfig.activeLow(27), ButtonConfig.activeLow(22),
                        ButtonsConfig.DEFAULT_LONG_PRESS, ButtonsConfig.DEFAULT_STUCK_LIMIT),
                List.of(new LedConfig("status", 12, Polarity.ACTIVE_HIGH, true),
                        new LedConfig("door", 24, Polarity.ACTIVE_HIGH, false)),
                RelayConfig.of(23, Polarity.ACTIVE_LOW, Duration.ofSeconds(3)),
                AudioConfig.of(new RouteDevices(LTAudioRoute.BUILTIN, "USB Audio Device", "USB Audio Device", 1.0),
                        new RouteDevices(LTAudioRoute.SPEAKER, "USB Audio Device", "hifiberry", 2.0),
                        new RouteDevices(LTAudioRoute.HEADPHONES, "USB Headset", "USB Headset", 1.0),
                        new RouteDevices(LTAudioRoute.BLUETOOTH, "Loopback", "Loopback", 1.0)),
                BluetoothConfig.headset("AC:12:2F:00:5B:7E"), null);
    }

    public static void main(String[] args) throws InterruptedException {
        try (Hardware hw = HalFactory.create(referenceDoorStation(HalConfig.Platform.SIMULATED));
             SimulatorConsole console = new SimulatorConsole(hw.simulator().orElseThrow(), hw.leds(), System.in, System.out)) {
            hw.presenter().onRegistrationChanged(RegistrationState.REGISTERED);
            int[] calls = {0};
            hw.buttons().addListener(event -> {
                ButtonCommand command = hw.presenter().commandFor(event);
                System.out.println(event.role() + " " + event.gesture()
                        + (command.action() == ButtonCommand.Action.NONE ? "" : " -> " + command.action()));
                switch (command.action()) {
                    case CALL -> hw.presenter().onCallChanged("call-" + (++calls[0]), LTCallPresenterState.OUTGOING);
                    case ANSWER -> hw.presenter().onCallConnected(command.callId());
                    case HANG_UP -> hw.presenter().onCallChanged(command.callId(), LTCallPresenterState.END);
                    default -> { }
                }
            });
            console.awaitQuit();
        }
    }
}
