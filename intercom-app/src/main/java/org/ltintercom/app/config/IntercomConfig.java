package org.ltintercom.app.config;

import org.ltintercom.hal.HalConfig;

import java.security.PublicKey;
import java.util.Set;

/**
 * The whole validated configuration of one intercom: the local {@code intercom.yaml}, with the
 * secrets file and the provisioned sections applied. {@code toString} redacts every secret.
 *
 * @param provisioningKey the Ed25519 key that must sign provisioning messages, or null (unsigned accepted)
 */
public record IntercomConfig(String deviceId, Settings.Sdk sdk, Settings.Sip sip, Settings.Mqtt mqtt, HalConfig hal,
                             Settings.RingPlan ringPlan, Settings.Call call, Settings.DoorCode doorCode,
                             Settings.Volumes volumes, Settings.Audio audio, double ledBrightness,
                             boolean homeAssistantDiscovery, PublicKey provisioningKey) {

    /**
     * The top-level fields that provisioning may replace. The rest (device id, MQTT, hardware
     * wiring, the provisioning key itself) stay local: a remote message must not be able to cut
     * the device off its broker or swap the key that authenticates it.
     */
    public static final Set<String> PROVISIONABLE = Set.of("sdk", "sip", "ringPlan", "call", "doorCode", "volumes",
            "audio", "ledBrightness", "homeAssistantDiscovery");
}
