package org.ltintercom.sdk.internal.sip;

import org.junit.jupiter.api.Test;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipStackHostTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    static final SipListener IGNORING = new SipListener() {
        @Override public void processRequest(RequestEvent e) { }
        @Override public void processResponse(ResponseEvent e) { }
        @Override public void processTimeout(TimeoutEvent e) { }
        @Override public void processIOException(IOExceptionEvent e) { }
        @Override public void processTransactionTerminated(TransactionTerminatedEvent e) { }
        @Override public void processDialogTerminated(DialogTerminatedEvent e) { }
    };

    private static void touchOverUdpAndTcp(int port) throws Exception {
        byte[] options = ("OPTIONS sip:x@127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bKt\r\n"
                + "From: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: touch\r\nCSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (java.net.Socket s = new java.net.Socket(LOOPBACK, port)) {
            s.getOutputStream().write(options);
            s.getOutputStream().flush();
            Thread.sleep(200); // let the stack read it before the connection closes
        }
        try (DatagramSocket u = new DatagramSocket()) {
            u.send(new java.net.DatagramPacket(options, options.length, new InetSocketAddress(LOOPBACK, port)));
        }
    }

    @Test
    void portZeroPicksOnePortBoundForUdpAndTcp() throws Exception {
        try (SipStackHost host = SipStackHost.start(LOOPBACK, 0, IGNORING)) {
            assertNotEquals(0, host.port());
            assertThrows(java.net.BindException.class,
                    () -> new DatagramSocket(new InetSocketAddress(LOOPBACK, host.port())).close());
            assertThrows(java.net.BindException.class,
                    () -> new ServerSocket(host.port(), 1, LOOPBACK).close());
        }
    }

    @Test
    void oneUdpThreadReceivesParsesAndDispatchesAndRequestsLeaveFromTheListeningPort() throws Exception {
        java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        SipListener recording = new SipListener() {
            @Override public void processRequest(RequestEvent e) {
                seen.add(e.getRequest().getMethod() + " on " + Thread.currentThread().getName());
            }
            @Override public void processResponse(ResponseEvent e) {
                seen.add(e.getResponse().getStatusCode() + " on " + Thread.currentThread().getName());
            }
            @Override public void processTimeout(TimeoutEvent e) { seen.add("timeout"); }
            @Override public void processIOException(IOExceptionEvent e) { }
            @Override public void processTransactionTerminated(TransactionTerminatedEvent e) { }
            @Override public void processDialogTerminated(DialogTerminatedEvent e) { }
        };
        try (SipStackHost host = SipStackHost.start(LOOPBACK, 0, recording);
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            String worker = host.stackName() + "-udp";
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(
                    t -> t.getName().startsWith("MessageProcessorThread-UDP")), "no jain-sip UDP receiver thread");

            byte[] incoming = ("OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort()
                    + ";branch=z9hG4bKu\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: u1\r\n"
                    + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            peer.send(new java.net.DatagramPacket(incoming, incoming.length, new InetSocketAddress(LOOPBACK, host.port())));
            assertEquals("OPTIONS on " + worker, seen.poll(5, java.util.concurrent.TimeUnit.SECONDS));

            var h = host.headers();
            var a = host.addresses();
            var to = a.createSipURI("x", "127.0.0.1");
            to.setPort(peer.getLocalPort());
            javax.sip.message.Request options = host.messages().createRequest(to, "OPTIONS",
                    host.provider().getNewCallId(), h.createCSeqHeader(1L, "OPTIONS"),
                    h.createFromHeader(a.createAddress("sip:t@127.0.0.1"), "t1"), h.createToHeader(a.createAddress(to), null),
                    java.util.List.of(h.createViaHeader("127.0.0.1", host.port(), "udp", null)),
                    h.createMaxForwardsHeader(70));
            host.provider().getNewClientTransaction(options).sendRequest();
            byte[] buffer = new byte[8192];
            java.net.DatagramPacket got = new java.net.DatagramPacket(buffer, buffer.length);
            peer.setSoTimeout(5000);
            peer.receive(got);
            assertEquals(host.port(), got.getPort(), "sent from the listening socket, where an rport answer comes back");
            String request = new String(buffer, 0, got.getLength(), java.nio.charset.StandardCharsets.US_ASCII);
            StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
            request.lines().filter(l -> l.matches("(?i)(via|from|to|call-id|cseq):.*")).forEach(l -> ok.append(l).append("\r\n"));
            byte[] answer = ok.append("Content-Length: 0\r\n\r\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            peer.send(new java.net.DatagramPacket(answer, answer.length, got.getSocketAddress()));
            assertEquals("200 on " + worker, seen.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void twoStacksInOneProcessGetDistinctNamesAndPorts() throws Exception {
        try (SipStackHost a = SipStackHost.start(LOOPBACK, 0, IGNORING);
             SipStackHost b = SipStackHost.start(LOOPBACK, 0, IGNORING)) {
            assertNotEquals(a.stackName(), b.stackName());
            assertNotEquals(a.port(), b.port());
        }
    }

    @Test
    void aPortInUseIsReportedNamingAddressAndPort() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            var e = assertThrows(java.io.IOException.class,
                    () -> SipStackHost.start(LOOPBACK, taken.getLocalPort(), IGNORING));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void stopEndsEveryStackThreadAndASecondCycleLeavesNoneBehind() throws Exception {
        Set<String> before = ThreadLeaks.live();
        for (int cycle = 0; cycle < 2; cycle++) {
            SipStackHost host = SipStackHost.start(LOOPBACK, 0, IGNORING);
            touchOverUdpAndTcp(host.port()); // TCP and UDP workers start on the first message
            host.close();
            assertEquals(Set.of(), ThreadLeaks.awaitNoneBeyond(before), "threads left after cycle " + (cycle + 1));
        }
    }

    /**
     * jain-sip's UDP listening point can throw ConcurrentModificationException when it is stopped
     * while its worker threads are still starting (4 closes in 150 right after a start, here);
     * the host stops it again. Whichever way a close goes, it returns and leaves no thread.
     */
    @Test
    void stoppingRightAfterStartingNeverFailsNorLeavesAThread() throws Exception {
        Set<String> before = ThreadLeaks.live();
        for (int cycle = 0; cycle < 25; cycle++) {
            SipStackHost.start(LOOPBACK, 0, IGNORING).close();
        }
        assertEquals(Set.of(), ThreadLeaks.awaitNoneBeyond(before), "threads left after 25 quick cycles");
    }
}
