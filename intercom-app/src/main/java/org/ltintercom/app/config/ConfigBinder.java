package org.ltintercom.app.config;

import org.ltintercom.hal.HalConfig;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Turns a {@link ConfigNode} tree into an {@link IntercomConfig}, or a {@link ConfigException} naming every fault. */
public final class ConfigBinder {

    /** The DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    /**
     * Why {@code sip.password} is refused: the SDK registers with the SIP account the call service
     * hands out at sign-in ({@code LTSDKOptions} has no SIP credentials), so a local one would be ignored.
     */
    static final String SIP_PASSWORD_UNUSED = "not used - the SIP account comes from the call service at sign-in";

    private ConfigBinder() {
    }

    /** Binds {@code root}; errors name {@code source} (e.g. {@code intercom.yaml}) and the line. */
    public static IntercomConfig bind(ConfigNode root, String source) {
        List<ConfigError> errors = new ArrayList<>();
        if (root.kind() != ConfigNode.Kind.MAP) {
            throw new ConfigException(List.of(new ConfigError(source, root.line(), "", "must be a map of fields")));
        }
        Section top = new Section(root, errors, source);
        String deviceId = top.string("deviceId");
        if (deviceId != null && !deviceId.matches("[A-Za-z0-9_-]{1,64}")) {
            top.error(root.get("deviceId"), "must be 1-64 letters, digits, '-' or '_' (it is part of MQTT topics)");
        }
        top.has("secretsFile"); // read by ConfigLoader
        Settings.Sdk sdk = sdk(top.section("sdk", true));
        Settings.Sip sip = sip(top.section("sip", true));
        Settings.Mqtt mqtt = mqtt(top.section("mqtt", true), deviceId);
        HalConfig hal = HalConfigReader.read(top.section("hal", true));
        Settings.RingPlan ringPlan = ringPlan(top.section("ringPlan", true));
        Settings.Call call = call(top.section("call", false));
        Settings.DoorCode doorCode = doorCode(top.section("doorCode", false));
        Settings.Volumes volumes = volumes(top.section("volumes", false));
        Settings.Audio audio = audio(top.section("audio", false));
        double ledBrightness = top.number("ledBrightness", 1.0, 0.0, 1.0);
        boolean discovery = top.bool("homeAssistantDiscovery", false);
        PublicKey key = provisioningKey(top.section("provisioning", false));
        top.finish();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new IntercomConfig(deviceId, sdk, sip, mqtt, hal, ringPlan, call, doorCode, volumes, audio, ledBrightness,
                discovery, key);
    }

    private static Settings.Sdk sdk(Section s) {
        if (s == null) {
            return null;
        }
        String url = s.string("serviceUrl");
        if (url != null && !url.matches("https?://[^\\s/]+(/\\S*)?")) {
            s.fieldError("serviceUrl", "must be an http:// or https:// URL, was \"" + url + "\"");
        }
        Secret license = s.optSecret("licenseKey");
        if (license == null) {
            s.fieldError("licenseKey", "is required (here or in the secrets file)");
        }
        Settings.Sdk sdk = new Settings.Sdk(url, license, s.string("userId"), s.string("uuid"));
        s.finish();
        return sdk;
    }

    private static Settings.Sip sip(Section s) {
        if (s == null) {
            return null;
        }
        s.retired("password", SIP_PASSWORD_UNUSED);
        Settings.Sip sip = new Settings.Sip(transport(s),
                s.integer("localPort", 0, 0, 65535),
                s.duration("registrationTimeout", Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(5)));
        s.finish();
        return sip;
    }

    private static Settings.Sip.Transport transport(Section s) {
        ConfigNode given = s.node().get("transport");
        if (given != null && given.kind() == ConfigNode.Kind.STRING && "tls".equalsIgnoreCase(given.scalar().strip())) {
            s.has("transport");
            s.fieldError("transport", "tls is not supported (the SDK speaks SIP over udp and tcp)");
            return Settings.Sip.Transport.AUTO;
        }
        return s.enumValue("transport", Settings.Sip.Transport.class, Settings.Sip.Transport.AUTO);
    }

    private static Settings.Mqtt mqtt(Section s, String deviceId) {
        if (s == null) {
            return null;
        }
        String uri = s.string("brokerUri");
        if (uri != null && !uri.matches("(tcp|ssl)://[^\\s/:]+(:\\d{1,5})?")) {
            s.fieldError("brokerUri", "must look like tcp://host:1883 or ssl://host:8883, was \"" + uri + "\"");
        }
        String clientId = s.optString("clientId", deviceId);
        String username = s.optString("username", null);
        Secret password = s.optSecret("password");
        if (password != null && username == null) {
            s.fieldError("username", "is required when a password is set");
        }
        Settings.Tls tls = null;
        Section t = s.section("tls", false);
        if (t != null) {
            tls = new Settings.Tls(t.optString("caFile", null), t.optString("certFile", null), t.optString("keyFile", null));
            if ((tls.certFile() == null) != (tls.keyFile() == null)) {
                t.error(t.node(), "certFile and keyFile: give both or neither");
            }
            t.finish();
        }
        Settings.Mqtt mqtt = new Settings.Mqtt(uri, clientId, username, password, tls,
                s.duration("keepAlive", Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(10)));
        s.finish();
        return mqtt;
    }

