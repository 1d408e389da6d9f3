package org.ltintercom.hal.bluetooth;

import org.bluez.Adapter1;
import org.bluez.Device1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake {@code org.bluez} service exported from the test onto the private bus: an ObjectManager
 * at "/", one adapter ({@code /org/bluez/hci0}) and one paired headset, with real properties
 * and {@code PropertiesChanged} signals.
 */
final class FakeBluez implements AutoCloseable {

    static final String ADAPTER_PATH = "/org/bluez/hci0";

    private final DBusConnection connection;
    private final Adapter adapter = new Adapter();
    private final Map<String, Device> devices = new LinkedHashMap<>();

    FakeBluez(String busAddress) throws DBusException {
        connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        connection.exportObject(new Objects());
        connection.exportObject(adapter);
        connection.requestBusName("org.bluez");
    }

    /** Adds a device as BlueZ would after pairing (or discovery, if not paired). */
    Device addDevice(String address, String name, boolean paired) throws DBusException {
        Device device = new Device(ADAPTER_PATH + "/dev_" + address.replace(':', '_'), address, name, paired);
        devices.put(device.path, device);
        connection.exportObject(device);
        return device;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    private final class Objects implements ObjectManager {
        @Override
        public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
            Map<DBusPath, Map<String, Map<String, Variant<?>>>> all = new HashMap<>();
            all.put(new DBusPath(ADAPTER_PATH), Map.of("org.bluez.Adapter1", adapter.GetAll("org.bluez.Adapter1")));
            for (Device device : devices.values()) {
                all.put(new DBusPath(device.path), Map.of(BluezHeadset.DEVICE_INTERFACE, device.GetAll(BluezHeadset.DEVICE_INTERFACE)));
            }
            return all;
        }

        @Override
        public String getObjectPath() {
            return "/";
        }
    }

    final class Adapter implements Adapter1, Properties {
        @Override
        public void StartDiscovery() {
        }

        @Override
        public void StopDiscovery() {
        }

        @Override
        public void RemoveDevice(DBusPath device) {
        }

        @Override
        public void SetDiscoveryFilter(Map<String, Variant<?>> filter) {
        }

        @Override
        public String[] GetDiscoveryFilters() {
            return new String[0];
        }

        @Override
        public DBusPath ConnectDevice(Map<String, Variant<?>> properties) {
            return new DBusPath(ADAPTER_PATH);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String iface, String property) {
            return (A) GetAll(iface).get(property).getValue();
        }

        @Override
        public <A> void Set(String iface, String property, A value) {
        }

        @Override
        public Map<String, Variant<?>> GetAll(String iface) {
            return Map.of("Address", new Variant<>("00:1A:7D:DA:71:13"), "Powered", new Variant<>(true),
                    "Name", new Variant<>("door-station"));
        }

        @Override
        public String getObjectPath() {
            return ADAPTER_PATH;
        }
    }

    final class Device implements Device1, Properties {
        final String path;
        final String address;
        final String name;
        final boolean paired;
        final AtomicInteger connectCalls = new AtomicInteger();
        volatile boolean connected;
        volatile boolean refuseConnect;

        Device(String path, String address, String name, boolean paired) {
            this.path = path;
            this.address = address;
            this.name = name;
            this.paired = paired;
        }

        /** The link drops (headset switched off or out of range), as BlueZ reports it. */
        void dropLink() throws DBusException {
            setConnected(false);
        }

        void setConnected(boolean now) throws DBusException {
            connected = now;
            connection.sendMessage(new Properties.PropertiesChanged(path, BluezHeadset.DEVICE_INTERFACE,
                    Map.of("Connected", new Variant<>(now)), List.of()));
        }

        @Override
        public void Connect() throws org.bluez.exceptions.BluezFailedException {
            connectCalls.incrementAndGet();
            if (refuseConnect) {
                throw new org.bluez.exceptions.BluezFailedException("Page Timeout");
            }
            try {
                setConnected(true);
            } catch (DBusException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void Disconnect() {
            try {
                setConnected(false);
            } catch (DBusException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void ConnectProfile(String uuid) {
        }

        @Override
        public void DisconnectProfile(String uuid) {
        }

        @Override
        public void Pair() {
        }

        @Override
        public void CancelPairing() {
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String iface, String property) {
            return (A) GetAll(iface).get(property).getValue();
        }

        @Override
        public <A> void Set(String iface, String property, A value) {
        }

        @Override
        public Map<String, Variant<?>> GetAll(String iface) {
            return Map.of("Address", new Variant<>(address), "Name", new Variant<>(name),
                    "Paired", new Variant<>(paired), "Connected", new Variant<>(connected),
                    "Adapter", new Variant<>(new DBusPath(ADAPTER_PATH)));
        }

        @Override
        public String getObjectPath() {
            return path;
        }
    }
}
