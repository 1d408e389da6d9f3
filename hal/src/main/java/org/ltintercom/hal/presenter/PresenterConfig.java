package org.ltintercom.hal.presenter;

import org.ltintercom.hal.ConfigCheck;
import org.ltintercom.sdk.call.LTAudioRoute;

import java.util.List;

/**
 * How calls are shown and heard on the station.
 *
 * @param toneRoutes   routes for ringtone and ringback, first available wins (default SPEAKER, BUILTIN)
 * @param ringtoneFile a WAV file to ring with instead of the built-in ding-dong; empty for the built-in
 *                     (the value the SDK's {@code LTCallPresenter.configure(name, ringtone)} was given)
 */
public record PresenterConfig(List<LTAudioRoute> toneRoutes, String ringtoneFile) {

    public PresenterConfig {
        ConfigCheck.required(toneRoutes, "presenter.toneRoutes");
        toneRoutes = List.copyOf(toneRoutes);
        if (toneRoutes.isEmpty()) {
            throw new IllegalArgumentException("presenter.toneRoutes: must name at least one route");
        }
        ringtoneFile = ringtoneFile == null ? "" : ringtoneFile.trim();
    }

    public static PresenterConfig defaults() {
        return new PresenterConfig(List.of(LTAudioRoute.SPEAKER, LTAudioRoute.BUILTIN), "");
    }
}
