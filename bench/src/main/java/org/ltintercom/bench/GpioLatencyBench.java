package org.ltintercom.bench;

import com.pi4j.io.gpio.digital.DigitalState;
import org.ltintercom.hal.gpio.ButtonConfig;
import org.ltintercom.hal.gpio.ButtonGesture;
import org.ltintercom.hal.gpio.ButtonRole;
import org.ltintercom.hal.gpio.ButtonsConfig;
import org.ltintercom.hal.gpio.DebouncedCallButton;
import org.ltintercom.hal.gpio.LedConfig;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hal.gpio.LedTransition;
import org.ltintercom.hal.gpio.PatternLed;
import org.ltintercom.hal.gpio.Pi4jButtonInputs;
import org.ltintercom.hal.gpio.Pi4jGpio;
import org.ltintercom.hal.gpio.Pi4jLedOutput;
import org.ltintercom.hal.gpio.Polarity;
import org.ltintercom.hal.gpio.Pull;
import org.ltintercom.hal.time.HalClock;
import org.ltintercom.hal.time.HalScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How fast and how evenly the HAL's GPIO side works, on the Pi4J mock platform and the real
 * monotonic clock:
 * <ul>
 *   <li>GPIO edge (mock pin set) to button event delivered on {@code lt-hal-buttons}, for the
 *       press (PRESSED) and the release (SHORT_PRESS), with debounce 0 (the HAL's own overhead)
 *       and with the default 30 ms (what a visitor waits for);</li>
 *   <li>LED pattern timing: scheduled versus actual toggle time over several seconds.</li>
 * </ul>
 * Usage: {@code GpioLatencyBench [presses] [ledSeconds]} (defaults 10000 and 10).
 */
public final class GpioLatencyBench {

    private static final int PIN = 17;

    public static void main(String[] args) throws Exception {
        int presses = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int ledSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.printf("GpioLatencyBench: Pi4J mock platform, %d cores, Java %s%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf("%-48s %8s %10s %10s %10s%n", "measure", "n", "median", "p99", "max");
        buttonLatency(presses, Duration.ZERO);
        buttonLatency(Math.min(presses, 300), ButtonConfig.DEFAULT_DEBOUNCE);
        ledJitter(LedPattern.FAST_BLINK, 22, false, ledSeconds);
        ledJitter(LedPattern.BREATHING, 18, true, ledSeconds);
    }

    private static void buttonLatency(int presses, Duration debounce) throws InterruptedException {
        // chatter protection off: a benchmark presses far faster than any person
        ButtonsConfig config = new ButtonsConfig(new ButtonConfig(PIN, Polarity.ACTIVE_HIGH, Pull.AUTO, debounce),
                null, null, ButtonsConfig.DEFAULT_LONG_PRESS, ButtonsConfig.DEFAULT_STUCK_LIMIT,
                1_000_000, Duration.ofSeconds(1));
        long[] press = new long[presses];
        long[] release = new long[presses];
        try (Pi4jGpio gpio = Pi4jGpio.mock();
             DebouncedCallButton button = new DebouncedCallButton(config, new Pi4jButtonInputs(gpio, config), HalClock.system())) {
            AtomicReference<CountDownLatch> pressed = new AtomicReference<>();
            AtomicReference<CountDownLatch> clicked = new AtomicReference<>();
            AtomicLong pressedAt = new AtomicLong();
            AtomicLong clickedAt = new AtomicLong();
            button.addListener(e -> {
                long now = System.nanoTime();
                if (e.gesture() == ButtonGesture.PRESSED) {
                    pressedAt.set(now);
                    pressed.get().countDown();
                } else if (e.gesture() == ButtonGesture.SHORT_PRESS) {
                    clickedAt.set(now);
                    clicked.get().countDown();
                }
            });
            var input = gpio.mockInput(PIN);
            for (int i = -100; i < presses; i++) {              // 100 warm-up presses
                pressed.set(new CountDownLatch(1));
                clicked.set(new CountDownLatch(1));
                long down = System.nanoTime();
                input.mockState(DigitalState.HIGH);
                await(pressed.get());
                long up = System.nanoTime();
                input.mockState(DigitalState.LOW);
                await(clicked.get());
                if (i >= 0) {
                    press[i] = pressedAt.get() - down;
                    release[i] = clickedAt.get() - up;
                }
            }
            if (!button.roles().contains(ButtonRole.CALL)) {
                throw new IllegalStateException("call button missing");
            }
        }
        String suffix = " (debounce " + debounce.toMillis() + " ms)";
        row("edge -> PRESSED" + suffix, press, 1e6, "ms");
        row("edge -> SHORT_PRESS" + suffix, release, 1e6, "ms");
    }

    private static void ledJitter(LedPattern pattern, int pin, boolean dimmable, int seconds) throws InterruptedException {
        List<LedTransition> transitions = new CopyOnWriteArrayList<>();
        try (Pi4jGpio gpio = Pi4jGpio.mock();
             HalScheduler outputs = new HalScheduler("lt-hal-outputs", HalClock.system())) {
            PatternLed led = new PatternLed("bench", new Pi4jLedOutput(gpio, new LedConfig("bench", pin, Polarity.ACTIVE_HIGH, dimmable)), outputs);
            led.show(LedPattern.SLOW_BLINK);
            TimeUnit.SECONDS.sleep(1);         // warm-up (class loading, JIT); a benchmark observes real time on purpose
            led.addListener(transitions::add);
            led.show(pattern);
            TimeUnit.SECONDS.sleep(seconds);
            led.close();
        }
        List<Long> lateness = new ArrayList<>();
        for (LedTransition t : transitions) {
            if (t.pattern() == pattern) {
                lateness.add(t.actualNanos() - t.scheduledNanos());
            }
        }
        long[] values = lateness.stream().mapToLong(Long::longValue).toArray();
        row("LED " + pattern + " toggle lateness (" + seconds + " s)", values, 1e3, "us");
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no button event within 5 s");
        }
    }

    private static void row(String what, long[] nanos, double unit, String unitName) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-48s %8d %8.3f%s %8.3f%s %8.3f%s%n", what, sorted.length,
                sorted[sorted.length / 2] / unit, unitName,
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / unit, unitName,
                sorted[sorted.length - 1] / unit, unitName);
    }

    private GpioLatencyBench() {
    }
}
