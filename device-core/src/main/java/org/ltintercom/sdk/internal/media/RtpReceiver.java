package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.AudioFrames;

import java.net.SocketAddress;
import java.util.Arrays;

/**
 * The receive half of a call.
 *
 * <pre>
 *   network -> RtpSocket -> [RtpReceiver: source? parse? SSRC lock? payload type? -> RtpSourceStats]
 *                                 |-> telephone-event -> DtmfReceiver -> onDtmf
 *                                 '-> audio -> JitterBuffer
 *   20 ms tick -> [RtpReceiver.playout: JitterBuffer.pull -> FrameDecoder] -> PlaybackStream
 * </pre>
 *
 * Hostile or broken input is dropped and counted, never fatal: packets from another address than
 * the negotiated one, truncated or malformed headers, unknown payload types, wrong sizes, far
 * sequence jumps, and other SSRCs once one is locked. A new SSRC replaces the locked one only when
 * it sends three packets in a row with nothing from the old one in between (a peer restarting its
 * stream); then the jitter buffer, statistics and decoder start over. Media thread only; counters
 * may be read from any thread.
 */
public final class RtpReceiver {
    private static final int SSRC_SWITCH_PACKETS = 3;

    private final RtpPacket packet = new RtpPacket();
    private final RtpSourceStats stats = new RtpSourceStats();
    private final DtmfReceiver dtmf = new DtmfReceiver();
    private final Codecs codecs;
    private final MediaConfig config;
    private MediaParams params;
    private JitterBuffer jitter;
    private FrameDecoder decoder;
    private boolean locked;
    private int lockedSsrc;
    private int candidateSsrc;
    private int candidateCount;
    private DigitSink digitSink = digit -> { };

    private volatile long lastRtpNanos;
    private volatile boolean everReceived;
    private volatile long received;
    private volatile long wrongSource;
    private volatile long wrongSsrc;
    private volatile long malformed;
    private volatile long wrongPayloadType;
    private volatile long wrongSize;
    private volatile long sequenceJumps;
    private volatile long rtcpOnRtpPort;
    private volatile long notReceiving;
    private volatile long decodeErrors;
    private volatile long ssrcChanges;

    /** Receives reported DTMF digits. */
    @FunctionalInterface
    public interface DigitSink {
        void onDigit(char digit);
    }

    public RtpReceiver(MediaParams params, MediaConfig config, Codecs codecs) {
        this.params = params;
        this.config = config;
        this.codecs = codecs;
        this.jitter = newJitterBuffer(params);
    }

    public void onDigits(DigitSink sink) {
        this.digitSink = sink;
    }

    /** Handles one datagram from the RTP port. */
    public void onDatagram(byte[] data, int length, SocketAddress from, long nowNanos) {
        MediaParams p = params;
        if (!p.remoteRtp().equals(from)) {
            wrongSource++;
            return;
        }
        RtpPacket.ParseResult parsed = packet.parse(data, 0, length);
        if (parsed != RtpPacket.ParseResult.OK) {
            if (parsed == RtpPacket.ParseResult.RTCP) {
                rtcpOnRtpPort++;
            } else {
                malformed++;
            }
            return;
        }
        int pt = packet.payloadType();
        boolean isDtmf = pt == p.telephoneEventType();
        if (pt != p.payloadType() && !isDtmf) {
            wrongPayloadType++;
            return;
        }
        if (!p.direction().receives()) {
            notReceiving++;
            return;
        }
        int len = packet.payloadLength();
        if (length >= data.length || !isDtmf && (len <= 0 || len > JitterBuffer.MAX_PAYLOAD
                || p.codec() != AudioCodec.OPUS && len != p.samplesPerPacket())) {
            wrongSize++; // a datagram filling the whole buffer was truncated by the socket
            return;
        }
        if (!acceptSsrc(packet.ssrc(), packet.sequence())) {
            wrongSsrc++;
            return;
        }
        long extSeq = stats.update(packet.sequence());
        if (extSeq < 0) {
            sequenceJumps++;
            return;
        }
        stats.updateJitter(nowNanos / 1000 * (isDtmf ? p.telephoneEventClock() : p.codec().clockRate()) / 1_000_000,
                packet.timestamp());
        received++;
        lastRtpNanos = nowNanos;
        everReceived = true;
        if (isDtmf) {
            jitter.senderPaused(); // RFC 4733: no audio while an event is sent; the gap is not loss
            char digit = dtmf.onPacket(packet.timestamp(), packet.payloadData(), packet.payloadOffset(), packet.payloadLength());
            if (digit != 0) {
                digitSink.onDigit(digit);
            }
            return;
        }
        jitter.put(extSeq, packet.timestamp(), packet.marker(), packet.payloadData(), packet.payloadOffset(), len, nowNanos);
    }

