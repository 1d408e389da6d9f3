package org.ltintercom.callserver.testing.peers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports that are free for both UDP and TCP right now, optionally with free neighbours. */
public final class FreePorts {

    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private FreePorts() {
    }

    /** A port p such that p .. p+span-1 are all free for UDP and TCP on 127.0.0.1. */
    public static synchronized int block(int span) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
                base = s.getLocalPort();
            }
            if (base + span > 65535) {
                continue;
            }
            boolean ok = true;
            for (int p = base; p < base + span && ok; p++) {
                ok = free(p);
            }
            if (ok) {
                return base;
            }
        }
        throw new IOException("no block of " + span + " free loopback ports");
    }

    public static int one() throws IOException {
        return block(1);
    }

    private static boolean free(int port) {
        try (ServerSocket t = new ServerSocket()) {
            t.bind(new InetSocketAddress(LOOPBACK, port));
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }
}
