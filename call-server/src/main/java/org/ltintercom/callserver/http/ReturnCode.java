package org.ltintercom.callserver.http;

/** The returnCodes the server sends (the SDK's {@code LTReturnCode}) and the HTTP status that mirrors each. */
public enum ReturnCode {
    SUCCESS(0, 200),
    WRONG_USER_OR_PASSWORD(1, 401),
    WRONG_FUNCTION(2, 405),
    DATABASE_ERROR(3, 500),
    SERVER_ERROR(4, 500),
    WRONG_ENDPOINT(5, 404),
    DATA_FORMAT_ERROR(6, 400),
    WRONG_NUMBER_FORMAT(8, 400),
    NOT_FOUND(404, 404);

    private final int code;
    private final int httpStatus;

    ReturnCode(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
