package org.ltintercom.hal.sim;

import org.ltintercom.hal.gpio.ButtonRole;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hal.gpio.StatusLed;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the simulator from a terminal: one key per line ({@code c} call button, {@code l} long
 * press, {@code h} hang-up button, {@code m} mute, {@code b} Bluetooth headset on/off,
 * {@code u} USB headset in/out, {@code ?} help) and prints LED pattern changes and the relay.
 * Reads on its own thread ({@code lt-hal-console}), polling so that {@link #close} stops it
 * even while the terminal is idle.
 */
public final class SimulatorConsole implements AutoCloseable {

    /** The reader thread's name. */
    public static final String THREAD_NAME = "lt-hal-console";
    static final String HELP = "keys: c=call button  l=long press  h=hang-up button  m=mute  "
            + "b=Bluetooth headset on/off  u=USB headset in/out  q=quit  ?=help";

    private static final Logger log = LoggerFactory.getLogger(SimulatorConsole.class);
    private static final long POLL_NANOS = 50_000_000L;

    private final Simulator simulator;
    private final InputStream in;
    private final PrintStream out;
    private final Thread thread;
    private final Map<String, LedPattern> shown = new HashMap<>();
    private final java.util.concurrent.CountDownLatch quit = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean running = true;

    public SimulatorConsole(Simulator simulator, List<StatusLed> leds, InputStream in, PrintStream out) {
        this.simulator = simulator;
        this.in = in;
        this.out = out;
        leds.forEach(led -> led.addListener(t -> {
            synchronized (shown) {
                if (shown.put(t.led(), t.pattern()) != t.pattern()) {
                    out.println("LED " + t.led() + ": " + t.pattern());
                }
            }
        }));
        this.thread = new Thread(this::readLoop, THREAD_NAME);
        thread.setDaemon(true);
        out.println(HELP);
        thread.start();
    }

    /** Waits until {@code q} is typed or the input ends. */
    public void awaitQuit() throws InterruptedException {
        quit.await();
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder line = new StringBuilder();
        try {
            while (running) {
                if (!reader.ready()) {
                    LockSupport.parkNanos(POLL_NANOS);
                    continue;
                }
                int c = reader.read();
                if (c < 0) {
                    quit.countDown();
                    return;
                }
                if (c == '\n') {
                    handle(line.toString().trim());
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            log.warn("console input closed: {}", e.toString());
        }
    }

    private void handle(String key) {
        try {
            switch (key) {
                case "c" -> simulator.click(ButtonRole.CALL);
                case "l" -> simulator.longPress(ButtonRole.CALL);
                case "h" -> simulator.click(ButtonRole.HANG_UP);
                case "m" -> simulator.click(ButtonRole.MUTE);
                case "b" -> {
                    boolean on = !simulator.headset().orElseThrow(
                            () -> new IllegalStateException("no Bluetooth headset is configured")).isConnected();
                    simulator.setHeadsetConnected(on);
                    out.println("Bluetooth headset " + (on ? "connected" : "disconnected"));
                }
                case "u" -> {
                    boolean usbPlugged = !simulator.audio().availableRoutes().contains(LTAudioRoute.HEADPHONES);
                    simulator.plugUsbHeadset(usbPlugged);
                    out.println("USB headset " + (usbPlugged ? "plugged in" : "unplugged"));
                }
                case "q" -> quit.countDown();
                case "", "?" -> out.println(HELP);
                default -> out.println("unknown key \"" + key + "\"; " + HELP);
            }
        } catch (RuntimeException e) {
            out.println(key + ": " + e.getMessage());
        }
    }
}
