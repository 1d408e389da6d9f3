package org.ltintercom.callserver.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's SIPp ({@code sip-tester}) running one of our XML scenarios from the test resources
 * ({@code /sipp/<name>.xml}) as a UAS or UAC on a free loopback port, batch-style
 * ({@code -nostdin -m 1 -timeout -trace_err}). {@link #awaitSuccess} waits for the scenario
 * to finish and fails with SIPp's error log if it did not pass.
 */
public final class Sipp implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int mediaPort;
    private final PeerProcess process;

    private Sipp(Path dir, int port, int mediaPort, PeerProcess process) {
        this.dir = dir;
        this.port = port;
        this.mediaPort = mediaPort;
        this.process = process;
    }

    /** Starts scenario {@code name} as UAS; {@code service} is the user part SIPp uses for itself. */
    public static Sipp uas(String name, String service, String transport) throws IOException, InterruptedException {
        return start(name, service, transport, null, Map.of());
    }

    /** Starts scenario {@code name} as UAC calling {@code service}@127.0.0.1:{@code targetPort} directly. */
    public static Sipp uac(String name, String service, int targetPort) throws IOException, InterruptedException {
        return start(name, service, "udp", "127.0.0.1:" + targetPort, Map.of());
    }

    /** As {@link #uac(String, String, int)}, with scenario keywords ({@code [key]}) set by {@code -key}. */
    public static Sipp uac(String name, String service, int targetPort, Map<String, String> keys)
            throws IOException, InterruptedException {
        return start(name, service, "udp", "127.0.0.1:" + targetPort, keys);
    }

    private static Sipp start(String name, String service, String transport, String remote, Map<String, String> keys)
            throws IOException, InterruptedException {
        Path dir = PeerProcess.tempDir("sipp");
        Path scenario = dir.resolve(name + ".xml");
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + name + ".xml")) {
            if (in == null) {
                throw new IllegalArgumentException("name: no scenario /sipp/" + name + ".xml in the test resources");
            }
            Files.copy(in, scenario);
        }
        int base = FreePorts.block(4);
        int port = base;
        int mediaPort = base + 2;
        List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", scenario.toString(), "-i", "127.0.0.1",
                "-p", Integer.toString(port), "-mi", "127.0.0.1", "-mp", Integer.toString(mediaPort),
                "-t", transport.equals("tcp") ? "t1" : "u1", "-s", service, "-m", "1", "-nostdin",
                "-timeout", "60s", "-timeout_error", "-trace_err", "-trace_msg",
                "-error_file", dir.resolve("errors.log").toString(),
                "-message_file", dir.resolve("messages.log").toString()));
        keys.forEach((k, v) -> cmd.addAll(List.of("-key", k, v)));
        if (remote != null) {
            cmd.add(remote);
        }
        PeerProcess p = PeerProcess.start("sipp", dir, cmd);
        Sipp sipp = new Sipp(dir, port, mediaPort, p);
        if (!PeerProcess.await(Duration.ofSeconds(10), () -> !p.isAlive() || bound(port))) {
            sipp.close();
            throw new IllegalStateException("sipp did not bind 127.0.0.1:" + port);
        }
        if (!p.isAlive()) {
            String log = p.tail();
            sipp.close();
            throw new IllegalStateException("sipp exited at start:\n" + log);
        }
        return sipp;
    }

    private static boolean bound(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, port))) {
            return false;
        } catch (IOException inUse) {
            return true;
        }
    }

    public int port() {
        return port;
    }

    public int mediaPort() {
        return mediaPort;
    }

    /** Waits for the scenario to end and asserts that SIPp counted it successful. */
    public void awaitSuccess(Duration timeout) throws InterruptedException {
        int exit = process.awaitExit(timeout);
        if (exit != 0) {
            throw new AssertionError("SIPp scenario failed (exit " + exit + "):\n" + read("errors.log") + "\n"
                    + process.tail() + "\nmessages:\n" + read("messages.log"));
        }
    }

    /** Everything SIPp sent and received so far. */
    public String messages() {
        return read("messages.log");
    }

    private String read(String file) {
        try {
            Path p = dir.resolve(file);
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.close();
        PeerProcess.deleteTree(dir);
    }
}
