package org.ltintercom.callserver.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.ltintercom.callserver.json.FieldException;
import org.ltintercom.callserver.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Dispatches by exact path and method, reads the body under the size limit, and turns every
 * outcome into a JSON response with a returnCode: {@link ApiException} and {@link FieldException}
 * as the client's fault, {@link SQLException} as 3 DATABASE_ERROR, anything else as 4 SERVER_ERROR
 * (details only in the log).
 */
final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private record Route(String method, Endpoint endpoint) {
    }

    private final Map<String, Route> routes = new HashMap<>();

    Router add(String method, String path, Endpoint endpoint) {
        routes.put(path, new Route(method, endpoint));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (declaredLength(exchange) > BodyReader.DISCARD_LIMIT && routes.containsKey(exchange.getRequestURI().getPath())) {
            refuseUnread(exchange);
        }
        try (exchange) {
            ApiResponse response;
            boolean closeConnection = false;
            try {
                Route route = route(exchange);
                byte[] body = BodyReader.read(exchange.getRequestBody(), declaredLength(exchange));
                if (body == null) {
                    closeConnection = true;
                    throw new ApiException(ReturnCode.DATA_FORMAT_ERROR, 413, BodyReader.TOO_LARGE);
                }
                ApiRequest request = new ApiRequest(body, exchange.getRequestHeaders().getFirst("Authorization"));
                response = route.endpoint().handle(request);
            } catch (ApiException e) {
                response = ApiResponse.error(e);
            } catch (FieldException e) {
                response = ApiResponse.error(new ApiException(ReturnCode.DATA_FORMAT_ERROR, e.getMessage()));
            } catch (SQLException e) {
                LOG.error("{} {}: database failure", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                response = ApiResponse.error(new ApiException(ReturnCode.DATABASE_ERROR,
                        "database: the request failed and nothing was written"));
            } catch (IOException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.error("{} {}: server fault", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                response = ApiResponse.error(new ApiException(ReturnCode.SERVER_ERROR, "server: internal error"));
            }
            send(exchange, response, closeConnection);
        }
    }

    /**
     * Answers 413 to a body declared larger than we would even skip, then drops the connection:
     * closing the exchange normally would wait for the client to send (part of) that body, and a
     * client that never sends it would hold a request thread. An IOException out of a handler
     * makes the JDK server close the connection without reading further.
     */
    private static void refuseUnread(HttpExchange exchange) throws IOException {
        ApiResponse response = ApiResponse.error(new ApiException(ReturnCode.DATA_FORMAT_ERROR, 413,
                BodyReader.TOO_LARGE));
        byte[] bytes = Json.write(response.fields());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(413, bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes);
        out.flush();
        throw new IOException("request body declared larger than " + BodyReader.DISCARD_LIMIT
                + " bytes: answered 413 and closed the connection");
    }

    private Route route(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        Route route = routes.get(path);
        if (route == null) {
            throw new ApiException(ReturnCode.WRONG_ENDPOINT, "path: no endpoint " + printable(path));
        }
        if (!route.method().equals(exchange.getRequestMethod())) {
            throw new ApiException(ReturnCode.WRONG_FUNCTION, "method: " + path + " takes " + route.method());
        }
        return route;
    }

    private static long declaredLength(HttpExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void send(HttpExchange exchange, ApiResponse response, boolean closeConnection) throws IOException {
        byte[] bytes = Json.write(response.fields());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (closeConnection) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(response.httpStatus(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Paths are echoed to the client; keep them short and free of control characters. */
    private static String printable(String path) {
        String shortened = path.length() > 100 ? path.substring(0, 100) + "..." : path;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
