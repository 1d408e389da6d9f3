package org.ltintercom.hal.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import com.pi4j.provider.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HAL's Pi4J context, built explicitly (never {@code newAutoContext()}, which would pick
 * whatever plugins the classpath holds): gpiod for digital pins on a Pi 4/5 (no root needed,
 * the user only has to be in group {@code gpio}), linuxfs for hardware PWM on the pwmchip found
 * at run time, or the mock platform for tests and the hardware-in-loop rig in CI.
 */
public final class Pi4jGpio implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pi4jGpio.class);

    private final Context context;
    private final boolean mock;
    private final PwmChannel.Board board;
    private final Optional<Integer> pwmChip;
    private final Path sysClassPwm;

    private Pi4jGpio(Context context, boolean mock, PwmChannel.Board board, Optional<Integer> pwmChip, Path sysClassPwm) {
        this.context = context;
        this.mock = mock;
        this.board = board;
        this.pwmChip = pwmChip;
        this.sysClassPwm = sysClassPwm;
    }

    /**
     * The Pi4J mock platform: pins are set and read from code through {@link #mockInput}. It
     * poses as a Pi 5, so BCM 12, 13, 18 and 19 have hardware PWM.
     */
    public static Pi4jGpio mock() {
        Context context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
                        MockPwmProvider.newInstance())
                .build();
        return new Pi4jGpio(context, true, PwmChannel.Board.PI5, Optional.of(0), null);
    }

    /**
     * A real Pi: gpiod pins, and linuxfs PWM on the pwmchip that drives {@code pwmPins} (if any
     * of them has hardware PWM on this board).
     */
    public static Pi4jGpio raspberryPi(Path sysClassPwm, List<Integer> pwmPins) {
        PwmChannel.Board board = PwmChannel.Board.detect();
        Optional<Integer> chip = pwmPins.stream()
                .map(pin -> PwmChannel.locate(sysClassPwm, board, pin))
                .flatMap(Optional::stream)
                .map(PwmChannel::chip)
                .findFirst();
        List<Provider> providers = new ArrayList<>(List.of(GpioDDigitalInputProvider.newInstance(),
                GpioDDigitalOutputProvider.newInstance()));
        chip.ifPresent(n -> providers.add(LinuxFsPwmProvider.newInstance(sysClassPwm.toString(), n)));
        Context context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(providers.toArray(new Provider[0]))
                .build();
        log.info("Pi4J on {}: gpiod pins, PWM {}", board, chip.map(n -> "on pwmchip" + n).orElse("none"));
        return new Pi4jGpio(context, false, board, chip, sysClassPwm);
    }

    public boolean isMock() {
        return mock;
    }

    static String id(int bcmPin) {
        return "lt-gpio-" + bcmPin;
    }

    DigitalInput input(int bcmPin, Pull pull) {
        PullResistance resistance = switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case OFF, AUTO -> PullResistance.OFF;
        };
        // Pi4J's own debounce is off: the HAL debounces in software, the same way on every platform.
        return context.create(DigitalInput.newConfigBuilder(context)
                .id(id(bcmPin)).name("GPIO" + bcmPin).address(bcmPin).pull(resistance).debounce(0L)
                .build());
    }

    DigitalOutput output(int bcmPin, boolean idleLevelHigh) {
        DigitalState idle = idleLevelHigh ? DigitalState.HIGH : DigitalState.LOW;
        return context.create(DigitalOutput.newConfigBuilder(context)
                .id(id(bcmPin)).name("GPIO" + bcmPin).address(bcmPin).initial(idle).shutdown(idle)
                .build());
    }

    /** Hardware PWM for {@code bcmPin}, or empty when the pin has none here. */
    Optional<Pwm> pwm(int bcmPin) {
        Optional<Integer> channel = mock ? PwmChannel.channelFor(board, bcmPin)
                : PwmChannel.locate(sysClassPwm, board, bcmPin)
                        .filter(c -> pwmChip.isPresent() && c.chip() == pwmChip.get())
                        .map(PwmChannel::channel);
        return channel.map(ch -> context.create(Pwm.newConfigBuilder(context)
                .id(id(bcmPin)).name("PWM-GPIO" + bcmPin).address(ch).pwmType(PwmType.HARDWARE)
                .frequency(1000).dutyCycle(0).initial(0).shutdown(0)
                .build()));
    }

    /** A mock input pin, to press a button from a test (mock platform only). */
    public MockDigitalInput mockInput(int bcmPin) {
        requireMock();
        return context.io(id(bcmPin), MockDigitalInput.class);
    }

    /** The state of an output pin as the hardware would see it (mock platform only). */
    public boolean mockOutputHigh(int bcmPin) {
        requireMock();
        return context.io(id(bcmPin), DigitalOutput.class).isHigh();
    }

    /** Calls {@code levelListener} with every level change of an output pin (mock platform only). */
    public void watchMockOutput(int bcmPin, java.util.function.Consumer<Boolean> levelListener) {
        requireMock();
        context.io(id(bcmPin), DigitalOutput.class)
                .addListener(event -> levelListener.accept(event.state() == DigitalState.HIGH));
    }

    /** The duty cycle (0..100) of a PWM pin (mock platform only). */
    public float mockPwmDuty(int bcmPin) {
        requireMock();
        Pwm pwm = context.io(id(bcmPin), Pwm.class);
        return pwm.isOn() ? pwm.getDutyCycle() : 0f;
    }

    void release(String ioId) {
        try {
            if (!context.isShutdown() && context.registry().exists(ioId)) {
                context.shutdown(ioId);
            }
        } catch (RuntimeException e) {
            log.warn("releasing {} failed: {}", ioId, e.toString());
        }
    }

    private void requireMock() {
        if (!mock) {
            throw new IllegalStateException("only on the Pi4J mock platform");
        }
    }

    @Override
    public void close() {
        if (!context.isShutdown()) {
            context.shutdown();
        }
    }
}
