package org.ltintercom.sdk.call;

import org.ltintercom.sdk.LTResponse;

import java.util.List;

/** The answer to {@code getBlockCallList}: the userIDs whose calls are blocked, sorted. */
public final class LTBlockListResponse extends LTResponse {
    private final List<String> userIDs;

    public LTBlockListResponse(int returnCode, String returnMessage, List<String> userIDs) {
        super(returnCode, returnMessage);
        this.userIDs = List.copyOf(userIDs);
    }

    public List<String> userIDs() {
        return userIDs;
    }
}
