package org.ltintercom.callserver.cdr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A call party as recorded in a CDR ({@code LTCallUserInfo} of the SDK). */
public record CallUserInfo(String userID, String phoneNumber, String semiUID, String deviceID, String nickName,
                           ObjectNode extInfo) {

    public CallUserInfo {
        extInfo = extInfo == null ? JsonNodeFactory.instance.objectNode() : extInfo.deepCopy();
    }

    /** A party known only by its userID. */
    public static CallUserInfo of(String userID) {
        return new CallUserInfo(userID, "", "", "", "", null);
    }

    @Override
    public ObjectNode extInfo() {
        return extInfo.deepCopy();
    }
}
