package org.ltintercom.app.provisioning;

import org.ltintercom.app.config.ConfigError;
import org.ltintercom.app.config.ConfigException;
import org.ltintercom.app.config.ConfigNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/**
 * A retained {@code config} message, read and authenticated. Two forms (see docs/intercom-app.md):
 * the plain document {@code {"version":7,"deviceId":"door-1","settings":{...}}}, or, signed,
 * {@code {"signed":"<base64 of that document>","signature":"<base64 Ed25519 signature of those bytes>"}}.
 * Signing the exact bytes avoids any JSON canonicalisation question.
 *
 * @param version  the version (> 0)
 * @param settings the provisioned sections
 */
record ProvisioningMessage(long version, ConfigNode settings) {

    static final int MAX_BYTES = 64 * 1024;
    static final String SOURCE = "config";

    /** Thrown with the errors and, when it could be read, the version. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Long version;
        final transient List<String> errors;

        Invalid(Long version, List<String> errors) {
            super(String.join("; ", errors));
            this.version = version;
            this.errors = List.copyOf(errors);
        }
    }

    static ProvisioningMessage parse(String payload, PublicKey key, String deviceId) throws Invalid {
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new Invalid(null, List.of("payload: larger than " + MAX_BYTES + " bytes"));
        }
        ConfigNode root = json(payload);
        if (root.get("signed") != null || root.get("signature") != null) {
            root = verified(root, key);
        } else if (key != null) {
            throw new Invalid(readVersion(root), List.of("signature: is required (a provisioning key is configured)"));
        }
        Long version = readVersion(root);
        List<String> errors = new java.util.ArrayList<>();
        for (ConfigNode child : root.map().values()) {
            if (!List.of("version", "deviceId", "settings").contains(child.path())) {
                errors.add(child.path() + ": unknown field (allowed: deviceId, settings, version)");
            }
        }
        if (version == null) {
            errors.add("version: is required and must be a whole number > 0");
        }
        ConfigNode device = root.get("deviceId");
        if (device != null && !deviceId.equals(device.scalar())) {
            errors.add("deviceId: is for another device");
        } else if (device == null && key != null) {
            errors.add("deviceId: is required in a signed message (so it cannot be replayed to another device)");
        }
        ConfigNode settings = root.get("settings");
        if (settings == null || settings.kind() != ConfigNode.Kind.MAP) {
            errors.add("settings: is required and must be a map of fields");
        }
        if (!errors.isEmpty()) {
            throw new Invalid(version, errors);
        }
        return new ProvisioningMessage(version, settings);
    }

    private static ConfigNode json(String text) throws Invalid {
        try {
            ConfigNode root = ConfigNode.parseJson(text, SOURCE);
            if (root.kind() != ConfigNode.Kind.MAP) {
                throw new Invalid(null, List.of("payload: must be a JSON object"));
            }
            return root;
        } catch (ConfigException e) {
            throw new Invalid(null, e.errors().stream().map(ConfigError::toString).toList());
        }
    }

    private static ConfigNode verified(ConfigNode envelope, PublicKey key) throws Invalid {
        if (key == null) {
            throw new Invalid(null, List.of("signature: this device has no provisioning key to check it with"));
        }
        ConfigNode signed = envelope.get("signed");
        ConfigNode signature = envelope.get("signature");
        if (signed == null || signature == null || envelope.map().size() != 2
                || signed.kind() != ConfigNode.Kind.STRING || signature.kind() != ConfigNode.Kind.STRING) {
            throw new Invalid(null, List.of("signature: a signed message has exactly the text fields signed and signature"));
        }
        byte[] document;
        byte[] sig;
        try {
            document = Base64.getDecoder().decode(signed.scalar());
            sig = Base64.getDecoder().decode(signature.scalar());
        } catch (IllegalArgumentException e) {
            throw new Invalid(null, List.of("signature: signed and signature must be base64"));
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(document);
            if (!verifier.verify(sig)) {
                throw new Invalid(null, List.of("signature: does not match the provisioning key"));
            }
        } catch (GeneralSecurityException e) {
            throw new Invalid(null, List.of("signature: cannot be checked (" + e.getMessage() + ")"));
        }
        return json(new String(document, StandardCharsets.UTF_8));
    }

    private static Long readVersion(ConfigNode root) {
        ConfigNode v = root.get("version");
        if (v == null || v.kind() != ConfigNode.Kind.NUMBER) {
            return null;
        }
        try {
            long version = Long.parseLong(v.scalar());
            return version > 0 ? version : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
