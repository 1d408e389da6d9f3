package org.ltintercom.sdk.internal.sip;

import gov.nist.core.net.NetworkLayer;
import gov.nist.core.net.SecurityManagerProvider;
import gov.nist.javax.sip.SipStackImpl;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Properties;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The SIP stack's sockets for UDP and TCP only. jain-sip's default network layer builds the
 * JDK's default TLS factories when its class loads (JSSE, every security provider, the system CA
 * store): about 150 ms of each device start, for a stack that listens on UDP and TCP. This one
 * makes the same plain sockets and refuses TLS. Instantiated by jain-sip by name
 * ({@code gov.nist.javax.sip.NETWORK_LAYER}), hence public with a public constructor.
 */
public final class PlainNetworkLayer implements NetworkLayer {

    /** As jain-sip's own layer: a TCP connect from a chosen local port gives up after 8 s. */
    static final int CONNECT_TIMEOUT_MILLIS = 8000;

    public PlainNetworkLayer() {
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new ServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return new Socket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return myAddress != null ? new Socket(address, port, myAddress, 0) : new Socket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        if (myAddress == null) {
            return new Socket(address, port);
        }
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(myAddress, myPort));
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new DatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
        return laddr != null ? new DatagramSocket(port, laddr) : new DatagramSocket(port);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        throw noTls();
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        throw noTls();
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        throw noTls();
    }

    @Override
    public void setSipStack(SipStackImpl sipStack) {
        // nothing to configure: no key or trust stores
    }

    private static IOException noTls() {
        return new IOException("SIP over TLS is not enabled on this stack (it listens on UDP and TCP)");
    }

    /**
     * Its companion ({@code gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER}): jain-sip's default
     * loads key and trust managers from the JVM's stores at stack creation, for TLS this stack
     * never speaks. No stores, no managers.
     */
    public static final class NoKeyStores implements SecurityManagerProvider {

        public NoKeyStores() {
        }

        @Override
        public void init(Properties properties) {
            // nothing to load
        }

        @Override
        public KeyManager[] getKeyManagers(boolean client) {
            return new KeyManager[0];
        }

        @Override
        public TrustManager[] getTrustManagers(boolean client) {
            return new TrustManager[0];
        }
    }
}
