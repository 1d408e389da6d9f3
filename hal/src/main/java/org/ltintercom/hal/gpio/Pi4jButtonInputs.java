package org.ltintercom.hal.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Button pins through Pi4J (gpiod on a Pi, or the mock platform). */
public final class Pi4jButtonInputs implements ButtonInputs {

    private final Pi4jGpio gpio;
    private final Map<ButtonRole, ButtonConfig> configs;
    private final Map<ButtonRole, DigitalInput> pins = new EnumMap<>(ButtonRole.class);
    private final Map<ButtonRole, DigitalStateChangeListener> listeners = new EnumMap<>(ButtonRole.class);

    public Pi4jButtonInputs(Pi4jGpio gpio, ButtonsConfig config) {
        this.gpio = gpio;
        this.configs = config.byRole();
        configs.forEach((role, button) -> pins.put(role, gpio.input(button.pin(), button.effectivePull())));
    }

    @Override
    public Set<ButtonRole> roles() {
        return pins.keySet();
    }

    @Override
    public boolean isActive(ButtonRole role) {
        return configs.get(role).polarity().isActive(pins.get(role).state() == DigitalState.HIGH);
    }

    @Override
    public void start(EdgeSink sink) {
        pins.forEach((role, pin) -> {
            Polarity polarity = configs.get(role).polarity();
            DigitalStateChangeListener listener =
                    event -> sink.onLevel(role, polarity.isActive(event.state() == DigitalState.HIGH));
            listeners.put(role, listener);
            pin.addListener(listener);
        });
    }

    @Override
    public void close() {
        listeners.forEach((role, listener) -> pins.get(role).removeListener(listener));
        listeners.clear();
        pins.values().forEach(pin -> gpio.release(pin.id()));
    }
}
