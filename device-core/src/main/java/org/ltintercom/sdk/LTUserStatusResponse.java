package org.ltintercom.sdk;

import java.util.List;

/** The answer to a user-status query, in the order asked; users the service does not know are left out. */
public final class LTUserStatusResponse extends LTResponse {
    private final List<LTUserStatus> userStatuses;

    public LTUserStatusResponse(int returnCode, String returnMessage, List<LTUserStatus> userStatuses) {
        super(returnCode, returnMessage);
        this.userStatuses = List.copyOf(userStatuses);
    }

    public List<LTUserStatus> userStatuses() {
        return userStatuses;
    }
}
