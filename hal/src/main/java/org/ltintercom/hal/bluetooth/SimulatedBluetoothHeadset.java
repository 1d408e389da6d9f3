package org.ltintercom.hal.bluetooth;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A headset switched on and off from code (simulator, tests). */
public final class SimulatedBluetoothHeadset implements BluetoothHeadset {

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean connected;

    /** Connects or drops the simulated headset. */
    public void setConnected(boolean nowConnected) {
        if (connected == nowConnected) {
            return;
        }
        connected = nowConnected;
        listeners.forEach(l -> l.onHeadsetConnectionChanged(nowConnected));
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
