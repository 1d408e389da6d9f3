package org.ltintercom.app.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A unix-domain datagram socket through libc (JNA): Java 17 has unix-domain sockets only as
 * streams, and systemd's notify protocol is datagrams. Addresses starting with {@code @} are
 * Linux abstract names (the {@code @} stands for the leading NUL byte).
 */
public final class UnixDatagramSocket implements AutoCloseable {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EAGAIN = 11;
    private static final int SUN_PATH_MAX = 108;

    /** The libc calls used. */
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, SockaddrUn address, int length) throws LastErrorException;

        NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, SockaddrUn address, int addressLength)
                throws LastErrorException;

        NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** {@code struct sockaddr_un}. */
    @Structure.FieldOrder({"sun_family", "sun_path"})
    public static final class SockaddrUn extends Structure {
        public short sun_family;
        public byte[] sun_path = new byte[SUN_PATH_MAX];
    }

    private final int fd;
    private boolean closed;

    private UnixDatagramSocket(int fd) {
        this.fd = fd;
    }

    /** Opens an unbound datagram socket. */
    public static UnixDatagramSocket open() {
        try {
            return new UnixDatagramSocket(LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        } catch (LastErrorException e) {
            throw new IllegalStateException("socket(AF_UNIX, SOCK_DGRAM): errno " + e.getErrorCode(), e);
        }
    }

    /** Binds to {@code address} (a path, or {@code @name} for an abstract name); used to receive. */
    public void bind(String address) {
        SockaddrUn sa = new SockaddrUn();
        int length = fill(sa, address);
        try {
            LibC.INSTANCE.bind(fd, sa, length);
        } catch (LastErrorException e) {
            throw new IllegalStateException("bind(" + address + "): errno " + e.getErrorCode(), e);
        }
    }

    /** Sends one datagram to {@code address}. */
    public void send(String address, byte[] message) {
        SockaddrUn sa = new SockaddrUn();
        int length = fill(sa, address);
        try {
            LibC.INSTANCE.sendto(fd, message, new NativeLong(message.length), MSG_NOSIGNAL, sa, length);
        } catch (LastErrorException e) {
            throw new IllegalStateException("sendto(" + address + "): errno " + e.getErrorCode(), e);
        }
    }

    /** One queued datagram, without waiting; empty when none is queued. */
    public Optional<String> poll() {
        byte[] buffer = new byte[4096];
        try {
            long n = LibC.INSTANCE.recv(fd, buffer, new NativeLong(buffer.length), MSG_DONTWAIT).longValue();
            return Optional.of(new String(buffer, 0, (int) n, StandardCharsets.UTF_8));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EAGAIN) {
                return Optional.empty();
            }
            throw new IllegalStateException("recv: errno " + e.getErrorCode(), e);
        }
    }

    private static int fill(SockaddrUn sa, String address) {
        sa.sun_family = AF_UNIX;
        boolean abstractName = address.startsWith("@");
        byte[] name = (abstractName ? address.substring(1) : address).getBytes(StandardCharsets.UTF_8);
        int offset = abstractName ? 1 : 0; // abstract: sun_path[0] = NUL, then the name, no terminator
        if (name.length + offset + (abstractName ? 0 : 1) > SUN_PATH_MAX) {
            throw new IllegalArgumentException("unix socket address longer than " + (SUN_PATH_MAX - 1) + " bytes: " + address);
        }
        System.arraycopy(name, 0, sa.sun_path, offset, name.length);
        // length = family + the used part of sun_path (with the terminating NUL for a path)
        return 2 + offset + name.length + (abstractName ? 0 : 1);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException e) {
                // nothing to do: the descriptor is gone either way
            }
        }
    }
}
