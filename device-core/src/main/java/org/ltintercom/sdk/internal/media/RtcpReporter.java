package org.ltintercom.sdk.internal.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RTCP for one call: sends SR (while we send) or RR plus SDES CNAME at a randomised interval
 * (0.5..1.5 x the configured one, the first after half of it), reads the peer's reports and BYE.
 *
 * <pre>
 *   RtpSender counts, RtpSourceStats -> [RtcpReporter.send] -> RTCP port -> peer
 *   peer -> RTCP port -> [RtcpReporter.onDatagram] -> RTT (LSR/DLSR), remote loss -> Opus FEC hint
 * </pre>
 *
 * NTP timestamps come from a monotonic clock anchored once to the wall clock at call start: the
 * peer sees a sensible time, and our RTT arithmetic never jumps with NTP corrections. Media thread
 * only; the results may be read from any thread.
 */
public final class RtcpReporter {
    /** Seconds from 1900 (NTP) to 1970 (Unix). */
    private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

    private final String cname;
    private final RtpSocket socket;
    private final long intervalNanos;
    private final long anchorNanos;
    private final long anchorNtp;
    private final byte[] out = new byte[512];
    private final byte[] in = new byte[1500];
    private final ByteBuffer outBuffer = ByteBuffer.wrap(out);
    private final ByteBuffer inBuffer = ByteBuffer.wrap(in);
    private long nextReportNanos;
    private long lastPacketsSent;
    private long lastSrNtpMiddle;
    private long lastSrArrivalNanos;

    private volatile long reportsSent;
    private volatile long reportsReceived;
    private volatile long malformed;
    private volatile long wrongSource;
    private volatile long byesReceived;
    private volatile int remoteFractionLost = -1;
    private volatile long remoteCumulativeLost;
    private volatile long remoteJitter;
    private volatile long rttMillis = -1;
    private volatile String lastError = "";

    public RtcpReporter(String cname, RtpSocket socket, MediaConfig config, long nowNanos) {
        this.cname = cname;
        this.socket = socket;
        this.intervalNanos = config.rtcpInterval().toNanos();
        this.anchorNanos = nowNanos;
        long wallMillis = System.currentTimeMillis();
        this.anchorNtp = ((wallMillis / 1000 + NTP_EPOCH_OFFSET) << 32) | (((wallMillis % 1000) << 32) / 1000);
        this.nextReportNanos = nowNanos + randomInterval() / 2;
    }

    public boolean due(long nowNanos) {
        return nowNanos - nextReportNanos >= 0;
    }

    /** Sends SR or RR + SDES to {@code to}; the report block covers {@code remote} if it has started. */
    public void sendReport(long nowNanos, RtpSender sender, RtpSourceStats remote, InetSocketAddress to) {
        nextReportNanos = nowNanos + randomInterval();
        RtcpPacket.ReportBlock block = remote != null && remote.started() ? block(remote, nowNanos) : null;
        int n;
        long sent = sender.packetsSent();
        if (sent != lastPacketsSent) {
            RtcpPacket.SenderInfo info = new RtcpPacket.SenderInfo(ntp(nowNanos),
                    Integer.toUnsignedLong(sender.currentTimestamp()), sent, sender.octetsSent());
            n = RtcpPacket.writeSenderReport(out, 0, sender.ssrc(), info, block);
        } else {
            n = RtcpPacket.writeReceiverReport(out, 0, sender.ssrc(), block);
        }
        lastPacketsSent = sent;
        n += RtcpPacket.writeSdesCname(out, n, sender.ssrc(), cname);
        transmit(n, to);
    }

    /** Sends RR + SDES + BYE (end of call). */
    public void sendBye(RtpSender sender, InetSocketAddress to) {
        int n = RtcpPacket.writeReceiverReport(out, 0, sender.ssrc(), null);
        n += RtcpPacket.writeSdesCname(out, n, sender.ssrc(), cname);
        n += RtcpPacket.writeBye(out, n, sender.ssrc(), "call ended");
        transmit(n, to);
    }

