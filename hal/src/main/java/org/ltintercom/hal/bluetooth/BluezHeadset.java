package org.ltintercom.hal.bluetooth;

import org.bluez.Device1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.ltintercom.hal.time.HalClock;
import org.ltintercom.hal.time.HalScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The headset through BlueZ on D-Bus: finds the paired device by address in BlueZ's object
 * tree ({@code ObjectManager.GetManagedObjects}), connects it, and follows its
 * {@code Device1.Connected} property through {@code PropertiesChanged} signals. All work runs
 * on one thread ({@code lt-hal-bluetooth}); D-Bus signal threads only hand over.
 */
public final class BluezHeadset implements BluetoothHeadset {

    /** The worker thread's name. */
    public static final String THREAD_NAME = "lt-hal-bluetooth";
    static final String BLUEZ = "org.bluez";
    static final String DEVICE_INTERFACE = "org.bluez.Device1";

    private static final Logger log = LoggerFactory.getLogger(BluezHeadset.class);

    private final BluetoothConfig config;
    private final HalScheduler worker;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private DBusConnection connection;
    private AutoCloseable signalHandler;
    private volatile String devicePath;
    private volatile boolean connected;
    private volatile boolean closed;
    private long failuresInARow;

    /** Starts looking for the headset at once; failures are logged and retried, never thrown. */
    public BluezHeadset(BluetoothConfig config, HalClock clock) {
        this.config = config;
        this.worker = new HalScheduler(THREAD_NAME, clock);
        worker.execute(this::attempt);
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    /** The BlueZ object path of the headset, once found. */
    public Optional<String> devicePath() {
        return Optional.ofNullable(devicePath);
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        worker.runAndWait(this::disconnectBus, Duration.ofSeconds(10));
        worker.close();
    }

    private void attempt() {
        if (closed) {
            return;
        }
        try {
            if (connection == null) {
                connection = DBusConnectionBuilder.forAddress(config.busAddress()).withShared(false).build();
                signalHandler = connection.addSigHandler(Properties.PropertiesChanged.class, signal -> {
                    if (signal.getPath().equals(devicePath) && DEVICE_INTERFACE.equals(signal.getInterfaceName())) {
                        Variant<?> value = signal.getPropertiesChanged().get("Connected");
                        if (value != null) {
                            boolean now = Boolean.TRUE.equals(value.getValue());
                            worker.execute(() -> update(now, "PropertiesChanged"));
                        }
                    }
                });
            }
            if (devicePath == null) {
                devicePath = findDevice().orElse(null);
                if (devicePath == null) {
                    complain("is not known to BlueZ (pair it first)");
                    retryLater();
                    return;
                }
                log.info("Bluetooth headset {} is {}", config.address(), devicePath);
            }
            Properties properties = connection.getRemoteObject(BLUEZ, devicePath, Properties.class);
            update(Boolean.TRUE.equals(properties.Get(DEVICE_INTERFACE, "Connected")), "read");
            if (!connected && config.autoConnect()) {
                if (failuresInARow == 0) {
                    log.info("connecting Bluetooth headset {}", config.address());
                }
                connection.getRemoteObject(BLUEZ, devicePath, Device1.class).Connect();
                update(Boolean.TRUE.equals(properties.Get(DEVICE_INTERFACE, "Connected")), "Connect()");
            }
            failuresInARow = 0;
        } catch (DBusException | DBusExecutionException e) {
            complain(e.getMessage());
            // start over next time: BlueZ or the bus may have restarted, and with them the object paths
            disconnectBus();
            devicePath = null;
            update(false, "D-Bus failure");
        }
        retryLater();
    }

    /** A headset that is switched off fails every retry for days: say so once an hour, not every time. */
    private void complain(String problem) {
        if (failuresInARow++ % Math.max(1, 3_600_000 / config.retry().toMillis()) == 0) {
            log.warn("Bluetooth headset {}: {}; trying again every {} ms", config.address(), problem,
                    config.retry().toMillis());
        } else {
            log.debug("Bluetooth headset {}: {}", config.address(), problem);
        }
    }

    /**
     * Looks again after {@code retry}: connects a disconnected headset, and re-reads a connected
     * one's state, so that a BlueZ restart (which sends no signal we would still receive) is noticed.
     */
    private void retryLater() {
        if (!closed) {
            worker.after(config.retry(), this::attempt);
        }
    }

    private Optional<String> findDevice() throws DBusException {
        ObjectManager objects = connection.getRemoteObject(BLUEZ, "/", ObjectManager.class);
        for (Map.Entry<DBusPath, Map<String, Map<String, Variant<?>>>> object : objects.GetManagedObjects().entrySet()) {
            Map<String, Variant<?>> device = object.getValue().get(DEVICE_INTERFACE);
            if (device == null || device.get("Address") == null) {
                continue;
            }
            if (config.address().equalsIgnoreCase(String.valueOf(device.get("Address").getValue()))) {
                Variant<?> paired = device.get("Paired");
                if (paired != null && !Boolean.TRUE.equals(paired.getValue())) {
                    log.warn("Bluetooth headset {} is known but not paired; connecting may fail", config.address());
                }
                return Optional.of(object.getKey().getPath());
            }
        }
        return Optional.empty();
    }

    private void update(boolean now, String source) {
        if (closed || now == connected) {
            return;
        }
        connected = now;
        log.info("Bluetooth headset {} {} ({})", config.address(), now ? "connected" : "disconnected", source);
        for (Listener listener : listeners) {
            try {
                listener.onHeadsetConnectionChanged(now);
            } catch (RuntimeException e) {
                log.warn("headset listener failed", e);
            }
        }
    }

    private void disconnectBus() {
        if (signalHandler != null) {
            try {
                signalHandler.close();
            } catch (Exception e) {
                log.debug("removing signal handler: {}", e.toString());
            }
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (java.io.IOException e) {
                log.debug("closing D-Bus connection: {}", e.toString());
            }
            connection = null;
        }
    }
}
