package org.ltintercom.app;

import org.ltintercom.app.behaviour.DegradedMode;
import org.ltintercom.app.behaviour.PendingEvents;
import org.ltintercom.app.behaviour.Timers;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.LocalConfig;
import org.ltintercom.app.provisioning.Applier;
import org.ltintercom.app.provisioning.Provisioner;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.app.systemd.Readiness;
import org.ltintercom.app.systemd.SdNotify;
import org.ltintercom.app.systemd.Watchdog;
import org.ltintercom.hal.HalFactory;
import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.gpio.ButtonEvent;
import org.ltintercom.hal.gpio.ButtonGesture;
import org.ltintercom.hal.gpio.ButtonRole;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hal.time.HalClock;
import org.ltintercom.hal.time.HalScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The running intercom: one process that owns the HAL, the app's event loop ({@code lt-app-events}),
 * the provisioning state and systemd's notify/watchdog.
 *
 * <pre>
 *  HAL buttons --> event loop --> degraded mode (now) / ring plan (once the SDK adapter is wired)
 *  MQTT config --> Provisioner --> Applier (HAL volumes, SDK re-init: wired later)
 *  event loop heartbeat --> Watchdog --> WATCHDOG=1
 * </pre>
 *
 * Not wired yet (other branches): the SDK's SIP signalling and SDK<->media adapter, and the MQTT
 * session. Until then {@link Readiness#SIP_REGISTERED} and {@link Readiness#MQTT_CONNECTED} stay
 * false, every call-button press takes the degraded path (chime, error LED, event queued), and
 * systemd's STATUS says so.
 */
public final class IntercomApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntercomApp.class);

    /** The app's event loop thread. */
    public static final String EVENT_THREAD = "lt-app-events";
    /** How long to wait for SIP and MQTT before READY=1 is sent anyway (degraded). */
    public static final Duration READY_GRACE = Duration.ofSeconds(60);

    private final IntercomConfig config;
    private final StateStore store;
    private final Provisioner provisioner;
    private final SdNotify notify;
    private final Map<String, String> env;
    private Hardware hardware;
    private HalScheduler events;
    private Watchdog watchdog;
    private Readiness readiness;
    private DegradedMode degraded;
    private PendingEvents pending;
    private boolean started;

    /**
     * Loads the state: the provisioned config (or the last good one) over the local file.
     * The applier for provisioning messages is {@link #applyProvisioned}.
     */
    public IntercomApp(LocalConfig local, StateStore store, SdNotify notify, Map<String, String> env) {
        this(local, store, notify, env, IntercomApp::applyNotWired);
    }

    /** With the applier that puts provisioned configs into force (the SDK adapter, once merged). */
    public IntercomApp(LocalConfig local, StateStore store, SdNotify notify, Map<String, String> env, Applier applier) {
        this.store = store;
        this.notify = notify;
        this.env = env;
        this.provisioner = new Provisioner(local, store, applier);
        this.config = provisioner.startupConfig();
    }

    public IntercomConfig config() {
        return config;
    }

    /** Feed for the MQTT session's {@code config} topic (wired once MqttSession is merged). */
    public Provisioner provisioner() {
        return provisioner;
    }

    public Hardware hardware() {
        return hardware;
    }

    public Readiness readiness() {
        return readiness;
    }

    public PendingEvents pendingEvents() {
        return pending;
    }

    /** Builds the HAL, starts the event loop and the watchdog, tells systemd where it stands. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        log.info("starting intercom {} on {} (config version {})", config.deviceId(), config.hal().platform(),
                provisioner.activeVersion());
        hardware = HalFactory.create(config.hal()); // throws with the field at fault; close() then has nothing to undo
        events = new HalScheduler(EVENT_THREAD, HalClock.system());
        Timers timers = Timers.on(events);
        readiness = new Readiness(notify, timers, READY_GRACE,
                Readiness.AUDIO_OPEN, Readiness.SIP_REGISTERED, Readiness.MQTT_CONNECTED);
        pending = new PendingEvents(store, PendingEvents.DEFAULT_CAPACITY);
        degraded = new DegradedMode(timers, Clock.systemUTC(), new HalSignals(hardware), pending);
        hardware.buttons().addListener(this::onButton);
        events.execute(() -> readiness.set(Readiness.AUDIO_OPEN, !hardware.audio().availableRoutes().isEmpty()));
        log.warn("SIP signalling, the SDK media adapter and the MQTT session are not wired into this build yet: "
                + "the call button works in degraded mode only (local chime, error LED, event queued)");
        Watchdog.intervalFrom(env, ProcessHandle.current().pid()).ifPresent(interval -> {
            watchdog = new Watchdog(notify, interval, System::nanoTime);
            beat(interval.dividedBy(4));
            watchdog.start();
        });
    }

    private void beat(Duration every) {
        watchdog.heartbeat();
        events.after(every, () -> beat(every));
    }

    private void onButton(ButtonEvent event) {
        if (event.role() == ButtonRole.CALL && event.gesture() == ButtonGesture.SHORT_PRESS) {
            events.execute(() -> {
                if (!degraded.onCallButton()) {
                    log.info("call button: the ring plan starts here once the SDK adapter is wired");
                }
            });
        }
    }

    /** The SIP registration changed (SDK adapter). Runs on the event loop. */
    public void setSipRegistered(boolean registered) {
        events.execute(() -> {
            degraded.setSipRegistered(registered);
            readiness.set(Readiness.SIP_REGISTERED, registered);
        });
    }

    /** The network went away or came back (MQTT session / netlink watcher). */
    public void setNetworkUp(boolean up) {
        events.execute(() -> degraded.setNetworkUp(up));
    }

    /**
     * The MQTT session connected or lost its connection. On connect the events queued while
     * offline are published through {@code publishEvent} (returns false when the publish failed).
     */
    public void setMqttConnected(boolean connected, java.util.function.Predicate<String> publishEvent) {
        events.execute(() -> {
            readiness.set(Readiness.MQTT_CONNECTED, connected);
            if (connected) {
                int sent = pending.drain(publishEvent);
                if (sent > 0) {
                    log.info("published {} event(s) queued while offline", sent);
                }
            }
        });
    }

    /** A retained {@code config} message arrived; the result is to be published on {@code config/result}. */
    public java.util.concurrent.CompletableFuture<org.ltintercom.app.provisioning.ConfigResult> onConfigMessage(String payload) {
        java.util.concurrent.CompletableFuture<org.ltintercom.app.provisioning.ConfigResult> result =
                new java.util.concurrent.CompletableFuture<>();
        events.execute(() -> {
            try {
                result.complete(provisioner.onConfigMessage(payload));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * The applier until the SDK adapter is merged: a new SIP account cannot be put into force or
     * checked, so every provisioned config is reported as not registered and the Provisioner keeps
     * the last good one (the result says why).
     */
    private static Applier.Outcome applyNotWired(IntercomConfig next) {
        return Applier.Outcome.registrationFailed("cannot apply: the SDK adapter (SIP registration) is not wired into this build");
    }

    /** Stops cleanly: STOPPING=1, watchdog, event loop, then the HAL (LEDs and relay off). */
    @Override
    public synchronized void close() {
        if (!started) {
            return;
        }
        started = false;
        notify.stopping();
        if (watchdog != null) {
            watchdog.close();
            watchdog = null;
        }
        if (events != null) {
            events.close(); // null when start() failed before the loop existed
        }
        if (hardware != null) {
            hardware.close();
        }
        log.info("stopped");
    }

    /** The HAL side of degraded mode. */
    private static final class HalSignals implements DegradedMode.Signals {
        private final Hardware hardware;

        HalSignals(Hardware hardware) {
            this.hardware = hardware;
        }

        @Override
        public void playChime() {
            hardware.presenter().playErrorChime();
        }

        @Override
        public void showError() {
            hardware.statusLed().show(LedPattern.ERROR);
        }

        @Override
        public void restoreLed() {
            hardware.statusLed().show(hardware.presenter().ledPattern());
        }
    }
}
