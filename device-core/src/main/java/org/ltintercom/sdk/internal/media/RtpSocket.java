package org.ltintercom.sdk.internal.media;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One call's UDP port pair: RTP on an even port, RTCP on the next odd one, both bound to one local
 * address and picked from a configured range. Symmetric RTP: we send from the very sockets we
 * receive on, so a NAT that lets the peer's packets in also lets ours out.
 *
 * <pre>
 *   network <-> [RtpSocket: RTP even port, RTCP odd port] <-> RtpReceiver / RtpSender / RtcpReporter
 * </pre>
 *
 * Non-blocking channels and one selector: the media thread waits for a packet or its next 20 ms
 * tick, whichever comes first. The channels are not connected, so packets from unexpected sources
 * are seen, counted and dropped by the receiver rather than silently filtered by the kernel.
 * Media thread only, except {@link #close()}.
 */
public final class RtpSocket implements AutoCloseable {
    private final DatagramChannel rtp;
    private final DatagramChannel rtcp;
    private final Selector selector;
    private final InetSocketAddress localRtp;
    /** Which channels the last {@link #await} found readable ({@link #RTP_READY} | {@link #RTCP_READY}). */
    private int ready;
    private final Consumer<SelectionKey> noteReady = this::noteReady; // one instance: select allocates nothing

    /** Bit in {@link #await}'s result: the RTP channel has a datagram. */
    public static final int RTP_READY = 1;
    /** Bit in {@link #await}'s result: the RTCP channel has a datagram. */
    public static final int RTCP_READY = 2;

    private RtpSocket(DatagramChannel rtp, DatagramChannel rtcp, Selector selector) throws IOException {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.selector = selector;
        this.localRtp = (InetSocketAddress) rtp.getLocalAddress();
    }

    /**
     * Binds a free even/odd pair in {@code [portMin, portMax]}, starting at a random even port so that
     * consecutive calls do not reuse the previous call's ports (late packets of the old call).
     *
     * @throws BindException if no pair in the range is free
     */
    public static RtpSocket open(InetAddress bind, int portMin, int portMax) throws IOException {
        int first = (portMin + 1) & ~1;
        int pairs = (portMax - first + 1) / 2;
        if (pairs <= 0) {
            throw new IllegalArgumentException("portMin/portMax: no even/odd pair in " + portMin + ".." + portMax);
        }
        int start = ThreadLocalRandom.current().nextInt(pairs);
        for (int i = 0; i < pairs; i++) {
            int port = first + 2 * ((start + i) % pairs);
            DatagramChannel rtp = null;
            DatagramChannel rtcp = null;
            try {
                rtp = bindOne(bind, port);
                rtcp = bindOne(bind, port + 1);
                Selector selector = Selector.open();
                rtp.register(selector, SelectionKey.OP_READ);
                rtcp.register(selector, SelectionKey.OP_READ);
                return new RtpSocket(rtp, rtcp, selector);
            } catch (BindException e) {
                closeQuietly(rtp);
                closeQuietly(rtcp);
            } catch (IOException | RuntimeException e) {
                closeQuietly(rtp);
                closeQuietly(rtcp);
                throw e;
            }
        }
        throw new BindException("no free RTP/RTCP port pair in " + portMin + ".." + portMax + " on " + bind.getHostAddress());
    }

    private static DatagramChannel bindOne(InetAddress bind, int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
            channel.bind(new InetSocketAddress(bind, port));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Waits until a packet is readable or {@code timeoutNanos} passed (0 or less: does not wait).
     * The wait is rounded UP to whole milliseconds (the selector's unit): rounding down made the
     * media thread wake just before its tick and spin through empty selects and receives for the
     * rest of the millisecond, every tick, at a cost of several ms of CPU per second of call.
     *
     * @return which channels are readable: {@link #RTP_READY} and/or {@link #RTCP_READY}, 0 if none
     */
    public int await(long timeoutNanos) throws IOException {
        ready = 0;
        if (timeoutNanos <= 0) {
            selector.selectNow(noteReady);
        } else {
            selector.select(noteReady, (timeoutNanos + 999_999) / 1_000_000);
        }
        return ready;
    }

    private void noteReady(SelectionKey key) {
        ready |= key.channel() == rtp ? RTP_READY : RTCP_READY;
    }

    /**
     * Ends an {@link #await} in progress at once (or the next one, if none is waiting). Harmless
     * after {@link #close()}: a closed selector ignores it.
     */
    public void wakeup() {
        if (selector.isOpen()) {
            selector.wakeup();
        }
    }

    /** Receives one RTP datagram into {@code buffer} (cleared first); null if none is waiting. */
    public SocketAddress receiveRtp(ByteBuffer buffer) throws IOException {
        buffer.clear();
        return rtp.receive(buffer);
    }

    /** Receives one RTCP datagram into {@code buffer} (cleared first); null if none is waiting. */
    public SocketAddress receiveRtcp(ByteBuffer buffer) throws IOException {
        buffer.clear();
        return rtcp.receive(buffer);
    }

    /** Sends {@code buffer}'s remaining bytes from the RTP port. */
    public void sendRtp(ByteBuffer buffer, SocketAddress to) throws IOException {
        rtp.send(buffer, to);
    }

    /** Sends {@code buffer}'s remaining bytes from the RTCP port. */
    public void sendRtcp(ByteBuffer buffer, SocketAddress to) throws IOException {
        rtcp.send(buffer, to);
    }

    /** The local RTP address (for SDP); RTCP is on port + 1. */
    public InetSocketAddress localRtp() {
        return localRtp;
    }

    public boolean isOpen() {
        return rtp.isOpen();
    }

    @Override
    public void close() {
        closeQuietly(selector);
        closeQuietly(rtp);
        closeQuietly(rtcp);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a socket we own: nothing useful to do on failure
            }
        }
    }
}
