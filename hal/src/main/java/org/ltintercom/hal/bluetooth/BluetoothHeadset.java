package org.ltintercom.hal.bluetooth;

/**
 * The paired headset: connected or not. The audio backend offers the BLUETOOTH route only while
 * it is connected and switches away (route listener) when it drops.
 */
public interface BluetoothHeadset extends AutoCloseable {

    boolean isConnected();

    /** Told when the headset connects or disconnects. */
    void addListener(Listener listener);

    /** Stops watching; does not disconnect the headset. Idempotent. */
    @Override
    void close();

    @FunctionalInterface
    interface Listener {
        void onHeadsetConnectionChanged(boolean connected);
    }
}
