package org.ltintercom.sdk.internal.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body read into memory, but only up to a limit: a broken or hostile service must not
 * be able to fill the memory of a door station that runs for years. Past the limit reading stops
 * and the request fails (returnCode -1); the caller drops the connection.
 */
final class BoundedBody {

    private BoundedBody() {
    }

    /** Everything {@code in} holds, if that is at most {@code limit} bytes. */
    static byte[] read(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long received = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            received += n;
            if (received > limit) {
                throw new IOException("response: body larger than " + limit + " bytes");
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }
}
