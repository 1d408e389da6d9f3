package org.ltintercom.sdk.internal.sip;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlainNetworkLayerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final PlainNetworkLayer layer = new PlainNetworkLayer();

    @Test
    void tcpConnectsFromTheChosenLocalAddressAndPort() throws IOException {
        try (ServerSocket server = layer.createServerSocket(0, 5, LOOPBACK);
             Socket any = layer.createSocket(LOOPBACK, server.getLocalPort());
             Socket fromLoopback = layer.createSocket(LOOPBACK, server.getLocalPort(), LOOPBACK);
             Socket fromPort = layer.createSocket(LOOPBACK, server.getLocalPort(), LOOPBACK, freePort())) {
            assertEquals(LOOPBACK, server.getInetAddress());
            assertTrue(any.isConnected() && fromLoopback.isConnected() && fromPort.isConnected());
            assertEquals(LOOPBACK, fromLoopback.getLocalAddress());
            assertEquals(LOOPBACK, fromPort.getLocalAddress());
        }
    }

    @Test
    void aRefusedConnectFromAChosenPortClosesItsSocketAndSaysSo() throws IOException {
        int closed = freePort();
        assertThrows(IOException.class, () -> layer.createSocket(LOOPBACK, closed, LOOPBACK, 0));
    }

    @Test
    void udpSocketsBindWhereAsked() throws IOException {
        try (DatagramSocket bound = layer.createDatagramSocket(0, LOOPBACK); DatagramSocket any = layer.createDatagramSocket()) {
            assertEquals(LOOPBACK, bound.getLocalAddress());
            assertTrue(any.getLocalPort() > 0);
        }
    }

    @Test
    void tlsIsRefusedWithAClearMessage() {
        IOException e = assertThrows(IOException.class, () -> layer.createSSLSocket(LOOPBACK, 5061));
        assertTrue(e.getMessage().contains("SIP over TLS is not enabled"), e.getMessage());
        assertThrows(IOException.class, () -> layer.createSSLServerSocket(0, 5, LOOPBACK));
        assertThrows(IOException.class, () -> layer.createSSLSocket(LOOPBACK, 5061, LOOPBACK));
    }

    @Test
    void itsSecurityManagerProviderHasNoKeysAndTrustsNoOne() {
        PlainNetworkLayer.NoKeyStores none = new PlainNetworkLayer.NoKeyStores();
        none.init(new java.util.Properties());
        assertEquals(0, none.getKeyManagers(true).length);
        assertEquals(0, none.getTrustManagers(false).length);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }
}
