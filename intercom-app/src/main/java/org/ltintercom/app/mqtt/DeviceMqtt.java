package org.ltintercom.app.mqtt;

import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.control.DeviceControl;
import org.ltintercom.app.control.DeviceReporter;
import org.ltintercom.app.control.DeviceStatus;
import org.ltintercom.app.provisioning.ConfigResult;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.mqtt.MqttConfig;
import org.ltintercom.sdk.internal.mqtt.MqttInbound;
import org.ltintercom.sdk.internal.mqtt.MqttSession;
import org.ltintercom.sdk.internal.mqtt.MqttSessionEvent.Cause;
import org.ltintercom.sdk.internal.mqtt.MqttSessionEvent.State;
import org.ltintercom.sdk.internal.mqtt.MqttSessionEvent;
import org.ltintercom.sdk.internal.mqtt.MqttSessionStats;
import org.ltintercom.sdk.internal.mqtt.WakeupReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The intercom's MQTT face: one {@link MqttSession} (fixed client id, last will, reconnect with
 * jitter) carrying every topic of the device, between the broker and the app's {@link DeviceControl}.
 *
 * <pre>
 *  lt/v1/&lt;userID&gt;/wakeup     -> WakeupReceiver (envelope) -> DeviceControl.onWakeup -> LTSDK.parseIncomingPush
 *  lt/v1/&lt;deviceID&gt;/config   -> DeviceControl.onConfigMessage -> ConfigResult -> .../config/result
 *  lt/v1/&lt;deviceID&gt;/cmd      -> CommandHandler -> DeviceControl.call/hangup/... -> .../cmd/result
 *  DeviceReporter.statusChanged -> retained .../status (with the session's online/offline)
 *  DeviceReporter.event         -> .../event
 *  session connected / lost     -> DeviceControl.setMqttConnected (drains the offline event queue)
 *  homeAssistantDiscovery: true -> retained homeassistant/&lt;component&gt;/&lt;deviceID&gt;/&lt;object&gt;/config
 * </pre>
 *
 * Inbound messages are handled on the session's delivery thread ({@code lt-mqtt-deliver-<clientId>})
 * and handed to {@link DeviceControl}, whose methods return at once; results are published when the
 * app's futures complete. One instance lives for one {@link #start()}/{@link #close()}.
 */
public final class DeviceMqtt implements DeviceReporter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceMqtt.class);

    private final DeviceControl control;
    private final MqttSession session;
    private final String deviceId;
    private final String model;
    private final CommandHandler commands;
    private final AtomicBoolean connected = new AtomicBoolean();
    /** Open once the app can take what arrives; until then the session's delivery thread waits here. */
    private final CountDownLatch appStarted = new CountDownLatch(1);

    private final Object lock = new Object();
    private DeviceTopics topics;                  // guarded by lock (the userID may be provisioned anew)
    private WakeupReceiver wakeups;               // guarded by lock
    private boolean discovery;                    // guarded by lock: Home Assistant discovery wanted
    private String swVersion;                     // guarded by lock: sw_version in the discovery documents
    private boolean started;                      // guarded by lock
    private boolean closed;                       // guarded by lock
    private volatile long activeConfigVersion;
    private volatile boolean loginErrorShown;     // delivery thread writes; once per failing streak

    /** The MQTT face for {@code config} (its {@code mqtt} section and device/user ids), driving {@code control}. */
    public DeviceMqtt(IntercomConfig config, DeviceControl control) {
        this(config, SessionSettings.of(config), control);
    }

    /**
     * The same with explicit session settings (e.g. a shorter backoff); {@code sessionConfig}
     * should come from {@link SessionSettings#of(IntercomConfig)}.
     */
    public DeviceMqtt(IntercomConfig config, MqttConfig sessionConfig, DeviceControl control) {
        this.control = Objects.requireNonNull(control, "control");
        this.deviceId = config.deviceId();
        this.topics = new DeviceTopics(config.deviceId(), userId(config));
        if (!topics.status().equals(sessionConfig.statusTopic())) {
            throw new IllegalArgumentException("statusTopic: must be " + topics.status() + " (the last will's topic)");
        }
        this.discovery = config.homeAssistantDiscovery();
        this.swVersion = DeviceMqtt.class.getPackage().getImplementationVersion();
        this.model = "lt-intercom (" + String.valueOf(config.hal() == null ? "unknown" : config.hal().platform())
                .toLowerCase(Locale.ROOT) + ")";
        this.session = new MqttSession(sessionConfig);
        this.commands = new CommandHandler(control, json -> publish(currentTopics().cmdResult(), json, false));
    }

    /**
     * Registers as the app's reporter, subscribes the device's topics and starts connecting in the
     * background (the session retries with backoff until it gets through, for as long as it runs).
     */
    public void start() {
        appStarted.countDown();
        connect();
    }

    /**
     * Starts connecting before the app itself has started, so that the broker's answer and the
     * app's start overlap (a Paho connect costs about 300 ms of fixed waits, see docs/intercom-app.md).
     * Everything that arrives (session events, config, commands, wakeups) waits, in order, until
     * {@link #appStarted()}.
     */
    public void startBeforeApp() {
        connect();
    }

    /** The app has started: hands it what arrived meanwhile, then everything as it comes. */
    public void appStarted() {
        appStarted.countDown();
    }

    /**
     * {@code handler}, run only once the app has started: every delivery from the session (events,
     * config, commands, wakeups) is wired through here, so none reaches an app that is not there yet.
     */
    private <T> Consumer<T> whenAppStarted(Consumer<T> handler) {
        return value -> {
            if (awaitApp()) {
                handler.accept(value);
            }
        };
    }

    /** True when the app may be called (it has started); false once this is closed. */
    private boolean awaitApp() {
        try {
            appStarted.await(); // close() opens it too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        synchronized (lock) {
            return !closed;
        }
    }

    private void connect() {
        DeviceTopics t;
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("start: DeviceMqtt already " + (closed ? "closed" : "started"));
            }
            started = true;
            t = topics;
            wakeups = new WakeupReceiver(session, t.userId(), whenAppStarted(this::onWakeup));
        }
        control.setReporter(this);
        session.addListener(whenAppStarted(this::onSessionEvent)::accept);
        watch(t.config(), session.subscribe(t.config(), whenAppStarted(this::onConfigMessage)));
        watch(t.cmd(), session.subscribe(t.cmd(), whenAppStarted(commands::onMessage)));
        startWakeups();
        session.start();
    }

    /** Waits until connected (subscribed, {@code online} published); false on timeout. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return session.awaitConnected(timeout);
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    /** The session's connection state, e.g. DISCONNECTED with cause REFUSED_CREDENTIALS and the retry delay. */
    public MqttSessionEvent sessionState() {
        return session.state();
    }

    public MqttSessionStats stats() {
        return session.stats();
    }

    public DeviceTopics topics() {
        return currentTopics();
    }

    /**
     * A new configuration is in force (provisioned or reloaded): follows a changed {@code sdk.userId}
     * (re-subscribes the wakeup topic) and {@code homeAssistantDiscovery} (publishes the documents,
     * or clears them with empty retained messages when switched off).
     */
    public void onConfigApplied(IntercomConfig applied) {
        String newUser = userId(applied);
        WakeupReceiver old = null;
        boolean startWakeups = false;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (!newUser.equals(topics.userId())) {
                LOG.info("sdk.userId changed: wakeups now on {}", WakeupReceiver.wakeupTopicOf(newUser));
                topics = new DeviceTopics(deviceId, newUser);
                old = wakeups;
                wakeups = new WakeupReceiver(session, newUser, whenAppStarted(this::onWakeup));
                startWakeups = started;
            }
            if (applied.homeAssistantDiscovery() != discovery) {
                discovery = applied.homeAssistantDiscovery();
                if (discovery) {
                    publishDiscoveryLocked();
                } else {
                    clearDiscoveryLocked();
                }
            }
        }
        if (old != null) {
            old.close();
        }
        if (startWakeups) {
            startWakeups();
        }
    }

    // ---- DeviceReporter (called on the app's event loop; nothing here blocks) ----

    @Override
    public void statusChanged(DeviceStatus status) {
        activeConfigVersion = status.configVersion();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("deviceId", deviceId);
        putIfSet(fields, "registration", status.registration());
        putIfSet(fields, "callState", status.callState());
        putIfSet(fields, "audioRoute", status.audioRoute());
        fields.put("configVersion", status.configVersion());
        putIfSet(fields, "appVersion", status.appVersion());
        putIfSet(fields, "sdkVersion", status.sdkVersion());
        fields.put("uptimeSeconds", status.uptimeSeconds());
        putIfSet(fields, "lastError", status.lastError());
        fields.put("warnings", status.warnings());
        synchronized (lock) {
            if (closed) {
                return;
            }
            session.setStatusFields(fields);
            if (status.appVersion() != null && !status.appVersion().equals(swVersion)) {
                swVersion = status.appVersion();
                if (discovery) {
                    publishDiscoveryLocked();
                }
            }
        }
    }

    @Override
    public boolean event(Map<String, Object> event) {
        String json;
        try {
            json = Json.write(event);
        } catch (IllegalArgumentException e) {
            // queueing it would fail the same way on every reconnect: drop it, loudly
            LOG.error("event {} dropped: not JSON-serialisable ({})", event.get("type"), e.getMessage());
            return true;
        }
        return publishEvent(json);
    }

    /**
     * Publishes {@code offline} (reason {@code shutdown}) on the status topic, disconnects cleanly
     * (no last will) and stops every thread of the session. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        appStarted.countDown(); // a delivery still waiting for the app ends (closed: it is dropped)
        session.close();
        if (connected.compareAndSet(true, false)) {
            control.setMqttConnected(false, this::publishEvent);
        }
    }

    // ---- inbound (session delivery thread) ----

    private void onConfigMessage(MqttInbound message) {
        if (message.payload().length == 0) {
            // an empty retained message is how an operator deletes the retained config: nothing to apply
            LOG.info("retained config on {} cleared; the configuration in force stays", message.topic());
            return;
        }
        String text = Payloads.utf8(message.payload()).orElse(null);
        if (text == null) {
            publishConfigResult(new ConfigResult(null, ConfigResult.Status.REJECTED,
                    List.of("payload: not valid UTF-8"), activeConfigVersion));
            return;
        }
        CompletableFuture<ConfigResult> handled;
        try {
            handled = control.onConfigMessage(text);
        } catch (RuntimeException e) {
            handled = CompletableFuture.failedFuture(e);
        }
        handled.whenComplete((result, failure) -> {
            if (failure != null || result == null) {
                LOG.error("config message could not be handled", failure);
                publishConfigResult(new ConfigResult(null, ConfigResult.Status.REJECTED,
                        List.of("device: the config message failed inside the app ("
                                + (failure == null ? "no result" : failure.getMessage()) + ")"), activeConfigVersion));
            } else {
                activeConfigVersion = result.activeVersion();
                publishConfigResult(result);
            }
        });
    }

    private void publishConfigResult(ConfigResult result) {
        publish(currentTopics().configResult(), result.toJson(), false);
    }

    private void onWakeup(String json) {
        if (json.isEmpty()) {
            LOG.debug("empty wakeup ignored (a retained wakeup being deleted)");
            return;
        }
        boolean rang = control.onWakeup(json);
        LOG.debug("wakeup handed to the app: {}", rang ? "ringing" : "dropped (see the SDK's log line)");
    }

    private void onSessionEvent(MqttSessionEvent event) {
        if (event.state() == State.CONNECTED) {
            loginErrorShown = false;
            if (connected.compareAndSet(false, true)) {
                control.setMqttConnected(true, this::publishEvent);
            }
            synchronized (lock) {
                if (discovery && !closed) {
                    publishDiscoveryLocked(); // retained, but a restarted broker may have lost them
                }
            }
            return;
        }
        if (event.state() == State.DISCONNECTED || event.state() == State.CLOSED) {
            if (connected.compareAndSet(true, false)) {
                control.setMqttConnected(false, this::publishEvent);
            }
        }
        if (event.state() == State.DISCONNECTED && !loginErrorShown) {
            MqttConfig c = session.config();
            if (event.cause() == Cause.REFUSED_CREDENTIALS) {
                loginErrorShown = true;
                LOG.error("MQTT broker {} refused the login of user {} ({}): check mqtt.username and mqtt.password "
                        + "(and the broker's password file); retrying with backoff", c.brokerUri(),
                        c.username() == null ? "(anonymous)" : c.username(), event.reason());
            } else if (event.cause() == Cause.TLS_FAILED) {
                loginErrorShown = true;
                LOG.error("MQTT TLS to {} failed ({}): check mqtt.tls.caFile, certFile and keyFile; retrying with backoff",
                        c.brokerUri(), event.reason());
            }
        }
    }

    // ---- outbound ----

    private boolean publishEvent(String json) {
        if (!session.isConnected()) {
            return false; // the app keeps it (persisted) and hands it back on reconnect
        }
        return publish(currentTopics().event(), json, false);
    }

    private boolean publish(String topic, String payload, boolean retained) {
        try {
            session.publish(topic, payload.getBytes(StandardCharsets.UTF_8), retained);
            return true;
        } catch (IllegalStateException closedSession) {
            LOG.debug("publish to {} after close dropped", topic);
            return false;
        }
    }

    private void publishDiscoveryLocked() {
        DeviceTopics t = topics;
        for (HomeAssistantDiscovery.Entity entity : HomeAssistantDiscovery.entities(t, model, swVersion)) {
            publish(entity.topic(deviceId), HomeAssistantDiscovery.json(entity), true);
        }
    }

    private void clearDiscoveryLocked() {
        LOG.info("Home Assistant discovery switched off: clearing the retained discovery documents");
        for (HomeAssistantDiscovery.Entity entity : HomeAssistantDiscovery.entities(topics, model, swVersion)) {
            publish(entity.topic(deviceId), "", true);
        }
    }

    // ---- helpers ----

    private void startWakeups() {
        WakeupReceiver receiver;
        synchronized (lock) {
            receiver = wakeups;
        }
        watch(receiver.topic(), receiver.start());
    }

    private DeviceTopics currentTopics() {
        synchronized (lock) {
            return topics;
        }
    }

    private static void watch(String topic, CompletableFuture<Void> subscribed) {
        subscribed.whenComplete((ok, refused) -> {
            if (refused != null) {
                LOG.error("MQTT broker refused the subscription to {}: check the broker's ACL for this device", topic);
            }
        });
    }

    private static String userId(IntercomConfig config) {
        if (config.sdk() == null || config.sdk().userId() == null) {
            throw new IllegalArgumentException("sdk.userId: is required (the wakeup topic is lt/v1/<userID>/wakeup)");
        }
        return config.sdk().userId();
    }

    private static void putIfSet(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
