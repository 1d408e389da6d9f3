package org.ltintercom.app.mqtt;

import org.ltintercom.sdk.internal.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Home Assistant MQTT discovery documents of one intercom: a call-state {@code sensor}, a SIP
 * registration {@code binary_sensor}, and "Call" and "Open door" {@code button}s, each retained on
 * {@code homeassistant/<component>/<deviceID>/<object>/config}. They read the retained status
 * topic (its {@code state} field is their availability) and press by publishing a command on the
 * {@code cmd} topic, so Home Assistant needs no topic of its own.
 */
public final class HomeAssistantDiscovery {

    /** Home Assistant's default discovery prefix. */
    public static final String PREFIX = "homeassistant";

    /** Seconds of Home Assistant's clock at press time (a Jinja expression in the command templates). */
    public static final String PRESS_TIME = "{{ now().timestamp() }}";
    /** Press time + 30 s in ms: a press queued by the broker while the device is offline is not run late. */
    public static final String PRESS_EXPIRY = "{{ (now().timestamp() * 1000) | int + 30000 }}";

    /** One discovery document: where it is retained and what it holds. */
    public record Entity(String component, String objectId, Map<String, Object> document) {

        public String topic(String deviceId) {
            return PREFIX + "/" + component + "/" + deviceId + "/" + objectId + "/config";
        }
    }

    private HomeAssistantDiscovery() {
    }

    /**
     * The documents for this device.
     *
     * @param model     shown as the device's model, e.g. {@code lt-intercom (raspberry_pi)}
     * @param swVersion the app version, or null when not known yet
     */
    public static List<Entity> entities(DeviceTopics topics, String model, String swVersion) {
        String id = topics.deviceId();
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("identifiers", List.of("lt-intercom-" + id));
        device.put("name", id);
        device.put("manufacturer", "lt-intercom");
        device.put("model", model);
        if (swVersion != null) {
            device.put("sw_version", swVersion);
        }

        Map<String, Object> callState = base(topics, device, "Call state", id + "_call_state");
        callState.put("state_topic", topics.status());
        callState.put("value_template", "{{ value_json.callState | default('unknown') }}");
        callState.put("icon", "mdi:phone-classic");

        Map<String, Object> registration = base(topics, device, "SIP registration", id + "_registration");
        registration.put("state_topic", topics.status());
        registration.put("value_template",
                "{{ 'ON' if value_json.registration | default('') == 'registered' else 'OFF' }}");
        registration.put("payload_on", "ON");
        registration.put("payload_off", "OFF");
        registration.put("device_class", "connectivity");
        registration.put("entity_category", "diagnostic");

        Map<String, Object> call = button(topics, device, "Call", id + "_call", "call", "mdi:phone-outgoing");
        Map<String, Object> door = button(topics, device, "Open door", id + "_open_door", "open-door", "mdi:door-open");

        return List.of(new Entity("sensor", "call_state", callState),
                new Entity("binary_sensor", "registration", registration),
                new Entity("button", "call", call),
                new Entity("button", "open_door", door));
    }

    /**
     * The {@code command_template} of a button for {@code cmd}: each press gets its own id (the
     * device refuses to run an id twice) and an expiry, both from Home Assistant's clock.
     */
    public static String commandTemplate(String cmd) {
        return "{\"id\": \"ha-" + cmd + "-" + PRESS_TIME + "\", \"cmd\": \"" + cmd + "\", \"expiresAt\": "
                + PRESS_EXPIRY + "}";
    }

    /** The document as JSON bytes. */
    public static String json(Entity entity) {
        try {
            return Json.write(entity.document());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("discovery document not serialisable", e);
        }
    }

    private static Map<String, Object> base(DeviceTopics topics, Map<String, Object> device, String name, String uniqueId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("unique_id", uniqueId);
        doc.put("device", device);
        doc.put("availability_topic", topics.status());
        doc.put("availability_template", "{{ value_json.state }}");
        doc.put("payload_available", "online");
        doc.put("payload_not_available", "offline");
        doc.put("qos", 1);
        return doc;
    }

    private static Map<String, Object> button(DeviceTopics topics, Map<String, Object> device, String name, String uniqueId,
                                              String cmd, String icon) {
        Map<String, Object> doc = base(topics, device, name, uniqueId);
        doc.put("command_topic", topics.cmd());
        doc.put("command_template", commandTemplate(cmd));
        doc.put("payload_press", "PRESS");
        doc.put("retain", false);
        doc.put("icon", icon);
        return doc;
    }
}
