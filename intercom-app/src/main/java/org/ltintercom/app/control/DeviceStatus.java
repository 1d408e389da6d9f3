package org.ltintercom.app.control;

import java.util.List;

/**
 * The device status published retained on {@code lt/v1/<deviceID>/status} (merged with the MQTT
 * session's own {@code online}/{@code offline} field).
 *
 * @param registration SIP registration: {@code registered}, {@code registering}, {@code failed}, {@code unregistered}
 * @param callState    {@code idle}, {@code calling}, {@code ringing}, {@code connected}, {@code held}
 * @param audioRoute   the current route name ({@code BUILTIN}, {@code SPEAKER}, ...)
 * @param configVersion the provisioned version in force (0 = local file only)
 * @param appVersion   the intercom-app version
 * @param sdkVersion   the SDK version
 * @param uptimeSeconds seconds since the app started
 * @param lastError    the last error worth a human's attention, or null
 * @param warnings     standing warnings (e.g. "echo cancellation unavailable: libspeexdsp not installed")
 */
public record DeviceStatus(String registration, String callState, String audioRoute, long configVersion,
                           String appVersion, String sdkVersion, long uptimeSeconds, String lastError,
                           List<String> warnings) {

    public DeviceStatus {
        warnings = List.copyOf(warnings);
    }
}
