package org.ltintercom.app.systemd;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * systemd's notify protocol ({@code sd_notify(3)}) without libsystemd or a helper process: one
 * datagram per message to {@code $NOTIFY_SOCKET}. Not running under systemd (no NOTIFY_SOCKET)
 * makes every call a no-op, so the app runs the same from a shell.
 */
public final class SdNotify implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SdNotify.class);

    private final String address;
    private final UnixDatagramSocket socket;

    private SdNotify(String address) {
        this.address = address;
        this.socket = address == null ? null : UnixDatagramSocket.open();
    }

    /** Talks to {@code NOTIFY_SOCKET} of {@code env} (a no-op when unset). */
    public static SdNotify fromEnvironment(Map<String, String> env) {
        String address = env.get("NOTIFY_SOCKET");
        return new SdNotify(address == null || address.isBlank() ? null : address);
    }

    /** Talks to {@code address} (a path, or {@code @name} for an abstract socket). */
    public static SdNotify to(String address) {
        return new SdNotify(address);
    }

    public boolean enabled() {
        return socket != null;
    }

    public void ready(String status) {
        send("READY=1\nSTATUS=" + status);
    }

    public void status(String status) {
        send("STATUS=" + status);
    }

    public void watchdog() {
        send("WATCHDOG=1");
    }

    public void stopping() {
        send("STOPPING=1\nSTATUS=stopping");
    }

    /** Sends raw {@code KEY=value} lines; a failure is logged, never thrown (systemd may be restarting). */
    public void send(String message) {
        if (socket == null) {
            return;
        }
        try {
            socket.send(address, message.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            log.warn("sd_notify to {} failed: {}", address, e.getMessage());
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
