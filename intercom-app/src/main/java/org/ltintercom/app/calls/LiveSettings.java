package org.ltintercom.app.calls;

import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.audio.AudioConfig;
import org.ltintercom.hal.audio.RouteDevices;
import org.ltintercom.hal.audio.RouteGains;
import org.ltintercom.hal.gpio.StatusLed;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The settings that take effect on the hardware without restarting anything: speaker and
 * microphone gain, LED brightness. Applied at start and by every accepted provisioning or reload;
 * what this hardware cannot honour is a standing status warning, cleared when a later value can be.
 */
public final class LiveSettings {

    static final String LED_WARNING = "ledBrightness:";
    private static final Logger log = LoggerFactory.getLogger(LiveSettings.class);

    private LiveSettings() {
    }

    /** Puts volumes and LED brightness of {@code config} into force and updates the warnings about them. */
    public static void apply(Hardware hardware, StatusBoard status, IntercomConfig config) {
        applyVolumes(hardware, config);
        applyLedBrightness(hardware, status, config.ledBrightness());
    }

    /**
     * Speaker and microphone gain on every route, also those not plugged in now, so that a headset
     * or USB card plugged in later plays and captures at the configured level too. Open streams
     * follow from their next frame. A route's speaker plays at its trim ({@code audio.routes[].volume},
     * the installer's match of that speaker) times {@code volumes.speaker} (the operator's level), at most 4.
     */
    static void applyVolumes(Hardware hardware, IntercomConfig config) {
        double microphone = config.volumes().microphone();
        for (LTAudioRoute route : LTAudioRoute.values()) {
            double speaker = Math.min(RouteDevices.MAX_GAIN, trim(config, route) * config.volumes().speaker());
            if (hardware.audio() instanceof RouteGains gains) {
                gains.setVolume(route, speaker);
                gains.setCaptureGain(route, microphone);
            }
        }
    }

    private static double trim(IntercomConfig config, LTAudioRoute route) {
        AudioConfig audio = config.hal().audio();
        RouteDevices devices = audio == null ? null : audio.byRoute().get(route);
        return devices == null ? 1.0 : devices.volume();
    }

    /**
     * Every LED's patterns at {@code level}. An LED without hardware PWM cannot dim: between 0 and
     * 1 it stays at full brightness and the status says so; 0 (dark mode) works on every LED.
     */
    static void applyLedBrightness(Hardware hardware, StatusBoard status, double level) {
        for (StatusLed led : hardware.leds()) {
            led.setBrightness(level);
        }
        status.clearWarnings(LED_WARNING);
        List<String> undimmable = level > 0 && level < 1
                ? hardware.leds().stream().filter(led -> !led.dimmable()).map(StatusLed::name).toList() : List.of();
        if (!undimmable.isEmpty()) {
            String warning = LED_WARNING + " " + level + " cannot dim LED " + String.join(", ", undimmable)
                    + " (no hardware PWM on its pin): it lights at full brightness; 0 turns it off";
            log.warn(warning);
            status.addWarning(warning);
        }
    }
}
