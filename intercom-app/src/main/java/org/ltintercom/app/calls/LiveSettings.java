package org.ltintercom.app.calls;

import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.audio.AlsaAudioBackend;
import org.ltintercom.hal.audio.SimulatedAudioBackend;

/** The settings that take effect on the hardware without restarting anything (volumes), and the ones this HAL cannot apply. */
public final class LiveSettings {

    private LiveSettings() {
    }

    /** Speaker gain on every available route (the HAL backends that have a gain). */
    public static void applyVolumes(Hardware hardware, IntercomConfig config) {
        double speaker = config.volumes().speaker();
        for (var route : hardware.audio().availableRoutes()) {
            if (hardware.audio() instanceof SimulatedAudioBackend sim) {
                sim.setVolume(route, speaker);
            } else if (hardware.audio() instanceof AlsaAudioBackend alsa) {
                alsa.setVolume(route, speaker);
            }
        }
    }

    /** Settings this HAL cannot put into force are standing status warnings, not silent no-ops. */
    public static void warn(StatusBoard status, IntercomConfig config) {
        if (config.volumes().microphone() != 1.0) {
            status.addWarning("volumes.microphone: the HAL has no capture gain; not applied");
        }
        if (config.ledBrightness() != 1.0) {
            status.addWarning("ledBrightness: the HAL's status LED has no brightness control; not applied");
        }
    }
}
