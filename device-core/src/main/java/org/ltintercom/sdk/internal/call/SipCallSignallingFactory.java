package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.internal.media.MediaConfig;
import org.ltintercom.sdk.internal.service.SipAccount;
import org.ltintercom.sdk.internal.sip.SipConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Makes the SDK's signalling a {@link SipCallSignalling} (registered in
 * {@code META-INF/services/org.ltintercom.sdk.internal.call.CallSignallingFactory}): the SIP account
 * from init becomes a {@link SipConfig}, the network and audio processing options a {@link MediaConfig}.
 */
public final class SipCallSignallingFactory implements CallSignallingFactory {
    private static final Logger log = LoggerFactory.getLogger(SipCallSignallingFactory.class);
    static final int DEFAULT_PROXY_PORT = 5060;

    /** Where the SIP account says to send requests: {@code sip:host[:port][;transport=udp|tcp]}. */
    record Proxy(String host, int port, String transport) {
    }

    @Override
    public CallSignalling create(SignallingConfig config) {
        SipAccount account = config.sip();
        if (account == null) {
            throw new IllegalArgumentException("sip: init returned no SIP account");
        }
        Proxy proxy = withTransport(parseProxy(account.proxy(), account.transports()), config.network().sipTransport());
        InetAddress local = config.network().bindAddress().orElseGet(() -> routedTowards(proxy.host()));
        SipConfig sip = SipConfig.of(local, config.network().sipPort(), account.username(), account.password(),
                account.domain(), proxy.host(), proxy.port(), proxy.transport());
        MediaConfig media = MediaConfig.defaults(local).withPorts(config.network().rtpPortMin(), config.network().rtpPortMax())
                .withAudioProcessing(config.audioProcessing());
        SipCallSignalling signalling = new SipCallSignalling(config, sip, media);
        try {
            signalling.start();
        } catch (IOException e) {
            signalling.close();
            throw new UncheckedIOException("sip: cannot listen on " + local.getHostAddress() + ":"
                    + config.network().sipPort() + ": " + e.getMessage(), e);
        }
        return signalling;
    }

    /** The account's proxy with the device's own transport, when it has one. */
    static Proxy withTransport(Proxy proxy, java.util.Optional<String> transport) {
        if (transport.isEmpty() || transport.get().equals(proxy.transport())) {
            return proxy;
        }
        log.info("SIP transport {} towards {}:{} (set on the device; the account says {})", transport.get(),
                proxy.host(), proxy.port(), proxy.transport());
        return new Proxy(proxy.host(), proxy.port(), transport.get());
    }

    /** Parses the account's proxy URI; the transport is the URI's, else the first of {@code transports} we speak. */
    static Proxy parseProxy(String uri, java.util.List<String> transports) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("sip.proxy: missing");
        }
        String s = uri.strip();
        if (s.regionMatches(true, 0, "sip:", 0, 4)) {
            s = s.substring(4);
        } else if (s.regionMatches(true, 0, "sips:", 0, 5)) {
            throw new IllegalArgumentException("sip.proxy: '" + uri + "': sips (TLS) is not supported");
        }
        String transport = null;
        String[] parts = s.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("transport=")) {
                transport = p.substring("transport=".length());
            }
        }
        if (transport == null) {
            transport = transports == null ? "udp" : transports.stream().map(t -> t.toLowerCase(Locale.ROOT))
                    .filter(t -> t.equals("udp") || t.equals("tcp")).findFirst().orElse("udp");
        }
        if (!transport.equals("udp") && !transport.equals("tcp")) {
            throw new IllegalArgumentException("sip.proxy: '" + uri + "': transport " + transport + " is not udp or tcp");
        }
        String hostPort = parts[0];
        int at = hostPort.indexOf('@');
        if (at >= 0) {
            hostPort = hostPort.substring(at + 1);
        }
        String host = hostPort;
        int port = DEFAULT_PROXY_PORT;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sip.proxy: '" + uri + "': port is not a number");
            }
        }
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("sip.proxy: '" + uri + "': no host or bad port");
        }
        return new Proxy(host, port, transport);
    }

    /** The local address the OS would send from towards {@code host} (no packet is sent); loopback if unknown. */
    static InetAddress routedTowards(String host) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(host), 9));
            InetAddress local = probe.getLocalAddress();
            if (local != null && !local.isAnyLocalAddress()) {
                return local;
            }
        } catch (SocketException | UnknownHostException | RuntimeException e) {
            log.warn("sip: no route towards the proxy {} ({}); listening on 127.0.0.1", host, e.getMessage());
        }
        return InetAddress.getLoopbackAddress();
    }
}