    private static Settings.RingPlan ringPlan(Section s) {
        if (s == null) {
            return null;
        }
        List<Settings.RingGroup> groups = s.list("groups", item -> {
            Section g = s.item(item);
            if (g == null) {
                return null;
            }
            List<String> targets = g.list("targets", g::itemText);
            if (targets.isEmpty()) {
                g.fieldError("targets", "must name at least one user");
            }
            Settings.RingGroup group = new Settings.RingGroup(targets,
                    g.duration("timeout", Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(300)));
            g.finish();
            return group;
        });
        if (groups.isEmpty() && !s.has("groups")) {
            s.fieldError("groups", "must list at least one group of targets");
        }
        Settings.RingPlan plan = new Settings.RingPlan(groups,
                s.duration("ringTimeout", Duration.ofSeconds(120), Duration.ofSeconds(5), Duration.ofMinutes(10)));
        s.finish();
        return plan;
    }

    private static Settings.Call call(Section s) {
        Duration maxDefault = Duration.ofMinutes(5);
        Duration warnDefault = Duration.ofSeconds(30);
        if (s == null) {
            return new Settings.Call(false, maxDefault, warnDefault);
        }
        Settings.Call call = new Settings.Call(s.bool("autoAnswer", false),
                s.duration("maxCallTime", maxDefault, Duration.ofSeconds(10), Duration.ofHours(4)),
                s.duration("warningBefore", warnDefault, Duration.ZERO, Duration.ofMinutes(5)));
        if (call.warningBefore().compareTo(call.maxCallTime()) >= 0) {
            s.fieldError("warningBefore", "must be shorter than maxCallTime");
        }
        s.finish();
        return call;
    }

    private static Settings.DoorCode doorCode(Section s) {
        if (s == null) {
            return null;
        }
        Secret code = s.optSecret("code");
        if (code == null) {
            s.fieldError("code", "is required (here or in the secrets file)");
        } else if (!code.reveal().matches("[0-9*#A-D]{4,12}")) {
            // the value itself is not echoed: it is a secret
            s.fieldError("code", "must be 4-12 DTMF keys (0-9 * # A-D)");
        }
        Settings.DoorCode door = new Settings.DoorCode(code, s.integer("maxAttempts", 3, 1, 20),
                s.duration("lockout", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                s.duration("maxLockout", Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofHours(24)),
                s.duration("digitTimeout", Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(60)));
        if (door.maxLockout().compareTo(door.lockout()) < 0) {
            s.fieldError("maxLockout", "must be at least lockout");
        }
        s.finish();
        return door;
    }

    private static Settings.Volumes volumes(Section s) {
        if (s == null) {
            return new Settings.Volumes(1.0, 1.0);
        }
        Settings.Volumes v = new Settings.Volumes(s.number("speaker", 1.0, 0.0, 4.0), s.number("microphone", 1.0, 0.0, 4.0));
        s.finish();
        return v;
    }

    private static Settings.Audio audio(Section s) {
        if (s == null) {
            return Settings.Audio.defaults();
        }
        // ranges of LTAudioProcessing: delay 0..500 ms, tail 50..500 ms
        Settings.Audio audio = new Settings.Audio(s.bool("echoCancellation", true),
                autoOrDuration(s, "echoDelay", Duration.ZERO, Duration.ofMillis(500)),
                autoOrDuration(s, "echoTail", Duration.ofMillis(50), Duration.ofMillis(500)),
                s.bool("residualEchoSuppression", true), s.bool("noiseSuppression", true), s.bool("agc", false));
        s.finish();
        return audio;
    }

    /** A duration, or null when absent or written {@code auto} (then the calibration decides). */
    private static Duration autoOrDuration(Section s, String name, Duration min, Duration max) {
        if (!s.has(name)) {
            return null;
        }
        ConfigNode value = s.node().get(name);
        if (value.kind() == ConfigNode.Kind.STRING && value.scalar().trim().equalsIgnoreCase("auto")) {
            return null;
        }
        return s.duration(name, min, min, max); // on an error the fallback is never used: binding fails
    }

    private static PublicKey provisioningKey(Section s) {
        if (s == null) {
            return null;
        }
        PublicKey key = null;
        String text = s.optString("publicKey", null);
        if (text != null) {
            try {
                key = ed25519(text);
            } catch (IllegalArgumentException e) {
                s.fieldError("publicKey", e.getMessage());
            }
        }
        s.finish();
        return key;
    }

    /** An Ed25519 public key from base64: the raw 32 bytes or an X.509 SubjectPublicKeyInfo. */
    public static PublicKey ed25519(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be base64 (the raw 32-byte Ed25519 key or its X.509 form)");
        }
        if (bytes.length == 32) {
            byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(bytes, 0, spki, ED25519_SPKI_PREFIX.length, 32);
            bytes = spki;
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(bytes));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("is not an Ed25519 public key (" + e.getMessage() + ")");
        }
    }
}
