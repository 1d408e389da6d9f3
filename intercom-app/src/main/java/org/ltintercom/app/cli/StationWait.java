package org.ltintercom.app.cli;

import org.ltintercom.app.control.DeviceReporter;
import org.ltintercom.app.control.DeviceStatus;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The command line's view of a station it started (there is no MQTT session in a CLI command):
 * the app's reporter, so commands wait on status changes instead of polling. Events are only
 * logged by the app; they are accepted here so none is queued for MQTT.
 */
final class StationWait implements DeviceReporter {

    private DeviceStatus status;

    @Override
    public synchronized void statusChanged(DeviceStatus next) {
        status = next;
        notifyAll();
    }

    @Override
    public boolean event(Map<String, Object> event) {
        return true;
    }

    /** True once registered; false at the timeout or when the sign-in or registration failed. */
    boolean registered(Duration timeout) throws InterruptedException {
        DeviceStatus s = await(st -> !st.registration().equals("registering") && !st.registration().equals("unregistered"),
                timeout);
        return s != null && s.registration().equals("registered");
    }

    /** The last error the station reported. */
    synchronized String lastError() {
        return status == null ? null : status.lastError();
    }

    /** Returns when the station has no call any more. */
    void callEnded() throws InterruptedException {
        await(st -> st.callState().equals("idle"), Duration.ofDays(1));
    }

    private synchronized DeviceStatus await(Predicate<DeviceStatus> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status == null || !condition.test(status)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return status;
    }
}