    private void transmit(int length, InetSocketAddress to) {
        outBuffer.clear().limit(length);
        try {
            socket.sendRtcp(outBuffer, to);
            reportsSent++;
        } catch (IOException e) {
            lastError = e.toString();
        }
    }

    private RtcpPacket.ReportBlock block(RtpSourceStats remote, long nowNanos) {
        long dlsr = lastSrArrivalNanos == 0 ? 0 : ((nowNanos - lastSrArrivalNanos) << 16) / 1_000_000_000L;
        return new RtcpPacket.ReportBlock(remote.ssrc(), remote.takeFractionLost(), (int) remote.cumulativeLost(),
                remote.extendedMax(), remote.jitter(), lastSrNtpMiddle, lastSrArrivalNanos == 0 ? 0 : dlsr);
    }

    /** Drains the RTCP port. */
    public void drain(long nowNanos, InetSocketAddress expectedFrom, int localSsrc, Runnable onBye,
                      java.util.function.IntConsumer onRemoteLossPercent) throws IOException {
        SocketAddress from;
        while ((from = socket.receiveRtcp(inBuffer)) != null) {
            if (!(from instanceof InetSocketAddress isa) || !isa.getAddress().equals(expectedFrom.getAddress())) {
                wrongSource++;
                continue;
            }
            onDatagram(in, inBuffer.position(), nowNanos, localSsrc, onBye, onRemoteLossPercent);
        }
    }

    /** Handles one RTCP datagram from the peer. */
    public void onDatagram(byte[] data, int length, long nowNanos, int localSsrc, Runnable onBye,
                           java.util.function.IntConsumer onRemoteLossPercent) {
        RtcpPacket.Compound compound;
        try {
            compound = RtcpPacket.parse(data, 0, length);
        } catch (RtcpPacket.MalformedRtcpException e) {
            malformed++;
            lastError = e.getMessage();
            return;
        }
        reportsReceived++;
        if (compound.senderInfo() != null) {
            lastSrNtpMiddle = compound.senderInfo().ntpMiddle();
            lastSrArrivalNanos = nowNanos;
        }
        for (RtcpPacket.ReportBlock block : compound.reports()) {
            if (block.ssrc() != localSsrc) {
                continue;
            }
            remoteFractionLost = block.fractionLost();
            remoteCumulativeLost = block.cumulativeLost();
            remoteJitter = block.jitter();
            long rtt = RtcpPacket.roundTrip((ntp(nowNanos) >>> 16) & 0xFFFFFFFFL, block);
            if (rtt >= 0) {
                rttMillis = rtt * 1000 / 65536;
            }
            onRemoteLossPercent.accept(block.fractionLost() * 100 / 256);
        }
        if (compound.isBye()) {
            byesReceived++;
            onBye.run();
        }
    }

    long ntp(long nowNanos) {
        long elapsed = nowNanos - anchorNanos;
        long seconds = elapsed / 1_000_000_000L;
        long fraction = ((elapsed % 1_000_000_000L) << 32) / 1_000_000_000L;
        return anchorNtp + (seconds << 32) + fraction;
    }

    private long randomInterval() {
        return (long) (intervalNanos * (0.5 + ThreadLocalRandom.current().nextDouble()));
    }

    public long reportsSent() { return reportsSent; }
    public long reportsReceived() { return reportsReceived; }
    public long malformed() { return malformed; }
    public long wrongSource() { return wrongSource; }
    public long byesReceived() { return byesReceived; }
    /** The peer's last fraction lost about our stream in 1/256, -1 before its first report. */
    public int remoteFractionLost() { return remoteFractionLost; }
    public long remoteCumulativeLost() { return remoteCumulativeLost; }
    public long remoteJitter() { return remoteJitter; }
    public long rttMillis() { return rttMillis; }
    public String lastError() { return lastError; }
}
