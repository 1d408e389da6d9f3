package org.ltintercom.hal;

import org.ltintercom.hal.audio.TonePlayer;
import org.ltintercom.hal.bluetooth.BluetoothHeadset;
import org.ltintercom.hal.gpio.CallButton;
import org.ltintercom.hal.gpio.DoorRelay;
import org.ltintercom.hal.gpio.Pi4jGpio;
import org.ltintercom.hal.gpio.StatusLed;
import org.ltintercom.hal.presenter.PresenterRenderer;
import org.ltintercom.hal.sim.Simulator;
import org.ltintercom.sdk.spi.AudioBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The station's hardware, as built by {@link HalFactory}: give {@link #audio()} to the SDK as its
 * audio backend, listen to {@link #buttons()}, render calls through {@link #presenter()}. Closing
 * turns the LEDs and the relay off, stops every HAL thread and releases every pin and device.
 */
public final class Hardware implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Hardware.class);

    private final CallButton buttons;
    private final List<StatusLed> leds;
    private final DoorRelay relay;
    private final AudioBackend audio;
    private final BluetoothHeadset headset;
    private final TonePlayer tones;
    private final PresenterRenderer presenter;
    private final Simulator simulator;
    private final Pi4jGpio pi4j;
    private final List<AutoCloseable> closeOrder;
    private boolean closed;

    Hardware(CallButton buttons, List<StatusLed> leds, DoorRelay relay, AudioBackend audio, BluetoothHeadset headset,
             TonePlayer tones, PresenterRenderer presenter, Simulator simulator, Pi4jGpio pi4j,
             List<AutoCloseable> closeOrder) {
        this.buttons = buttons;
        this.leds = List.copyOf(leds);
        this.relay = relay;
        this.audio = audio;
        this.headset = headset;
        this.tones = tones;
        this.presenter = presenter;
        this.simulator = simulator;
        this.pi4j = pi4j;
        this.closeOrder = new ArrayList<>(closeOrder);
    }

    public CallButton buttons() {
        return buttons;
    }

    /** The LED that shows the presenter's state. */
    public StatusLed statusLed() {
        return leds.get(0);
    }

    public List<StatusLed> leds() {
        return leds;
    }

    /** The door opener, if the station has one. */
    public Optional<DoorRelay> relay() {
        return Optional.ofNullable(relay);
    }

    /** The SDK's audio backend (ALSA or the simulated twin). */
    public AudioBackend audio() {
        return audio;
    }

    public Optional<BluetoothHeadset> headset() {
        return Optional.ofNullable(headset);
    }

    public TonePlayer tones() {
        return tones;
    }

    public PresenterRenderer presenter() {
        return presenter;
    }

    /** The simulator's controls (SIMULATED and PI4J_MOCK platforms). */
    public Optional<Simulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    /** The Pi4J context wrapper (PI4J_MOCK and RASPBERRY_PI), e.g. to set mock pins in tests. */
    public Optional<Pi4jGpio> pi4j() {
        return Optional.ofNullable(pi4j);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(closeOrder);
    }

    /** Closes in order, logging (not throwing) failures so that the rest still closes. */
    static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
