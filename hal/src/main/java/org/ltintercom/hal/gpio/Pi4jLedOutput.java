package org.ltintercom.hal.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.pwm.Pwm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** An LED on a Pi4J pin: hardware PWM when configured dimmable and available, else a digital output. */
public final class Pi4jLedOutput implements LedOutput {

    private static final Logger log = LoggerFactory.getLogger(Pi4jLedOutput.class);

    private final Pi4jGpio gpio;
    private final Polarity polarity;
    private final DigitalOutput digital;
    private final Pwm pwm;

    public Pi4jLedOutput(Pi4jGpio gpio, LedConfig config) {
        this.gpio = gpio;
        this.polarity = config.polarity();
        Optional<Pwm> hardwarePwm = config.dimmable() ? gpio.pwm(config.pin()) : Optional.empty();
        if (config.dimmable() && hardwarePwm.isEmpty()) {
            log.info("LED {} on GPIO{}: no hardware PWM on this pin/board; BREATHING blinks instead",
                    config.name(), config.pin());
        }
        this.pwm = hardwarePwm.orElse(null);
        this.digital = pwm == null ? gpio.output(config.pin(), polarity.pinLevel(false)) : null;
    }

    @Override
    public boolean dimmable() {
        return pwm != null;
    }

    @Override
    public void set(double brightness) {
        if (pwm != null) {
            double duty = polarity == Polarity.ACTIVE_HIGH ? brightness : 1 - brightness;
            if (duty <= 0) {
                pwm.off();
            } else {
                pwm.on((float) (duty * 100));
            }
        } else {
            digital.state(polarity.pinLevel(brightness >= 0.5)
                    ? com.pi4j.io.gpio.digital.DigitalState.HIGH : com.pi4j.io.gpio.digital.DigitalState.LOW);
        }
    }

    @Override
    public void close() {
        gpio.release(pwm != null ? pwm.id() : digital.id());
    }
}
