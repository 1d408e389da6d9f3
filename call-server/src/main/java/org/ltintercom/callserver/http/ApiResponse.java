package org.ltintercom.callserver.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** A response body: {@code returnCode} and {@code returnMessage} first, then the endpoint's fields. */
public final class ApiResponse {
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final int httpStatus;

    private ApiResponse(ReturnCode code, int httpStatus, String message) {
        this.httpStatus = httpStatus;
        fields.put("returnCode", code.code());
        fields.put("returnMessage", message);
    }

    public static ApiResponse ok() {
        return new ApiResponse(ReturnCode.SUCCESS, 200, "OK");
    }

    static ApiResponse error(ApiException e) {
        return new ApiResponse(e.returnCode(), e.httpStatus(), e.getMessage());
    }

    public ApiResponse with(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    int httpStatus() {
        return httpStatus;
    }

    Map<String, Object> fields() {
        return fields;
    }
}
