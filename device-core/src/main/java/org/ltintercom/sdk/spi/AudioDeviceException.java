package org.ltintercom.sdk.spi;

import org.ltintercom.sdk.call.LTAudioRoute;

/** A sound device of a route could not be used. */
public class AudioDeviceException extends Exception {

    /** Why the device could not be used. */
    public enum Reason {
        /** No device is configured or present for the route. */
        MISSING,
        /** The device exists but another process holds it. */
        BUSY,
        /** The device was present and went away (USB unplugged, headset disconnected). */
        GONE
    }

    private final LTAudioRoute route;
    private final Reason reason;

    public AudioDeviceException(LTAudioRoute route, Reason reason, String message, Throwable cause) {
        super(route + ": " + reason + ": " + message, cause);
        this.route = route;
        this.reason = reason;
    }

    public AudioDeviceException(LTAudioRoute route, Reason reason, String message) {
        this(route, reason, message, null);
    }

    public LTAudioRoute route() {
        return route;
    }

    public Reason reason() {
        return reason;
    }
}
