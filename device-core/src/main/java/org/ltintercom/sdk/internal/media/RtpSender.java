package org.ltintercom.sdk.internal.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * The send half of a call: one 20 ms capture frame per tick -> encoder (or a DTMF event) -> RTP.
 *
 * <pre>
 *   CaptureStream -> [RtpSender: mute -> FrameEncoder | DtmfSender -> RtpPacket] -> RtpSocket -> network
 * </pre>
 *
 * SSRC, first sequence number and first timestamp are random (RFC 3550 5.1). The timestamp advances
 * by one frame every tick whether or not a packet goes out (DTX, hold, DTMF), so the peer sees
 * real time pass. The marker bit flags the first packet after silence. Media thread only; the
 * counters may be read from any thread.
 */
public final class RtpSender {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int ssrc = RANDOM.nextInt();
    private final RtpPacket packet = new RtpPacket();
    private final byte[] payload = new byte[OpusEncoder.MAX_PAYLOAD];
    private final byte[] wire = new byte[RtpPacket.FIXED_HEADER + OpusEncoder.MAX_PAYLOAD];
    private final ByteBuffer wireBuffer = ByteBuffer.wrap(wire);
    private final short[] silence = new short[org.ltintercom.sdk.spi.AudioFrames.FRAME_SAMPLES];
    private final RtpSocket socket;
    private final DtmfSender dtmf;
    private FrameEncoder encoder;
    private MediaParams params;
    private int sequence = RANDOM.nextInt(1 << 16);
    private int timestamp = RANDOM.nextInt();
    private boolean sentLastTick;
    private volatile long packetsSent;
    private volatile long octetsSent;
    private volatile long sendErrors;
    private volatile long lastSendNanos;

    public RtpSender(RtpSocket socket, MediaParams params, FrameEncoder encoder, DtmfSender dtmf) {
        this.socket = socket;
        this.params = params;
        this.encoder = encoder;
        this.dtmf = dtmf;
    }

    /**
     * One tick: sends this period's packet if the direction allows.
     *
     * @param frame the captured frame (ignored when muted)
     */
    public void tick(short[] frame, boolean muted, long nowNanos) {
        MediaParams p = params;
        if (p.direction().sends()) {
            int n = p.telephoneEventType() >= 0 ? dtmf.next(timestamp, payload, 0) : 0;
            if (n > 0) {
                send(p.remoteRtp(), dtmf.marker(), p.telephoneEventType(), dtmf.eventTimestamp(), n, nowNanos);
            } else {
                n = encoder.encode(muted ? silence : frame, payload, 0);
                if (n > 0) {
                    send(p.remoteRtp(), !sentLastTick, p.payloadType(), timestamp, n, nowNanos);
                }
            }
            sentLastTick = n > 0;
        } else {
            sentLastTick = false;
        }
        timestamp += p.samplesPerPacket();
    }

    private void send(InetSocketAddress to, boolean marker, int payloadType, int ts, int length, long nowNanos) {
        packet.header(marker, payloadType, sequence, ts, ssrc).payload(payload, 0, length);
        int size = packet.write(wire, 0);
        sequence = (sequence + 1) & 0xFFFF;
        wireBuffer.clear().limit(size);
        try {
            socket.sendRtp(wireBuffer, to);
            packetsSent++;
            octetsSent += length;
            lastSendNanos = nowNanos;
        } catch (IOException e) {
            sendErrors++; // ICMP unreachable and friends: keep going, the peer may come back
        }
    }

    /** Switches codec/remote/direction (re-INVITE); the stream (SSRC, sequence, timestamps) continues. */
    public void update(MediaParams newParams, FrameEncoder newEncoder) {
        this.params = newParams;
        if (newEncoder != null) {
            this.encoder = newEncoder;
        }
    }

    public FrameEncoder encoder() { return encoder; }
    public DtmfSender dtmfSender() { return dtmf; }
    public int ssrc() { return ssrc; }
    /** The timestamp the next packet would carry: "now" on this stream's RTP clock, for SR. */
    public int currentTimestamp() { return timestamp; }
    public long packetsSent() { return packetsSent; }
    public long octetsSent() { return octetsSent; }
    public long sendErrors() { return sendErrors; }
    public long lastSendNanos() { return lastSendNanos; }
}
