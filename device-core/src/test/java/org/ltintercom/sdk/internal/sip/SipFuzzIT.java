package org.ltintercom.sdk.internal.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.callserver.testing.peers.FreePorts;
import org.ltintercom.callserver.testing.peers.Kamailio;
import org.ltintercom.callserver.testing.peers.PeerProcess;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 2,400 malformed and hostile SIP messages over UDP and TCP at a registered user agent: it must
 * not crash, leak threads or calls, or lose its registration, and a normal call must work after.
 */
class SipFuzzIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private Kamailio kamailio;
    private SipUserAgent alice;
    private SipUserAgent bob;

    @AfterEach
    void tearDown() {
        if (alice != null) {
            alice.stop();
        }
        if (bob != null) {
            bob.stop();
        }
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @Test
    void hostileTrafficNeitherCrashesNorLeaksNorUnregistersAndACallWorksAfter() throws Exception {
        kamailio = Kamailio.start(Map.of("alice", "alice-secret", "bob", "bob-secret"), 60, true);
        Recorder aliceEvents = new Recorder();
        aliceEvents.refuseIncoming = LTCallStatusCode.BUSY; // forged INVITEs that parse: refuse them
        Recorder bobEvents = new Recorder();
        alice = new SipUserAgent(TestAgents.config("alice", "alice-secret", kamailio.port(), "udp"), aliceEvents);
        bob = new SipUserAgent(TestAgents.config("bob", "bob-secret", kamailio.port(), "udp"), bobEvents);
        alice.start();
        bob.start();
        aliceEvents.awaitRegistration(WAIT, RegistrationState::isRegistered);
        bobEvents.awaitRegistration(WAIT, RegistrationState::isRegistered);
        aliceEvents.registrations.clear();
        Set<String> threadsBefore = ThreadLeaks.live();

        int sent = 0;
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, 0))) {
            HostileSipMessages gen = new HostileSipMessages(20261126L, alice.port(), udp.getLocalPort());
            for (byte[] m : gen.generate(1200, false)) {
                udp.send(new DatagramPacket(m, Math.min(m.length, 65_000),
                        new InetSocketAddress(FreePorts.LOOPBACK, alice.port())));
                sent++;
                if (sent % 50 == 0) {
                    drain(udp);
                }
            }
            List<byte[]> tcpMessages = new HostileSipMessages(7L, alice.port(), udp.getLocalPort()).generate(1200, true);
            for (int i = 0; i < tcpMessages.size(); i += 12) {
                sent += sendOverTcp(alice.port(), tcpMessages.subList(i, Math.min(i + 12, tcpMessages.size())));
            }
        }
        assertTrue(sent >= 2000, "sent " + sent);

        assertTrue(PeerProcess.await(WAIT, () -> alice.activeCalls() == 0), "forged calls left: " + alice.activeCalls());
        assertEquals(Set.of(), ThreadLeaks.awaitNoneBeyond(threadsBefore), "threads left after the fuzzing");
        assertTrue(alice.registrationState().isRegistered(), "still registered: " + alice.registrationState());
        assertTrue(aliceEvents.registrations.stream().noneMatch(s -> s.kind() == RegistrationState.Kind.FAILED),
                "registration never failed: " + aliceEvents.registrations);

        aliceEvents.events.clear();
        SipCallLeg call = alice.placeCall(TestAgents.callTo("bob", FreePorts.one()), aliceEvents.calls());
        bobEvents.awaitIncoming(WAIT).answer(new org.ltintercom.sdk.internal.sip.LocalMedia("127.0.0.1", FreePorts.one()));
        aliceEvents.await("answered", WAIT);
        call.hangup();
        assertEquals(LTCallStatusCode.HANGUP, aliceEvents.awaitEnded(WAIT));
        assertEquals(LTCallStatusCode.HANGUP, bobEvents.awaitEnded(WAIT));
    }

    /** Reads whatever the stack answered (400s, 481s ...) so our socket buffer never fills. */
    private static void drain(DatagramSocket udp) throws IOException {
        udp.setSoTimeout(1);
        byte[] buf = new byte[65_536];
        try {
            while (true) {
                udp.receive(new DatagramPacket(buf, buf.length));
            }
        } catch (java.net.SocketTimeoutException done) {
            // nothing more waiting
        }
    }

    /** One connection per batch; the stack may close it early on garbage, which is its right. */
    private static int sendOverTcp(int port, List<byte[]> batch) {
        int n = 0;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), 2000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            for (byte[] m : batch) {
                try {
                    out.write(m);
                    out.flush();
                    n++;
                } catch (IOException closedByPeer) {
                    n++; // counted: the message reached the stack, which closed the connection
                    break;
                }
            }
        } catch (IOException e) {
            // connection refused would mean the listener died: the asserts after catch that
        }
        return n;
    }
}
