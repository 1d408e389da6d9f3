package org.ltintercom.sdk.internal.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay between a device and its broker that a test can cut, the way a pulled
 * network cable or a killed process looks to the broker: sockets reset without an MQTT DISCONNECT.
 * While cut, new connections are accepted and dropped at once (broker unreachable).
 */
final class TcpCutter implements AutoCloseable {

    /** The first byte of an MQTT 3.1.1 SUBSCRIBE: type 8, flags 0b0010. */
    private static final byte SUBSCRIBE = (byte) 0x82;

    private final ServerSocket listener;
    private final int brokerPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final Thread acceptor;
    private final AtomicInteger subscribesToDrop = new AtomicInteger();
    private volatile boolean cut;
    private volatile boolean closed;

    TcpCutter(String brokerUri) throws IOException {
        this.brokerPort = Integer.parseInt(brokerUri.substring(brokerUri.lastIndexOf(':') + 1));
        this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.acceptor = new Thread(this::acceptLoop, "lt-test-cutter-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String uri() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    /** Resets every relayed connection and refuses new ones until {@link #reconnect()}. */
    void cut() {
        cut = true;
        for (Socket socket : open) {
            reset(socket);
        }
        open.clear();
    }

    void reconnect() {
        cut = false;
    }

    /**
     * Resets the connection instead of relaying the device's next {@code count} SUBSCRIBE packets:
     * what Moquette 0.17 does when a SUBSCRIBE overtakes its own CONNACK bookkeeping.
     */
    void dropNextSubscribes(int count) {
        subscribesToDrop.set(count);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closed = true;
        cut();
        listener.close();
        acceptor.join(5000);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket device = listener.accept();
                if (cut) {
                    reset(device);
                    continue;
                }
                Socket broker = new Socket();
                broker.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), brokerPort), 2000);
                open.add(device);
                open.add(broker);
                pump(device, broker, true);
                pump(broker, device, false);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromDevice) {
        Thread pump = new Thread(() -> {
            byte[] chunk = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    if (fromDevice && n > 0 && chunk[0] == SUBSCRIBE && subscribesToDrop.getAndUpdate(
                            left -> Math.max(0, left - 1)) > 0) {
                        break; // Paho writes each packet on its own, so a chunk starts with a packet
                    }
                    out.write(chunk, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // one side went away: take the other down too
            } finally {
                reset(from);
                reset(to);
            }
        }, "lt-test-cutter-pump-" + threadNumber.incrementAndGet());
        pump.setDaemon(true);
        pump.start();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
