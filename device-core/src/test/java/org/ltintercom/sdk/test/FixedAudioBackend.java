package org.ltintercom.sdk.test;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.util.EnumSet;
import java.util.Set;

/** An audio backend whose routes the test changes by hand; it has no sound devices (the call tests need none). */
public final class FixedAudioBackend implements AudioBackend {
    private volatile Set<LTAudioRoute> routes;

    public FixedAudioBackend(LTAudioRoute first, LTAudioRoute... rest) {
        this.routes = EnumSet.of(first, rest);
    }

    private volatile RouteListener listener;

    /** Changes the routes, and tells the route listener as a real backend would. */
    public void setRoutes(Set<LTAudioRoute> routes) {
        this.routes = EnumSet.copyOf(routes);
        RouteListener l = listener;
        if (l != null) {
            l.onAvailableRoutesChanged(Set.copyOf(routes));
        }
    }

    public RouteListener routeListener() {
        return listener;
    }

    @Override
    public Set<LTAudioRoute> availableRoutes() {
        return Set.copyOf(routes);
    }

    @Override
    public CaptureStream openCapture(LTAudioRoute route) throws AudioDeviceException {
        throw new AudioDeviceException(route, AudioDeviceException.Reason.MISSING, "no sound devices in call tests");
    }

    @Override
    public PlaybackStream openPlayback(LTAudioRoute route) throws AudioDeviceException {
        throw new AudioDeviceException(route, AudioDeviceException.Reason.MISSING, "no sound devices in call tests");
    }

    @Override
    public void setRouteListener(RouteListener listener) {
        this.listener = listener;
    }
}
