package org.ltintercom.hal.bluetooth;

import org.ltintercom.hal.ConfigCheck;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The paired Bluetooth headset to use.
 *
 * @param address   the headset's MAC address, {@code AA:BB:CC:DD:EE:FF} (pair it once with bluetoothctl)
 * @param busAddress D-Bus address of BlueZ's bus; the system bus on a device
 * @param autoConnect connect the headset when it is seen disconnected, every {@code retry}
 * @param retry     how often to look for / reconnect the headset (default 10 s)
 */
public record BluetoothConfig(String address, String busAddress, boolean autoConnect, Duration retry) {

    public static final String SYSTEM_BUS = "unix:path=/run/dbus/system_bus_socket";
    private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");

    public BluetoothConfig {
        ConfigCheck.notBlank(address, "bluetooth.address");
        if (!MAC.matcher(address).matches()) {
            throw new IllegalArgumentException("bluetooth.address: must look like AA:BB:CC:DD:EE:FF, was " + address);
        }
        ConfigCheck.notBlank(busAddress, "bluetooth.busAddress");
        ConfigCheck.between(retry, Duration.ofMillis(100), Duration.ofMinutes(10), "bluetooth.retry");
    }

    /** The headset on the system bus, auto-connected, retried every 10 s. */
    public static BluetoothConfig headset(String address) {
        return new BluetoothConfig(address, SYSTEM_BUS, true, Duration.ofSeconds(10));
    }
}
