package org.ltintercom.sdk.internal.service;

import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTReturnCode;
import org.ltintercom.sdk.LTUser;
import org.ltintercom.sdk.LTUserStatus;
import org.ltintercom.sdk.LTUserStatusResponse;
import org.ltintercom.sdk.LTUsersResponse;
import org.ltintercom.sdk.call.LTBlockListResponse;
import org.ltintercom.sdk.call.LTCallCDRNotificationMessage;
import org.ltintercom.sdk.call.LTUserCDRResponse;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Response bodies of docs/protocol.md mapped to SDK responses. The client decides on
 * {@code returnCode} only (never on the HTTP status): a non-zero code is the service's refusal and
 * is passed on as it is; a body that is not the protocol's becomes -1 (FAILED) naming the field.
 */
public final class Responses {

    private Responses() {
    }

    /** Maps a success body to T; throws when the body lacks what protocol.md promises. */
    @FunctionalInterface
    public interface SuccessMapper<T> {
        T map(LTResponse ok, JsonFields body) throws WireFormatException;
    }

    /** Reads one HTTP response body: the success mapped by {@code onSuccess}, anything else by {@code onFailure}. */
    public static <T> T read(int httpStatus, byte[] body, SuccessMapper<T> onSuccess, Function<LTResponse, T> onFailure) {
        JsonFields fields;
        LTResponse status;
        try {
            JsonNode tree = Json.parse(body);
            fields = JsonFields.root(tree);
            status = new LTResponse(fields.intValue("returnCode"), fields.optionalText("returnMessage"));
        } catch (IOException | WireFormatException e) {
            return onFailure.apply(new LTResponse(LTReturnCode.FAILED,
                    "response: unreadable (HTTP " + httpStatus + "): " + e.getMessage()));
        }
        if (!status.isSuccess()) {
            return onFailure.apply(status);
        }
        try {
            return onSuccess.map(status, fields);
        } catch (WireFormatException e) {
            return onFailure.apply(new LTResponse(LTReturnCode.FAILED, "response: " + e.getMessage()));
        }
    }

    public static InitResult init(LTResponse ok, JsonFields f) throws WireFormatException {
        return new InitResult(ok, f.text("token"), WireFormat.user(f.object("user")), WireFormat.sip(f.object("sip")));
    }

    public static InitResult initFailed(LTResponse failed) {
        return new InitResult(failed, null, null, null);
    }

    public static LTUsersResponse users(LTResponse ok, JsonFields f) throws WireFormatException {
        List<LTUser> users = new ArrayList<>();
        for (JsonFields u : f.objectList("users")) {
            users.add(WireFormat.user(u));
        }
        return new LTUsersResponse(ok.returnCode(), ok.returnMessage(), users);
    }

    public static LTUsersResponse usersFailed(LTResponse failed) {
        return new LTUsersResponse(failed.returnCode(), failed.returnMessage(), List.of());
    }

    public static LTUserStatusResponse userStatuses(LTResponse ok, JsonFields f) throws WireFormatException {
        List<LTUserStatus> statuses = new ArrayList<>();
        for (JsonFields s : f.objectList("userStatuses")) {
            statuses.add(WireFormat.userStatus(s));
        }
        return new LTUserStatusResponse(ok.returnCode(), ok.returnMessage(), statuses);
    }

    public static LTUserStatusResponse userStatusesFailed(LTResponse failed) {
        return new LTUserStatusResponse(failed.returnCode(), failed.returnMessage(), List.of());
    }

    public static LTUserCDRResponse cdrPage(LTResponse ok, JsonFields f) throws WireFormatException {
        List<LTCallCDRNotificationMessage> cdrs = new ArrayList<>();
        for (JsonFields c : f.objectList("cdrMessages")) {
            cdrs.add(WireFormat.cdr(c));
        }
        int count = f.intValue("count");
        if (count != cdrs.size()) {
            throw new WireFormatException("count", count + " but " + cdrs.size() + " cdrMessages");
        }
        return new LTUserCDRResponse(ok.returnCode(), ok.returnMessage(), f.longValue("markTS"), cdrs);
    }

    /** A failed CDR query keeps the request's markTS, so paging can simply retry. */
    public static Function<LTResponse, LTUserCDRResponse> cdrPageFailed(long requestMarkTS) {
        return failed -> new LTUserCDRResponse(failed.returnCode(), failed.returnMessage(), requestMarkTS, List.of());
    }

    public static LTBlockListResponse blockList(LTResponse ok, JsonFields f) throws WireFormatException {
        return new LTBlockListResponse(ok.returnCode(), ok.returnMessage(), f.textList("userIDs"));
    }

    public static LTBlockListResponse blockListFailed(LTResponse failed) {
        return new LTBlockListResponse(failed.returnCode(), failed.returnMessage(), List.of());
    }

    /** For endpoints that answer only returnCode and returnMessage. */
    public static LTResponse plain(LTResponse ok, JsonFields f) {
        return ok;
    }
}
