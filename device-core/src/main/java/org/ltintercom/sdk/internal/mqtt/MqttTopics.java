package org.ltintercom.sdk.internal.mqtt;

/** Checks of topic names and topic segments (user and device ids) before they reach the broker. */
public final class MqttTopics {

    private MqttTopics() {
    }

    /** A topic one may publish to: 1-256 characters, no wildcards, no NUL. */
    public static String requirePublishable(String field, String topic) {
        if (topic == null || topic.isEmpty() || topic.length() > 256) {
            throw new IllegalArgumentException(field + ": must be 1-256 characters");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || topic.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + ": must not contain +, # or NUL");
        }
        return topic;
    }

    /** One topic level such as a userID or deviceID: 1-128 characters of {@code [A-Za-z0-9_.-]}. */
    public static String requireSegment(String field, String segment) {
        if (segment == null || !segment.matches("[A-Za-z0-9_.-]{1,128}")) {
            throw new IllegalArgumentException(field + ": must be 1-128 characters of A-Z a-z 0-9 _ . -");
        }
        return segment;
    }
}
