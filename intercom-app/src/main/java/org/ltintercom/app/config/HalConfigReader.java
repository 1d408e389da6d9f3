package org.ltintercom.app.config;

import org.ltintercom.hal.HalConfig;
import org.ltintercom.hal.audio.AudioConfig;
import org.ltintercom.hal.audio.RouteDevices;
import org.ltintercom.hal.bluetooth.BluetoothConfig;
import org.ltintercom.hal.gpio.ButtonConfig;
import org.ltintercom.hal.gpio.ButtonsConfig;
import org.ltintercom.hal.gpio.LedConfig;
import org.ltintercom.hal.gpio.Polarity;
import org.ltintercom.hal.gpio.Pull;
import org.ltintercom.hal.gpio.RelayConfig;
import org.ltintercom.hal.presenter.PresenterConfig;
import org.ltintercom.sdk.call.LTAudioRoute;

import java.time.Duration;
import java.util.List;

/**
 * Reads the {@code hal:} section into the HAL's own config records (no parallel copies): field
 * names follow the records' components, and the records' own checks run, reported on the line
 * of the field they name.
 */
final class HalConfigReader {

    private static final Duration ANY_MIN = Duration.ZERO;
    private static final Duration ANY_MAX = Duration.ofDays(1);

    private HalConfigReader() {
    }

    static HalConfig read(Section s) {
        if (s == null) {
            return null;
        }
        HalConfig.Platform platform = s.enumValue("platform", HalConfig.Platform.class, null);
        ButtonsConfig buttons = buttons(s.section("buttons", true));
        List<LedConfig> leds = s.list("leds", item -> {
            Section l = s.item(item);
            if (l == null) {
                return null;
            }
            String name = l.string("name");
            int pin = l.integer("pin", -1, 0, 63);
            Polarity polarity = l.enumValue("polarity", Polarity.class, Polarity.ACTIVE_HIGH);
            boolean dimmable = l.bool("dimmable", false);
            l.finish();
            return name == null || pin < 0 ? null : l.build(() -> new LedConfig(name, pin, polarity, dimmable));
        });
        if (leds.isEmpty() && !s.has("leds")) {
            s.fieldError("leds", "at least the status LED is required");
        }
        RelayConfig relay = relay(s.section("relay", false));
        AudioConfig audio = audio(s.section("audio", true));
        BluetoothConfig bluetooth = bluetooth(s.section("bluetooth", false));
        PresenterConfig presenter = presenter(s.section("presenter", false));
        s.finish();
        if (platform == null || buttons == null || leds.isEmpty() || audio == null) {
            return null;
        }
        return s.build(() -> new HalConfig(platform, buttons, leds, relay, audio, bluetooth, presenter));
    }

    private static ButtonsConfig buttons(Section s) {
        if (s == null) {
            return null;
        }
        ButtonConfig call = button(s.section("call", true));
        ButtonConfig hangUp = button(s.section("hangUp", false));
        ButtonConfig mute = button(s.section("mute", false));
        Duration longPress = s.duration("longPress", ButtonsConfig.DEFAULT_LONG_PRESS, ANY_MIN, ANY_MAX);
        Duration stuck = s.duration("stuckLimit", ButtonsConfig.DEFAULT_STUCK_LIMIT, ANY_MIN, ANY_MAX);
        int chatter = s.integer("chatterPresses", ButtonsConfig.DEFAULT_CHATTER_PRESSES, 0, Integer.MAX_VALUE);
        Duration window = s.duration("chatterWindow", ButtonsConfig.DEFAULT_CHATTER_WINDOW, ANY_MIN, ANY_MAX);
        s.finish();
        if (call == null) {
            return null;
        }
        return s.build(() -> new ButtonsConfig(call, hangUp, mute, longPress, stuck, chatter, window));
    }

    private static ButtonConfig button(Section s) {
        if (s == null) {
            return null;
        }
        int pin = s.integer("pin", -1, 0, 63);
        if (pin < 0 && !s.has("pin")) {
            s.fieldError("pin", "is required");
        }
        Polarity polarity = s.enumValue("polarity", Polarity.class, Polarity.ACTIVE_LOW);
        Pull pull = s.enumValue("pull", Pull.class, Pull.AUTO);
        Duration debounce = s.duration("debounce", ButtonConfig.DEFAULT_DEBOUNCE, ANY_MIN, ANY_MAX);
        s.finish();
        return pin < 0 ? null : s.build(() -> new ButtonConfig(pin, polarity, pull, debounce));
    }

    private static RelayConfig relay(Section s) {
        if (s == null) {
            return null;
        }
        int pin = s.integer("pin", -1, 0, 63);
        if (pin < 0 && !s.has("pin")) {
            s.fieldError("pin", "is required");
        }
        Polarity polarity = s.enumValue("polarity", Polarity.class, Polarity.ACTIVE_LOW);
        Duration pulse = s.duration("pulse", RelayConfig.DEFAULT_PULSE, ANY_MIN, ANY_MAX);
        Duration maxHold = s.duration("maxHold", pulse.multipliedBy(3), ANY_MIN, ANY_MAX);
        s.finish();
        return pin < 0 ? null : s.build(() -> new RelayConfig(pin, polarity, pulse, maxHold));
    }

    private static AudioConfig audio(Section s) {
        if (s == null) {
            return null;
        }
        List<RouteDevices> routes = s.list("routes", item -> {
            Section r = s.item(item);
            if (r == null) {
                return null;
            }
            LTAudioRoute route = r.enumValue("route", LTAudioRoute.class, null);
            String capture = r.string("capture");
            String playback = r.string("playback");
            double volume = r.number("volume", 1.0, 0.0, RouteDevices.MAX_GAIN);
            r.finish();
            return route == null || capture == null || playback == null ? null
                    : r.build(() -> new RouteDevices(route, capture, playback, volume));
        });
        int bufferFrames = s.integer("bufferFrames", AudioConfig.DEFAULT_BUFFER_FRAMES, 0, Integer.MAX_VALUE);
        Duration rescan = s.duration("rescan", AudioConfig.DEFAULT_RESCAN, ANY_MIN, ANY_MAX);
        s.finish();
        return s.build(() -> new AudioConfig(routes, bufferFrames, rescan));
    }

    private static BluetoothConfig bluetooth(Section s) {
        if (s == null) {
            return null;
        }
        String address = s.string("address");
        String bus = s.optString("busAddress", BluetoothConfig.SYSTEM_BUS);
        boolean autoConnect = s.bool("autoConnect", true);
        Duration retry = s.duration("retry", Duration.ofSeconds(10), ANY_MIN, ANY_MAX);
        s.finish();
        return address == null ? null : s.build(() -> new BluetoothConfig(address, bus, autoConnect, retry));
    }

    private static PresenterConfig presenter(Section s) {
        if (s == null) {
            return null;
        }
        List<LTAudioRoute> toneRoutes = s.list("toneRoutes", item -> {
            String text = s.itemText(item);
            if (text == null) {
                return null;
            }
            for (LTAudioRoute r : LTAudioRoute.values()) {
                if (r.name().equalsIgnoreCase(text)) {
                    return r;
                }
            }
            s.error(item, "must be one of builtin, speaker, headphones, bluetooth, was \"" + text + "\"");
            return null;
        });
        String ringtone = s.optString("ringtoneFile", "");
        s.finish();
        return s.build(() -> new PresenterConfig(toneRoutes.isEmpty() ? PresenterConfig.defaults().toneRoutes() : toneRoutes,
                ringtone));
    }
}
