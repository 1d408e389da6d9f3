package org.ltintercom.app;

import org.ltintercom.app.behaviour.DegradedMode;
import org.ltintercom.app.behaviour.EventOutbox;
import org.ltintercom.app.behaviour.IdleCompaction;
import org.ltintercom.app.behaviour.PendingEvents;
import org.ltintercom.app.behaviour.Timers;
import org.ltintercom.app.calls.CallController;
import org.ltintercom.app.calls.LiveSettings;
import org.ltintercom.app.calls.SdkSession;
import org.ltintercom.app.calls.StatusBoard;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.LocalConfig;
import org.ltintercom.app.control.CommandResult;
import org.ltintercom.app.control.DeviceControl;
import org.ltintercom.app.control.DeviceReporter;
import org.ltintercom.app.control.DeviceStatus;
import org.ltintercom.app.provisioning.Applier;
import org.ltintercom.app.provisioning.ConfigResult;
import org.ltintercom.app.provisioning.LocalReload;
import org.ltintercom.app.provisioning.Provisioner;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.app.systemd.Readiness;
import org.ltintercom.app.systemd.SdNotify;
import org.ltintercom.app.systemd.Watchdog;
import org.ltintercom.hal.HalConfig;
import org.ltintercom.hal.HalFactory;
import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.gpio.ButtonEvent;
import org.ltintercom.hal.gpio.ButtonRole;
import org.ltintercom.hal.presenter.PresenterAdapter;
import org.ltintercom.hal.presenter.RegistrationState;
import org.ltintercom.hal.time.HalScheduler;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.call.LTCallPresenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The running intercom: one process that owns the HAL, the LT SDK session, the app's event loop
 * ({@code lt-app-events}), the provisioning state and systemd's notify/watchdog; the MQTT session
 * drives it through {@link DeviceControl} and hears it through {@link DeviceReporter}.
 *
 * <pre>
 *  HAL buttons --> event loop --> presenter's button meaning --> CallController (ring plan, answer, hang up)
 *                                                          \--> degraded mode (SIP/network down)
 *  LTSDK (lt-sdk-events) --> event loop: registration, calls, DTMF -> door code -> relay
 *  MQTT config --> lt-app-worker: Provisioner --> apply (SDK re-init + wait for registration | live settings)
 *  event loop heartbeat --> Watchdog --> WATCHDOG=1
 * </pre>
 *
 * <pre>
 * IntercomApp app = new IntercomApp(ConfigLoader.readLocal(file), new StateStore(stateDir), notify, System.getenv());
 * app.setReporter(mqttSession);   // may come before or after start
 * app.start();
 * ...
 * app.close();
 * </pre>
 */
