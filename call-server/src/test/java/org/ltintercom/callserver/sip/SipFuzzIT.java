package org.ltintercom.callserver.sip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.callserver.testing.peers.FreePorts;
import org.ltintercom.callserver.testing.peers.PeerProcess;
import org.ltintercom.callserver.testing.peers.Sipp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.callserver.sip.SipServerFixture.DOOR;
import static org.ltintercom.callserver.sip.SipServerFixture.INDOOR;
import static org.ltintercom.callserver.sip.SipServerFixture.SIP_PASSWORD;
import static org.ltintercom.callserver.sip.SipServerFixture.WAIT;

/**
 * 2,400 malformed and hostile messages at call-server's SIP port over UDP and TCP: it keeps
 * running, relays nothing to the address forged dialogs point at, keeps the registrations it had,
 * leaves no thread behind, and a normal call right after goes through.
 */
class SipFuzzIT {
    private static final int MESSAGES = 2_400;

    @Test
    void hostileMessagesNeitherCrashNorLeakNorLoseRegistrationsAndACallStillWorks(@TempDir Path dir)
            throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir);
             Sipp kitchen = Sipp.uas("csDeviceAnswers", INDOOR, "udp");
             DatagramSocket victim = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, 0))) {
            f.register(INDOOR, kitchen, "kitchen");
            Set<String> before = threadNames();
            HostileMessages g = new HostileMessages(20261126L, f.sipPort(), victim.getLocalPort());
            InetSocketAddress server = new InetSocketAddress(FreePorts.LOOPBACK, f.sipPort());

            List<byte[]> messages = HostileMessages.all(g, MESSAGES);
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, 0))) {
                for (int i = 0; i < messages.size(); i += 2) {
                    byte[] m = messages.get(i);
                    udp.send(new DatagramPacket(m, Math.min(m.length, 65_000), server));
                }
            }
            int tcpSent = 0;
            for (int i = 1; i < messages.size(); i += 50) {
                // one connection per 25 messages: hostile streams share connections, as a real attacker's would
                try (Socket tcp = new Socket()) {
                    tcp.connect(server, 5000);
                    OutputStream out = tcp.getOutputStream();
                    for (int j = i; j < Math.min(i + 50, messages.size()); j += 2) {
                        writeQuietly(out, messages.get(j));
                        tcpSent++;
                    }
                }
            }
            for (int i = 0; i < 4; i++) {
                try (Socket tcp = new Socket()) {
                    tcp.connect(server, 5000);
                    writeQuietly(tcp.getOutputStream(), g.megabyteInvite(i));
                }
            }
            assertEquals(MESSAGES, MESSAGES / 2 + tcpSent, "every message was sent, half over UDP, half over TCP");

            assertTrue(answersOptions(f.sipPort()), "the server still answers after the fuzz");
            assertEquals(1, f.server.sip().locations().bindingsOf(INDOOR).size(), "registrations kept");
            assertEquals("", whatTheProxySends(victim, f.sipPort()), "forged dialogs must not make the proxy send anywhere");
            assertTrue(PeerProcess.await(WAIT, () -> threadNames().stream().allMatch(before::contains)),
                    "threads left after the fuzz: " + diff(threadNames(), before));

            try (Baresip door = Baresip.start(DOOR, SIP_PASSWORD, f.sipPort(), false)) {
                door.awaitRegistered(WAIT);
                door.command("dial", "sip:" + INDOOR + "@127.0.0.1");
                door.awaitEvent("CALL_ESTABLISHED", WAIT);
                door.command("hangup", null);
                kitchen.awaitSuccess(WAIT);
            }
        }
    }

    private static void writeQuietly(OutputStream out, byte[] m) {
        try {
            out.write(m);
            out.flush();
        } catch (IOException closedByServer) {
            // the server may drop a connection that sent garbage: that is the point
        }
    }

    private static boolean answersOptions(int port) throws IOException {
        String options = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bKprobe\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:127.0.0.1>\r\nCall-ID: probe@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, 0))) {
            s.setSoTimeout(1000);
            byte[] m = options.formatted(s.getLocalPort()).getBytes(StandardCharsets.UTF_8);
            for (int attempt = 0; attempt < 10; attempt++) {
                s.send(new DatagramPacket(m, m.length, new InetSocketAddress(FreePorts.LOOPBACK, port)));
                try {
                    DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
                    s.receive(p);
                    if (new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8).startsWith("SIP/2.0 200")) {
                        return true;
                    }
                } catch (SocketTimeoutException retry) {
                    // the server may still be working through the fuzz backlog
                }
            }
            return false;
        }
    }

    /**
     * What the proxy (sending from its SIP port {@code proxyPort}) sent to the victim's port (its
     * first line), or "" when nothing came from it within 0.5 s. Datagrams from elsewhere are
     * skipped: the victim's ephemeral port may have been, a moment before, the media or SIP port a
     * peer of an earlier test still sends its last packets to.
     */
    private static String whatTheProxySends(DatagramSocket victim, int proxyPort) throws IOException {
        byte[] buffer = new byte[2048];
        long deadline = System.nanoTime() + 500_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return "";
            }
            victim.setSoTimeout((int) left);
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                victim.receive(p);
            } catch (SocketTimeoutException expected) {
                return "";
            }
            if (p.getPort() == proxyPort) {
                String text = new String(buffer, 0, p.getLength(), StandardCharsets.ISO_8859_1);
                int eol = text.indexOf('\r');
                return eol < 0 ? text : text.substring(0, eol);
            }
        }
    }

    private static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (t.isAlive() && !t.getName().startsWith("process reaper") && !t.getName().startsWith("lt-test-")) {
                names.add(t.getName());
            }
        });
        return names;
    }

    private static Set<String> diff(Set<String> now, Set<String> before) {
        Set<String> d = new TreeSet<>(now);
        d.removeAll(before);
        return d;
    }
}
