package org.ltintercom.app.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * systemd's watchdog: WATCHDOG=1 every half of {@code WatchdogSec}, but only while the app's
 * event loop is alive. The loop calls {@link #heartbeat()}; the pinger thread ({@code lt-watchdog})
 * calls {@link #pingIfHealthy()}. A loop that stopped beating for a whole watchdog interval gets
 * no more pings, so systemd kills and restarts the app: a hung doorbell is worse than a restart.
 */
public final class Watchdog implements AutoCloseable {

    private final SdNotify notify;
    private final Duration interval;
    private final LongSupplier nanos;
    private volatile long lastBeat;
    private Thread pinger;
    private volatile boolean running;

    public Watchdog(SdNotify notify, Duration interval, LongSupplier nanos) {
        this.notify = notify;
        this.interval = interval;
        this.nanos = nanos;
        this.lastBeat = nanos.getAsLong();
    }

    /** The interval systemd asked for ({@code WATCHDOG_USEC}), when it is meant for this process. */
    public static Optional<Duration> intervalFrom(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec == null || (forPid != null && !forPid.equals(Long.toString(pid)))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Duration interval() {
        return interval;
    }

    /** Called by the event loop to say it is alive; cheap, any thread. */
    public void heartbeat() {
        lastBeat = nanos.getAsLong();
    }

    /** Sends WATCHDOG=1 if the loop beat within the last interval; returns whether it did. */
    public boolean pingIfHealthy() {
        if (nanos.getAsLong() - lastBeat >= interval.toNanos()) {
            return false;
        }
        notify.watchdog();
        return true;
    }

    /** Starts the {@code lt-watchdog} thread, pinging every half interval. */
    public synchronized void start() {
        if (pinger != null) {
            return;
        }
        running = true;
        pinger = new Thread(this::loop, "lt-watchdog");
        pinger.setDaemon(true);
        pinger.start();
    }

    private void loop() {
        long halfMillis = Math.max(1, interval.toMillis() / 2);
        while (running) {
            pingIfHealthy();
            try {
                Thread.sleep(halfMillis); // a pacing sleep: this thread exists to tick
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (pinger != null) {
            pinger.interrupt();
            try {
                pinger.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pinger = null;
        }
    }
}
