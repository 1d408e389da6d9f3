package org.ltintercom.callserver.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BodyReaderTest {
    /** A stream of {@code size} bytes that counts how many were read. */
    private static final class Counting extends InputStream {
        private long left;
        long read;

        Counting(long size) {
            left = size;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            left -= n;
            read += n;
            return n;
        }
    }

    @Test
    void aBodyOfExactly64KiBIsAccepted() throws Exception {
        assertEquals(65_536, BodyReader.read(new Counting(65_536), 65_536).length);
        assertEquals(3, BodyReader.read(new ByteArrayInputStream(new byte[3]), -1).length, "chunked");
    }

    @Test
    void oneByteMoreIsRefused() throws Exception {
        assertNull(BodyReader.read(new Counting(65_537), 65_537));
        assertNull(BodyReader.read(new Counting(65_537), -1), "chunked bodies are counted too");
    }

    @Test
    void aLargerBodyIsSkippedUpTo1MiBAndAHugeDeclaredOneIsNotReadAtAll() throws Exception {
        Counting megabyte = new Counting(1_000_000);
        assertNull(BodyReader.read(megabyte, 1_000_000));
        assertEquals(1_000_000, megabyte.read, "skipped so the client can read the answer");
        Counting endless = new Counting(Long.MAX_VALUE);
        assertNull(BodyReader.read(endless, -1));
        assertEquals(BodyReader.DISCARD_LIMIT, endless.read, "never more than the discard limit");
        Counting declaredHuge = new Counting(100_000_000);
        assertNull(BodyReader.read(declaredHuge, 100_000_000));
        assertEquals(0, declaredHuge.read);
    }
}