    private boolean acceptSsrc(int ssrc, int sequence) {
        if (!locked) {
            lock(ssrc, sequence);
            return true;
        }
        if (ssrc == lockedSsrc) {
            candidateCount = 0;
            return true;
        }
        if (candidateCount > 0 && ssrc == candidateSsrc) {
            candidateCount++;
        } else {
            candidateSsrc = ssrc;
            candidateCount = 1;
        }
        if (candidateCount >= SSRC_SWITCH_PACKETS) {
            ssrcChanges++;
            lock(ssrc, sequence);
            return true;
        }
        return false;
    }

    private void lock(int ssrc, int sequence) {
        if (locked) {
            jitter.reset();
            dtmf.reset();
        }
        locked = true;
        lockedSsrc = ssrc;
        candidateCount = 0;
        stats.reset(ssrc, sequence);
        if (decoder != null) {
            decoder.close();
        }
        decoder = codecs.decoder(params.codec());
    }

    /**
     * Fills {@code frame} with the audio due now: decoded, FEC-rebuilt, concealed, or silence.
     *
     * @return true if the frame carries decoded or concealed audio, false for silence
     */
    public boolean playout(long nowNanos, short[] frame) {
        if (decoder == null || !params.direction().receives()) {
            Arrays.fill(frame, (short) 0);
            return false;
        }
        JitterBuffer.Kind kind = jitter.pull(nowNanos);
        int n = switch (kind) {
            case PACKET -> decoder.decode(jitter.payload(), 0, jitter.payloadLength(), frame);
            case FEC -> decoder.decodeFec(jitter.payload(), 0, jitter.payloadLength(), frame);
            case CONCEAL -> decoder.conceal(frame);
            case SILENCE -> params.codec() == AudioCodec.OPUS ? decoder.conceal(frame) : 0;
        };
        if (n < 0) {
            decodeErrors++;
            n = decoder.conceal(frame);
        }
        if (n < AudioFrames.FRAME_SAMPLES) {
            Arrays.fill(frame, Math.max(0, n), AudioFrames.FRAME_SAMPLES, (short) 0);
        }
        return n > 0;
    }

    /** Applies re-negotiated parameters; a codec change starts a new jitter buffer and decoder. */
    public void update(MediaParams newParams, long nowNanos) {
        boolean codecChanged = newParams.codec() != params.codec() || newParams.payloadType() != params.payloadType();
        if (!params.direction().receives() && newParams.direction().receives()) {
            lastRtpNanos = nowNanos; // do not count the hold as silence
        }
        params = newParams;
        if (codecChanged) {
            jitter = newJitterBuffer(newParams);
            if (decoder != null) {
                decoder.close();
                decoder = null;
            }
            locked = false;
        }
    }

    private JitterBuffer newJitterBuffer(MediaParams p) {
        // only Opus carries in-band FEC; G.711 gaps are concealed
        return new JitterBuffer(p.codec().clockRate(), p.samplesPerPacket(), config.jitterMinMillis(),
                config.jitterMaxMillis(), p.codec() == AudioCodec.OPUS);
    }

    /** Frees the decoder; idempotent. */
    public void close() {
        if (decoder != null) {
            decoder.close();
        }
    }

    public RtpSourceStats stats() { return stats; }
    public JitterBuffer jitterBuffer() { return jitter; }
    public DtmfReceiver dtmf() { return dtmf; }
    public FrameDecoder decoder() { return decoder; }
    public boolean hasRemoteSsrc() { return locked; }
    public int remoteSsrc() { return lockedSsrc; }
    public long lastRtpNanos() { return lastRtpNanos; }
    public boolean everReceived() { return everReceived; }
    public long received() { return received; }
    public long wrongSource() { return wrongSource; }
    public long wrongSsrc() { return wrongSsrc; }
    public long malformed() { return malformed; }
    public long wrongPayloadType() { return wrongPayloadType; }
    public long wrongSize() { return wrongSize; }
    public long sequenceJumps() { return sequenceJumps; }
    public long rtcpOnRtpPort() { return rtcpOnRtpPort; }
    public long notReceiving() { return notReceiving; }
    public long decodeErrors() { return decodeErrors; }
    public long ssrcChanges() { return ssrcChanges; }

    /** All drops together, for {@link CallQuality#dropped()}. */
    public long dropped() {
        return wrongSource + wrongSsrc + malformed + wrongPayloadType + wrongSize + sequenceJumps + rtcpOnRtpPort;
    }

    @Override
    public String toString() {
        return "RtpReceiver{received=" + received + " lost=" + (stats.started() ? stats.cumulativeLost() : 0)
                + " wrongSource=" + wrongSource + " wrongSsrc=" + wrongSsrc + " malformed=" + malformed
                + " wrongPt=" + wrongPayloadType + " wrongSize=" + wrongSize + " seqJumps=" + sequenceJumps
                + " rtcpOnRtp=" + rtcpOnRtpPort + " decodeErrors=" + decodeErrors + " ssrcChanges=" + ssrcChanges
                + " dtmf=" + dtmf.digits() + " " + jitter + "}";
    }
}
