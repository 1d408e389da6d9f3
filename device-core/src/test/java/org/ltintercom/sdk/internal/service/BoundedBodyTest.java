package org.ltintercom.sdk.internal.service;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedBodyTest {

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws Exception {
        byte[] body = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), 10));
        assertArrayEquals(new byte[0], BoundedBody.read(new ByteArrayInputStream(new byte[0]), 10));
    }

    @Test
    void aBodyOverTheLimitFailsWithoutReadingItAll() {
        // an endless body: reading must stop just past the limit instead of filling the memory
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 7;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = Math.min(len, 1000);
                served[0] += n;
                return n;
            }
        };
        IOException e = assertThrows(IOException.class, () -> BoundedBody.read(endless, 10_000));
        assertEquals("response: body larger than 10000 bytes", e.getMessage());
        assertTrue(served[0] <= 11_000, "read " + served[0] + " bytes");
    }
}
