package org.ltintercom.callserver.http;

/** A refused request: the returnCode, the HTTP status and a {@code field: reason} message for the client. */
public final class ApiException extends RuntimeException {
    private final ReturnCode returnCode;
    private final int httpStatus;

    public ApiException(ReturnCode returnCode, String message) {
        this(returnCode, returnCode.httpStatus(), message);
    }

    public ApiException(ReturnCode returnCode, int httpStatus, String message) {
        super(message, null, false, false);
        this.returnCode = returnCode;
        this.httpStatus = httpStatus;
    }

    public ReturnCode returnCode() {
        return returnCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    static ApiException notSignedInUser() {
        return new ApiException(ReturnCode.WRONG_USER_OR_PASSWORD, 403, "userID: not the signed-in user");
    }
}
