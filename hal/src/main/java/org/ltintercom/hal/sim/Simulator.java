package org.ltintercom.hal.sim;

import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.hal.bluetooth.SimulatedBluetoothHeadset;
import org.ltintercom.hal.gpio.ButtonRole;
import org.ltintercom.hal.gpio.ButtonsConfig;
import org.ltintercom.hal.gpio.DoorRelay;
import org.ltintercom.hal.gpio.LedTimeline;
import org.ltintercom.hal.gpio.StatusLed;
import org.ltintercom.hal.time.HalScheduler;
import org.ltintercom.sdk.call.LTAudioRoute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The controls of the simulated twin (and of the Pi4J mock platform): press buttons, plug
 * routes, switch the headset, and watch LEDs and the relay. Used by tests, the demo and the
 * {@link SimulatorConsole}.
 */
public final class Simulator {

    private static final Duration CLICK_MARGIN = Duration.ofMillis(100);

    private final ButtonsConfig buttons;
    private final BiConsumer<ButtonRole, Boolean> wire;
    private final HalScheduler scheduler;
    private final SimulatedAudioBackend audio;
    private final SimulatedBluetoothHeadset headset;
    private final LedTimeline leds = new LedTimeline();
    private final List<String> relayChanges = new ArrayList<>();

    /**
     * @param wire      sets a button's raw level (true = pressed)
     * @param scheduler times the release of clicks and long presses
     */
    public Simulator(ButtonsConfig buttons, BiConsumer<ButtonRole, Boolean> wire, HalScheduler scheduler,
                     SimulatedAudioBackend audio, SimulatedBluetoothHeadset headset, List<StatusLed> statusLeds,
                     DoorRelay relay) {
        this.buttons = buttons;
        this.wire = wire;
        this.scheduler = scheduler;
        this.audio = audio;
        this.headset = headset;
        statusLeds.forEach(led -> led.addListener(leds));
        if (relay != null) {
            relay.addListener((on, at) -> {
                synchronized (relayChanges) {
                    relayChanges.add((on ? "on@" : "off@") + at);
                }
            });
        }
    }

    /** Puts a finger on the button (raw level; the debouncer does the rest). */
    public void press(ButtonRole role) {
        wire.accept(role, true);
    }

    public void release(ButtonRole role) {
        wire.accept(role, false);
    }

    /** A short press: down now, up after the debounce time plus 100 ms. */
    public void click(ButtonRole role) {
        hold(role, debounce(role).plus(CLICK_MARGIN));
    }

    /** A long press: held for the long-press threshold plus 100 ms. */
    public void longPress(ButtonRole role) {
        hold(role, buttons.longPress().plus(debounce(role)).plus(CLICK_MARGIN));
    }

    /** Holds the button for {@code duration} on the HAL clock, then releases it. */
    public void hold(ButtonRole role, Duration duration) {
        press(role);
        scheduler.after(duration, () -> release(role));
    }

    /** Plugs the USB headset (HEADPHONES route) in or out. */
    public void plugUsbHeadset(boolean plugged) {
        audio().setRoutePresent(LTAudioRoute.HEADPHONES, plugged);
    }

    /** Connects or drops the Bluetooth headset (when one is configured). */
    public void setHeadsetConnected(boolean connected) {
        if (headset == null) {
            throw new IllegalStateException("no Bluetooth headset is configured");
        }
        headset.setConnected(connected);
    }

    public Optional<SimulatedBluetoothHeadset> headset() {
        return Optional.ofNullable(headset);
    }

    /** The simulated sound hardware (feed the microphone, read what the speaker played). */
    public SimulatedAudioBackend audio() {
        if (audio == null) {
            throw new IllegalStateException("audio is not simulated on this platform");
        }
        return audio;
    }

    /** Every LED change so far. */
    public LedTimeline leds() {
        return leds;
    }

    /** Relay changes so far, as {@code on@<nanos>} / {@code off@<nanos>}. */
    public List<String> relayChanges() {
        synchronized (relayChanges) {
            return List.copyOf(relayChanges);
        }
    }

    private Duration debounce(ButtonRole role) {
        var button = buttons.byRole().get(role);
        if (button == null) {
            throw new IllegalArgumentException("role: " + role + " is not configured");
        }
        return button.debounce();
    }
}
