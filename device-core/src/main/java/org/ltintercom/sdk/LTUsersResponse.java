package org.ltintercom.sdk;

import java.util.List;

/** The answer to {@code LTSDK.getUsers()}: the signed-in user's accounts (empty unless successful). */
public final class LTUsersResponse extends LTResponse {
    private final List<LTUser> users;

    public LTUsersResponse(int returnCode, String returnMessage, List<LTUser> users) {
        super(returnCode, returnMessage);
        this.users = List.copyOf(users);
    }

    public List<LTUser> users() {
        return users;
    }
}
