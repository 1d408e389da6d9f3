package org.ltintercom.callserver.http;

import java.sql.SQLException;

/** One REST operation: turns a request into a response or throws {@link ApiException}. */
@FunctionalInterface
public interface Endpoint {
    ApiResponse handle(ApiRequest request) throws SQLException;
}
