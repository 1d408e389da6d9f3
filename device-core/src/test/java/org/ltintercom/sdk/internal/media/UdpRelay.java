package org.ltintercom.sdk.internal.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Random;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A lossy, jittery network between two media sessions on 127.0.0.0/8: side A talks to {@link #portForA()},
 * side B to {@link #portForB()}; RTP (and RTCP on port + 1) is forwarded, RTP with seeded random loss
 * (per direction) and a uniform random extra delay of 0..{@code jitterMillis} (so packets may overtake
 * each other). Packets can also be injected towards B from the relay's own port, i.e. from the address
 * B expects. Its threads are {@code lt-test-relay-*}.
 */
public final class UdpRelay implements AutoCloseable {
    private final DatagramSocket[] facingA = new DatagramSocket[2]; // A sends here; we send to A from here
    private final DatagramSocket[] facingB = new DatagramSocket[2];
    private final InetSocketAddress[] a = new InetSocketAddress[2];
    private final InetSocketAddress[] b = new InetSocketAddress[2];
    private final Random random;
    private final DelayQueue<Delayed> queue = new DelayQueue<>();
    private final Thread[] threads = new Thread[5];
    private volatile boolean running = true;
    volatile double lossAtoB;
    volatile double lossBtoA;
    volatile int jitterMillis;
    volatile boolean blockAtoB;
    volatile long dropped;
    private final Direction towardsB = new Direction();
    private final Direction towardsA = new Direction();

    /** What the relay did to the RTP of one direction; guarded by {@code random}. */
    private static final class Direction {
        long forwarded;
        long dropped;
        long singleDrops; // a drop between two forwarded packets: Opus in-band FEC can rebuild it
        long dropRuns; // runs of drops followed by a forwarded packet: FEC can rebuild each run's last packet
        int run;

        void drop() {
            dropped++;
            run++;
        }

        void forward() {
            forwarded++;
            if (run == 1) {
                singleDrops++;
            }
            if (run > 0) {
                dropRuns++;
            }
            run = 0;
        }
    }

    /** RTP counts of one direction at one moment. */
    public record Counts(long forwarded, long dropped, long singleDrops, long dropRuns) {
    }

    private record Pending(long due, DatagramSocket from, InetSocketAddress to, byte[] data) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(due, ((Pending) o).due);
        }
    }

    UdpRelay(long seed) throws IOException {
        random = new Random(seed);
        InetAddress lo = InetAddress.getLoopbackAddress();
        bindPair(facingA, lo);
        bindPair(facingB, lo);
        threads[4] = new Thread(this::deliver, "lt-test-relay-out");
    }

    /**
     * A relay on given port pairs: A sends to {@code facingA} (port, port + 1) and receives B's media
     * from there; the same for B with {@code facingB}. Used where each side's SDP advertises the
     * relay's address with the side's own port (see {@link MediaConfig#advertisedAddress()}).
     */
    public UdpRelay(long seed, InetSocketAddress facingA, InetSocketAddress facingB) throws IOException {
        random = new Random(seed);
        bindPairAt(this.facingA, facingA);
        try {
            bindPairAt(this.facingB, facingB);
        } catch (IOException e) {
            this.facingA[0].close();
            this.facingA[1].close();
            throw e;
        }
        threads[4] = new Thread(this::deliver, "lt-test-relay-out");
    }

    private static void bindPairAt(DatagramSocket[] pair, InetSocketAddress rtp) throws IOException {
        pair[0] = new DatagramSocket(rtp);
        try {
            pair[1] = new DatagramSocket(new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1));
        } catch (IOException e) {
            pair[0].close();
            throw e;
        }
    }

    /** From now on drops {@code loss} (0..1) of the RTP each way and delays each packet by 0..{@code jitterMillis}. */
    public void impair(double loss, int jitterMillis) {
        synchronized (random) {
            this.lossAtoB = loss;
            this.lossBtoA = loss;
            this.jitterMillis = jitterMillis;
        }
    }

    /** What happened to A's RTP on its way to B. */
    public Counts towardsB() {
        synchronized (random) {
            return new Counts(towardsB.forwarded, towardsB.dropped, towardsB.singleDrops, towardsB.dropRuns);
        }
    }

    /** What happened to B's RTP on its way to A. */
    public Counts towardsA() {
        synchronized (random) {
            return new Counts(towardsA.forwarded, towardsA.dropped, towardsA.singleDrops, towardsA.dropRuns);
        }
    }

    private static void bindPair(DatagramSocket[] pair, InetAddress lo) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramSocket even = new DatagramSocket(new InetSocketAddress(lo, 0));
            int port = even.getLocalPort();
            if (port % 2 == 1) {
                even.close();
                continue;
            }
            try {
                pair[0] = even;
                pair[1] = new DatagramSocket(new InetSocketAddress(lo, port + 1));
                return;
            } catch (IOException e) {
                even.close();
            }
        }
        throw new IOException("no even/odd port pair on loopback");
    }

    int portForA() {
        return facingA[0].getLocalPort();
    }

    int portForB() {
        return facingB[0].getLocalPort();
    }

    /** Starts forwarding between A's RTP address and B's. */
    public void start(InetSocketAddress rtpA, InetSocketAddress rtpB) {
        a[0] = rtpA;
        a[1] = new InetSocketAddress(rtpA.getAddress(), rtpA.getPort() + 1);
        b[0] = rtpB;
        b[1] = new InetSocketAddress(rtpB.getAddress(), rtpB.getPort() + 1);
        threads[0] = pump(facingA[0], facingB[0], b[0], towardsB, "lt-test-relay-a-rtp");
        threads[1] = pump(facingA[1], facingB[1], b[1], null, "lt-test-relay-a-rtcp");
        threads[2] = pump(facingB[0], facingA[0], a[0], towardsA, "lt-test-relay-b-rtp");
        threads[3] = pump(facingB[1], facingA[1], a[1], null, "lt-test-relay-b-rtcp");
        for (Thread t : threads) {
            t.start();
        }
    }

    /** Forwards what {@code in} receives to {@code to} from {@code out}; RTP ({@code rtp} non-null) is impaired. */
    private Thread pump(DatagramSocket in, DatagramSocket out, InetSocketAddress to, Direction rtp, String name) {
        return new Thread(() -> {
            byte[] buf = new byte[2048];
            try {
                in.setSoTimeout(50);
            } catch (IOException e) {
                return;
            }
            while (running) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    in.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (IOException e) {
                    return;
                }
                byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
                long delay = 0;
                if (rtp != null) {
                    synchronized (random) {
                        boolean toB = rtp == towardsB;
                        if (toB && blockAtoB || random.nextDouble() < (toB ? lossAtoB : lossBtoA)) {
                            rtp.drop();
                            if (toB) {
                                dropped++;
                            }
                            continue;
                        }
                        rtp.forward();
                        delay = jitterMillis > 0 ? random.nextInt(jitterMillis + 1) : 0;
                    }
                }
                queue.add(new Pending(System.nanoTime() + delay * 1_000_000L, out, to, data));
            }
        }, name);
    }

    private void deliver() {
        while (running) {
            try {
                Pending p = (Pending) queue.poll(50, TimeUnit.MILLISECONDS);
                if (p != null) {
                    p.from().send(new DatagramPacket(p.data(), p.data().length, p.to()));
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // a closed session: drop
            }
        }
    }

    /** Sends {@code data} to B's RTP port from the address B expects A's RTP from. */
    void injectToB(byte[] data, int length) throws IOException {
        facingB[0].send(new DatagramPacket(data, length, b[0]));
    }

    /** Sends {@code data} to B's RTCP port from the address B expects A's RTCP from. */
    void injectRtcpToB(byte[] data, int length) throws IOException {
        facingB[1].send(new DatagramPacket(data, length, b[1]));
    }

    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            if (t != null && t.isAlive()) {
                try {
                    t.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (DatagramSocket s : facingA) {
            s.close();
        }
        for (DatagramSocket s : facingB) {
            s.close();
        }
    }
}
