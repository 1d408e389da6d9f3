package org.ltintercom.callserver.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body while enforcing the 64 KiB limit: at most {@link #LIMIT} bytes are ever
 * buffered. A larger body is skipped (not stored) up to {@link #DISCARD_LIMIT} so the client can
 * read the 413 answer; a body declared larger than that is not read at all.
 */
final class BodyReader {
    static final int LIMIT = 65_536;
    static final long DISCARD_LIMIT = 1L << 20;
    static final String TOO_LARGE = "body: larger than " + LIMIT + " bytes";

    private BodyReader() {
    }

    /** Outcome of reading: the body, or null when it was too large. */
    static byte[] read(InputStream in, long declaredLength) throws IOException {
        if (declaredLength > DISCARD_LIMIT) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(Math.max(declaredLength, 256), LIMIT));
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > LIMIT) {
                skip(in, DISCARD_LIMIT - total);
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void skip(InputStream in, long budget) throws IOException {
        byte[] buf = new byte[8192];
        long left = budget;
        int n;
        while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0) {
            left -= n;
        }
    }
}