public final class IntercomApp implements DeviceControl, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntercomApp.class);

    /** The app's event loop thread. */
    public static final String EVENT_THREAD = "lt-app-events";
    /** The thread for slow work off the loop: provisioning (waits for SIP registration), self-test. */
    public static final String WORKER_THREAD = "lt-app-worker";
    /** How long to wait for SIP and MQTT before READY=1 is sent anyway (degraded). */
    public static final Duration READY_GRACE = Duration.ofSeconds(60);
    /** {@link IdleCompaction} after the start and after calls; {@code -Dlt.compact.idle=false} switches it off, to compare. */
    private static final boolean COMPACT_WHEN_IDLE = Boolean.parseBoolean(System.getProperty("lt.compact.idle", "true"));

    private final StateStore store;
    private final SdNotify notify;
    private final Map<String, String> env;
    private final Applier applier;
    private volatile Provisioner provisioner;
    private volatile IntercomConfig config;
    private volatile DeviceReporter reporter;
    private Path configFile;
    private Hardware hardware;
    private volatile AppThreads threads;
    private Watchdog watchdog;
    private Readiness readiness;
    private DegradedMode degraded;
    private PendingEvents pending;
    private EventOutbox outbox;
    private StatusBoard status;
    private SdkSession session;
    private CallController calls;
    private long startedAt;
    private boolean started;
    private org.ltintercom.app.audio.AcousticSetup acoustics;
    private Path simulatedMicrophone;
    private Path simulatedSpeakerRecording;
    private org.ltintercom.app.demo.SimulatedAudioFiles simulatedAudio;
    private volatile java.util.function.Consumer<IntercomConfig> onConfigApplied = c -> { };

    /** Loads the state: the provisioned config (or the last good one) over the local file. */
    public IntercomApp(LocalConfig local, StateStore store, SdNotify notify, Map<String, String> env) {
        this(local, store, notify, env, null);
    }

    /** With another applier for provisioned configs (tests); null: the app's own (SDK re-init, live settings). */
    public IntercomApp(LocalConfig local, StateStore store, SdNotify notify, Map<String, String> env, Applier applier) {
        this.store = store;
        this.notify = notify;
        this.env = env;
        this.applier = applier != null ? applier : this::applyConfig;
        this.provisioner = new Provisioner(local, store, this.applier);
        this.config = provisioner.startupConfig();
    }

    /**
     * Simulated HAL only (the demo's devices): the microphone plays {@code microphoneWav} in a loop,
     * and what the speaker played is written to {@code speakerRecording} at shutdown. Before start.
     */
    public synchronized void setSimulatedAudioFiles(Path microphoneWav, Path speakerRecording) {
        this.simulatedMicrophone = microphoneWav;
        this.simulatedSpeakerRecording = speakerRecording;
    }

    /**
     * Told of every configuration put into force after start (provisioned, rolled back or reloaded),
     * e.g. the MQTT face following {@code sdk.userId} and {@code homeAssistantDiscovery}.
     */
    public void setConfigAppliedListener(java.util.function.Consumer<IntercomConfig> listener) {
        this.onConfigApplied = listener == null ? c -> { } : listener;
    }

    /** The file {@link #reload()} re-reads (the {@code run} command's {@code --config}). */
    public synchronized void setConfigFile(Path file) {
        this.configFile = file;
    }

    /** The configuration in force. */
    public IntercomConfig config() {
        return config;
    }

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

    /** The status document now (read on the event loop). */
    public DeviceStatus status() {
        return onLoop(() -> status.current());
    }

    /** Builds the HAL, starts the event loop, the SDK session and the watchdog. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        startedAt = System.nanoTime();
        log.info("starting intercom {} on {} (config version {})", config.deviceId(), config.hal().platform(),
                provisioner.activeVersion());
        hardware = HalFactory.create(config.hal()); // throws with the field at fault; close() then has nothing to undo
        threads = new AppThreads();
        HalScheduler events = threads.loop();
        Timers timers = Timers.on(events);
        readiness = new Readiness(notify, timers, READY_GRACE,
                Readiness.AUDIO_OPEN, Readiness.SIP_REGISTERED, Readiness.MQTT_CONNECTED);
        pending = new PendingEvents(store, PendingEvents.DEFAULT_CAPACITY);
        outbox = new EventOutbox(pending, () -> reporter);
        degraded = new DegradedMode(timers, Clock.systemUTC(), new HalSignals(hardware), pending);
        status = new StatusBoard(() -> (System.nanoTime() - startedAt) / 1_000_000_000L);
        if (COMPACT_WHEN_IDLE) {
            IdleCompaction compaction = new IdleCompaction(timers, System::gc);
            readiness.whenReady(compaction::started);
            status.onCallState(compaction::callState);
        }
        session = new SdkSession(events::execute, timers, hardware.audio(), store.dir().resolve("sdk"),
                this::onRegistration, () -> ThreadLocalRandom.current().nextDouble());
        calls = new CallController(events::execute, timers, hardware, degraded, status, outbox::report, session::userID, config);
        LTCallPresenter.getInstance().configure(config.deviceId(), config.hal().presenter().ringtoneFile());
        PresenterAdapter.attach(LTCallPresenter.getInstance(), hardware.presenter());
        hardware.buttons().addListener(this::onButton);
        org.ltintercom.app.calls.LoopToneCheck.quietRoom(hardware);
        if (simulatedMicrophone != null || simulatedSpeakerRecording != null) {
            simulatedAudio = org.ltintercom.app.demo.SimulatedAudioFiles.attach(hardware, simulatedMicrophone,
                    simulatedSpeakerRecording);
        }
        acoustics = new org.ltintercom.app.audio.AcousticSetup(hardware.audio(), store,
                () -> LTSDK.getCallCenterManager().getActiveCallCount() > 0, Clock.systemUTC());
        org.ltintercom.app.audio.AcousticSetup acousticSetup = acoustics;
        session.setAudioProcessing(c -> acousticSetup.processing(c.audio()));
        IntercomConfig first = config;
        events.execute(() -> {
            status.setReporter(reporter);
            status.setConfigVersion(provisioner.activeVersion());
            status.setAudioRoute(hardware.audio().availableRoutes().stream().findFirst().map(Enum::name).orElse(""));
            LiveSettings.apply(hardware, status, config);
            readiness.set(Readiness.AUDIO_OPEN, !hardware.audio().availableRoutes().isEmpty());
            calls.listen();
        });
        // the first start's acoustic calibration plays a 1.7 s sweep: off the event loop, before the SDK signs in
        threads.onWorker(() -> {
            acousticSetup.start(first.audio());
            events.execute(() -> session.start(config));
        });
        Watchdog.intervalFrom(env, ProcessHandle.current().pid()).ifPresent(interval -> {
            watchdog = new Watchdog(notify, interval, System::nanoTime);
            beat(interval.dividedBy(4));
            watchdog.start();
        });
    }

    private void beat(Duration every) {
        Watchdog w = watchdog;
        AppThreads t = threads;
        if (w == null || t == null) {
            return; // closing: the last scheduled beat finds the watchdog gone
        }
        w.heartbeat();
        t.loop().after(every, () -> beat(every));
    }

    private void onButton(ButtonEvent event) {
        threads.execute(() -> {
            int queued = outbox.queued();
            calls.onButton(event);
            if (outbox.queued() > queued) {
                outbox.drain(); // degraded mode queued the press; publish it now if MQTT is up
            }
        });
    }

    private void onRegistration(String state, String error) {
        boolean registered = state.equals("registered");
        if (registered && LTSDK.getAudioProcessingStatus().state()
                == org.ltintercom.sdk.LTAudioProcessingStatus.State.UNAVAILABLE) {
            status.addWarning("audio processing: " + LTSDK.getAudioProcessingStatus().describe());
        }
        degraded.setSipRegistered(registered);
        readiness.set(Readiness.SIP_REGISTERED, registered);
        hardware.presenter().onRegistrationChanged(switch (state) {
            case "registered" -> RegistrationState.REGISTERED;
            case "registering" -> RegistrationState.REGISTERING;
            case "failed" -> RegistrationState.FAILED;
            default -> RegistrationState.NOT_STARTED;
        });
        if (error != null) {
            status.setLastError(error); // first: the document that says "failed" already says why
        }
        status.setRegistration(state);
    }

    /** The SIP registration changed (also fed by the SDK session). Runs on the event loop. */
    public void setSipRegistered(boolean registered) {
        threads.execute(() -> {
            degraded.setSipRegistered(registered);
            readiness.set(Readiness.SIP_REGISTERED, registered);
        });
    }

    /** The network went away or came back (MQTT session / netlink watcher). */
    public void setNetworkUp(boolean up) {
        threads.execute(() -> degraded.setNetworkUp(up));
    }

    @Override
    public void setMqttConnected(boolean connected, Predicate<String> publishEvent) {
        threads.execute(() -> {
            readiness.set(Readiness.MQTT_CONNECTED, connected);
            if (connected) {
                int sent = pending.drain(publishEvent);
                if (sent > 0) {
                    log.info("published {} event(s) queued while offline", sent);
                }
            }
        });
    }

    @Override
    public void setReporter(DeviceReporter next) {
        reporter = next;
        AppThreads t = threads;
        if (t != null) {
            t.execute(() -> status.setReporter(next));
        }
    }

    @Override
    public CompletableFuture<ConfigResult> onConfigMessage(String payload) {
        return onWorker(() -> {
            ConfigResult result = provisioner.onConfigMessage(payload);
            threads.execute(() -> status.setConfigVersion(provisioner.activeVersion()));
            return result;
        });
    }

    @Override
    public CompletableFuture<CommandResult> call(String target) {
        if (target != null && (target.isBlank() || target.length() > 128)) {
            return CompletableFuture.completedFuture(CommandResult.failed("target: a userID of 1-128 characters, or absent for the ring plan"));
        }
        return onLoopAsync(() -> {
            CompletableFuture<CallController.Outcome> outcome = calls.placeCall(target == null ? null : target.strip());
            if (outcome.isDone() && !outcome.join().connected()) {
                return CommandResult.failed(outcome.join().detail());
            }
            return CommandResult.done(Map.of("ringing", target == null ? "ring plan" : target.strip()));
        });
    }

    /**
     * Places one call (the {@code call <target>} command, the demo) and completes when it connected
     * or the attempt ended without an answer. {@code target} null: the ring plan.
     */
    public CompletableFuture<CallController.Outcome> placeCall(String target) {
        return onLoopAsync(() -> calls.placeCall(target)).thenCompose(f -> f);
    }

    @Override
    public CompletableFuture<CommandResult> hangup() {
        return onLoopAsync(() -> calls.hangup());
    }

    @Override
    public CompletableFuture<CommandResult> answer() {
        return onLoopAsync(() -> calls.answer());
    }

    @Override
    public CompletableFuture<CommandResult> openDoor() {
        return onLoopAsync(() -> calls.openDoor("command"));
    }

    @Override
    public CompletableFuture<CommandResult> sendDtmf(String keys) {
        return onLoopAsync(() -> calls.sendDtmf(keys));
    }

    @Override
    public CompletableFuture<CommandResult> selftest() {
        return onWorker(() -> org.ltintercom.app.calls.SelfChecks.run(hardware, store,
                onLoop(() -> calls.activeCall() != null), acoustics));
    }

    @Override
    public CompletableFuture<CommandResult> reload() {
        Path file;
        synchronized (this) {
            file = configFile;
        }
        if (file == null) {
            return CompletableFuture.completedFuture(CommandResult.failed("reload: the app was started without a configuration file"));
        }
        return onWorker(() -> {
            LocalReload.Outcome outcome = LocalReload.run(file, store, applier, config);
            if (outcome.provisioner().isEmpty()) {
                return CommandResult.failed(outcome.failure());
            }
            provisioner = outcome.provisioner().get();
            return CommandResult.done(Map.of("file", file.toString()));
        });
    }

    @Override
    public CompletableFuture<CommandResult> pressButton(String gesture) {
        HalConfig.Platform platform = config.hal().platform();
        if (platform != HalConfig.Platform.SIMULATED && platform != HalConfig.Platform.PI4J_MOCK) {
            return CompletableFuture.completedFuture(CommandResult.failed("press: only on the simulated or pi4j_mock "
                    + "HAL platform; this station runs on " + platform.name().toLowerCase(Locale.ROOT)));
        }
        String g = gesture == null ? "" : gesture.strip().toLowerCase(Locale.ROOT);
        if (!g.equals("short") && !g.equals("long")) {
            return CompletableFuture.completedFuture(CommandResult.failed("gesture: must be short or long, was "
                    + (gesture == null ? "absent" : "'" + gesture + "'")));
        }
        var simulator = hardware.simulator().orElseThrow();
        if (g.equals("short")) {
            simulator.click(ButtonRole.CALL);
        } else {
            simulator.longPress(ButtonRole.CALL);
        }
        return CompletableFuture.completedFuture(CommandResult.done(Map.of("gesture", g)));
    }

    @Override
    public boolean onWakeup(String json) {
        return LTSDK.parseIncomingPush(json);
    }

    /**
     * Puts {@code next} into force: ring plan, call limits, door code, volumes and LED brightness at once (live);
     * a changed {@code sdk} or {@code sip} section re-initialises the SDK with the new account and
     * waits {@code sip.registrationTimeout} for it to register. Runs on the worker thread.
     */
    private Applier.Outcome applyConfig(IntercomConfig next) {
        if (threads == null) {
            config = next; // not started: start() uses it
            return Applier.Outcome.ok();
        }
        CompletableFuture<Void> registration = onLoop(() -> {
            IntercomConfig before = config;
            config = next;
            calls.apply(next);
            LiveSettings.apply(hardware, status, next);
            return SdkSession.needsRestart(before, next) ? session.start(next) : null;
        });
        if (registration == null) {
            onConfigApplied.accept(next);
            return Applier.Outcome.ok();
        }
        Duration timeout = next.sip().registrationTimeout();
        try {
            registration.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            onConfigApplied.accept(next);
            return Applier.Outcome.ok();
        } catch (TimeoutException e) {
            return Applier.Outcome.registrationFailed("not registered within " + timeout.toSeconds() + " s as "
                    + next.sdk().userId());
        } catch (java.util.concurrent.ExecutionException e) {
            return Applier.Outcome.registrationFailed(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Applier.Outcome.registrationFailed("interrupted while waiting for the registration");
        }
    }

    private <T> T onLoop(Supplier<T> task) {
        AppThreads t = threads;
        if (t == null) {
            throw notStarted();
        }
        return t.onLoop(task);
    }

    private <T> CompletableFuture<T> onLoopAsync(Supplier<T> task) {
        AppThreads t = threads;
        return t == null ? CompletableFuture.failedFuture(notStarted()) : t.onLoopAsync(task);
    }

    private <T> CompletableFuture<T> onWorker(Supplier<T> task) {
        AppThreads t = threads;
        return t == null ? CompletableFuture.failedFuture(notStarted()) : t.onWorker(task);
    }

    private static IllegalStateException notStarted() {
        return new IllegalStateException("the intercom is not started");
    }

    /** Stops cleanly: STOPPING=1, calls end, SDK shutdown, watchdog, event loop, then the HAL (LEDs and relay off). */
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
        AppThreads t = threads; // null when start() failed before the threads existed
        threads = null;
        if (t != null) {
            try {
                t.close(() -> {
                    calls.endAll();
                    session.stop();
                });
            } catch (RuntimeException e) {
                log.warn("ending calls at shutdown: {}", e.getMessage());
                LTSDK.shutdown();
            }
            LTCallPresenter.getInstance().setListener(null);
        }
        if (hardware != null) {
            if (simulatedAudio != null) {
                simulatedAudio.writeRecording();
                simulatedAudio = null;
            }
            hardware.close();
        }
        log.info("stopped");
    }
}
