package org.ltintercom.callserver.http;

import org.ltintercom.callserver.json.Json;
import org.ltintercom.callserver.json.JsonFields;

import java.util.Optional;
import java.util.Set;

/** One HTTP request as the endpoints see it: the already size-checked body and the bearer token. */
public final class ApiRequest {
    private final byte[] body;
    private final String authorization;

    ApiRequest(byte[] body, String authorization) {
        this.body = body;
        this.authorization = authorization;
    }

    /** The body as a JSON object whose fields must be among {@code allowed}. */
    public JsonFields json(Set<String> allowed) {
        return JsonFields.of(Json.parse(body), "body", allowed);
    }

    /** The token of an {@code Authorization: Bearer <token>} header. */
    public Optional<String> bearerToken() {
        if (authorization == null) {
            return Optional.empty();
        }
        String prefix = "Bearer ";
        if (!authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(prefix.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
