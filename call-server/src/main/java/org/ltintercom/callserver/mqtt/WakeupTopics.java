package org.ltintercom.callserver.mqtt;

import java.util.regex.Pattern;

/** Wakeup topic names as docs/protocol.md defines them. */
public final class WakeupTopics {

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9/_.-]{1,256}");

    private WakeupTopics() {
    }

    /** {@code lt/v1/<userID>/wakeup}. */
    public static String defaultTopicOf(String userID) {
        if (userID == null || !USER_ID.matcher(userID).matches()) {
            throw new IllegalArgumentException("userID: must be 1-128 characters of A-Z a-z 0-9 _ . -");
        }
        return "lt/v1/" + userID + "/wakeup";
    }

    /** Checks a registered wakeup topic: 1-256 characters of {@code [A-Za-z0-9/_.-]}, no wildcards. */
    public static String requireValid(String wakeupTopic) {
        if (wakeupTopic == null || !TOPIC.matcher(wakeupTopic).matches()) {
            throw new IllegalArgumentException("wakeupTopic: must be 1-256 characters of A-Z a-z 0-9 / _ . -");
        }
        return wakeupTopic;
    }
}
