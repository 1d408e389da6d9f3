package org.ltintercom.hal.audio;

import org.ltintercom.hal.ConfigCheck;
import org.ltintercom.sdk.call.LTAudioRoute;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The sound devices of the station.
 *
 * @param routes        one entry per route the station has (BLUETOOTH only with a headset configured)
 * @param bufferFrames  line buffer in 20 ms frames (2..20, default 4 = 80 ms): short enough for
 *                      conversation, long enough that a busy Pi does not underrun
 * @param rescan        how often the device watch looks for unplugged / re-plugged cards (default 2 s)
 */
public record AudioConfig(List<RouteDevices> routes, int bufferFrames, Duration rescan) {

    public static final int DEFAULT_BUFFER_FRAMES = 4;
    public static final Duration DEFAULT_RESCAN = Duration.ofSeconds(2);

    public AudioConfig {
        ConfigCheck.required(routes, "audio.routes");
        routes = List.copyOf(routes);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("audio.routes: must name at least one route");
        }
        Map<LTAudioRoute, RouteDevices> seen = new EnumMap<>(LTAudioRoute.class);
        for (RouteDevices r : routes) {
            if (seen.put(r.route(), r) != null) {
                throw new IllegalArgumentException("audio.routes: route " + r.route() + " is listed twice");
            }
        }
        ConfigCheck.between(bufferFrames, 2, 20, "audio.bufferFrames");
        ConfigCheck.between(rescan, Duration.ofMillis(100), Duration.ofMinutes(1), "audio.rescan");
    }

    public static AudioConfig of(RouteDevices... routes) {
        return new AudioConfig(List.of(routes), DEFAULT_BUFFER_FRAMES, DEFAULT_RESCAN);
    }

    public Map<LTAudioRoute, RouteDevices> byRoute() {
        Map<LTAudioRoute, RouteDevices> map = new EnumMap<>(LTAudioRoute.class);
        routes.forEach(r -> map.put(r.route(), r));
        return map;
    }
}
