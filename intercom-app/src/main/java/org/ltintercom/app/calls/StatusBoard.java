package org.ltintercom.app.calls;

import org.ltintercom.app.control.DeviceReporter;
import org.ltintercom.app.control.DeviceStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The device status as the app knows it, on the event loop: each setter that changes something
 * tells the {@link DeviceReporter} the whole document ({@code statusChanged}); uptime alone
 * changing is no news.
 */
public final class StatusBoard {

    /** This app's version (the jar's Implementation-Version, else the build's). */
    public static final String APP_VERSION = versionOf(StatusBoard.class, "0.1.0");
    /** The SDK's version. */
    public static final String SDK_VERSION = versionOf(org.ltintercom.sdk.LTSDK.class, "0.1.0");

    private final LongSupplier uptimeSeconds;
    private DeviceReporter reporter;
    private String registration = "unregistered";
    private String callState = "idle";
    private String audioRoute = "";
    private long configVersion;
    private String lastError;
    private final List<String> warnings = new ArrayList<>();
    private DeviceStatus lastSent;
    private Consumer<String> callStateListener = state -> { };

    public StatusBoard(LongSupplier uptimeSeconds) {
        this.uptimeSeconds = uptimeSeconds;
    }

    /** The reporter (null: nobody listens); it hears the current status at once. */
    public void setReporter(DeviceReporter next) {
        reporter = next;
        lastSent = null;
        publish();
    }

    public DeviceReporter reporter() {
        return reporter;
    }

    public void setRegistration(String state) {
        registration = state;
        publish();
    }

    public void setCallState(String state) {
        callState = state;
        publish();
        callStateListener.accept(state);
    }

    /** Hears every call state the document is given (the app's idle compaction). */
    public void onCallState(Consumer<String> listener) {
        callStateListener = Objects.requireNonNull(listener, "listener");
    }

    public void setAudioRoute(String route) {
        audioRoute = route;
        publish();
    }

    public void setConfigVersion(long version) {
        configVersion = version;
        publish();
    }

    public void setLastError(String error) {
        lastError = error;
        publish();
    }

    public void addWarning(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
            publish();
        }
    }

    /** Drops the warnings that start with {@code prefix} (e.g. {@code "ledBrightness:"} once a new value is in force). */
    public void clearWarnings(String prefix) {
        if (warnings.removeIf(w -> w.startsWith(prefix))) {
            publish();
        }
    }

    /** The whole document now. */
    public DeviceStatus current() {
        return new DeviceStatus(registration, callState, audioRoute, configVersion, APP_VERSION, SDK_VERSION,
                uptimeSeconds.getAsLong(), lastError, warnings);
    }

    private void publish() {
        DeviceStatus now = current();
        if (lastSent != null && sameApartFromUptime(lastSent, now)) {
            return;
        }
        lastSent = now;
        if (reporter != null) {
            reporter.statusChanged(now);
        }
    }

    private static boolean sameApartFromUptime(DeviceStatus a, DeviceStatus b) {
        return a.registration().equals(b.registration()) && a.callState().equals(b.callState())
                && a.audioRoute().equals(b.audioRoute()) && a.configVersion() == b.configVersion()
                && Objects.equals(a.lastError(), b.lastError()) && a.warnings().equals(b.warnings());
    }

    private static String versionOf(Class<?> type, String fallback) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? fallback : v;
    }
}
