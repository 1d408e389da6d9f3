package org.ltintercom.sdk.internal.media;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RTCP (RFC 3550 section 6): writes compound packets made of SR or RR, SDES CNAME and BYE; parses
 * any sequence of well-formed RTCP packets (see {@link #parse}).
 *
 * <pre>
 *   RtpSourceStats -> report block -> [RtcpPacket.write*] -> RTCP port -> peer
 *   peer -> RTCP port -> [RtcpPacket.parse] -> RTT, remote loss -> Opus FEC loss hint, CallQuality
 * </pre>
 *
 * Reports are rare (every few seconds), so parsing returns small immutable records.
 */
public final class RtcpPacket {
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    private static final int SDES_CNAME = 1;
    /** RFC 5761 4: the payload types RTCP may use; anything else on the RTCP port is not RTCP. */
    private static final int FIRST_TYPE = 192;
    private static final int LAST_TYPE = 223;

    private RtcpPacket() {
    }

    /** NTP timestamp, RTP timestamp and counts of a sender report. */
    public record SenderInfo(long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
        /** The middle 32 bits of the NTP timestamp, as echoed in LSR. */
        public long ntpMiddle() {
            return (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
        }
    }

    /**
     * One reception report block.
     *
     * @param fractionLost   lost since the previous report, in 1/256
     * @param cumulativeLost 24-bit signed total lost
     * @param jitter         interarrival jitter in RTP clock units
     * @param lsr            middle 32 bits of the last SR's NTP time we got from this source, 0 if none
     * @param dlsr           delay since that SR, in 1/65536 s
     */
    public record ReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSeq,
                              long jitter, long lsr, long dlsr) {
    }

    /**
     * A parsed compound packet. {@code senderInfo} is null without an SR, {@code senderSsrc} 0 without
     * an SR or RR, {@code cname} null without SDES CNAME; {@code byeSsrcs} from a BYE anywhere in it.
     */
    public record Compound(int senderSsrc, SenderInfo senderInfo, List<ReportBlock> reports, String cname,
                           List<Integer> byeSsrcs, String byeReason) {
        public boolean isBye() {
            return !byeSsrcs.isEmpty();
        }
    }

    /** Thrown for a datagram that is not a valid compound RTCP packet; the message says why. */
    public static final class MalformedRtcpException extends Exception {
        public MalformedRtcpException(String message) {
            super(message);
        }
    }

    /** Writes an SR with at most one report block; returns the bytes written. */
    public static int writeSenderReport(byte[] out, int off, int ssrc, SenderInfo info, ReportBlock block) {
        int count = block == null ? 0 : 1;
        int words = 6 + 6 * count; // length in 32-bit words minus one
        header(out, off, count, SR, words);
        RtpPacket.writeInt(out, off + 4, ssrc);
        RtpPacket.writeInt(out, off + 8, (int) (info.ntpTimestamp() >>> 32));
        RtpPacket.writeInt(out, off + 12, (int) info.ntpTimestamp());
        RtpPacket.writeInt(out, off + 16, (int) info.rtpTimestamp());
        RtpPacket.writeInt(out, off + 20, (int) info.packetCount());
        RtpPacket.writeInt(out, off + 24, (int) info.octetCount());
        if (block != null) {
            writeBlock(out, off + 28, block);
        }
        return 4 * (words + 1);
    }

    /** Writes an RR with at most one report block; returns the bytes written. */
    public static int writeReceiverReport(byte[] out, int off, int ssrc, ReportBlock block) {
        int count = block == null ? 0 : 1;
        int words = 1 + 6 * count;
        header(out, off, count, RR, words);
        RtpPacket.writeInt(out, off + 4, ssrc);
        if (block != null) {
            writeBlock(out, off + 8, block);
        }
        return 4 * (words + 1);
    }

    /** Writes SDES with one chunk carrying CNAME (required in every compound packet). */
    public static int writeSdesCname(byte[] out, int off, int ssrc, String cname) {
        byte[] text = cname.getBytes(StandardCharsets.UTF_8);
        if (text.length > 255) {
            throw new IllegalArgumentException("cname: at most 255 bytes, was " + text.length);
        }
        int chunk = 4 + 2 + text.length + 1; // ssrc, type, len, text, END
        int padded = (chunk + 3) & ~3;
        header(out, off, 1, SDES, padded / 4);
        RtpPacket.writeInt(out, off + 4, ssrc);
        out[off + 8] = SDES_CNAME;
        out[off + 9] = (byte) text.length;
        System.arraycopy(text, 0, out, off + 10, text.length);
        for (int i = off + 10 + text.length; i < off + 4 + padded; i++) {
            out[i] = 0; // END item plus padding to the word boundary
        }
        return 4 + padded;
    }

    /** Writes a BYE for {@code ssrc} with an optional reason. */
    public static int writeBye(byte[] out, int off, int ssrc, String reason) {
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int body = 4 + (text.length > 0 ? (1 + text.length + 3) & ~3 : 0);
        header(out, off, 1, BYE, body / 4);
        RtpPacket.writeInt(out, off + 4, ssrc);
        if (text.length > 0) {
            out[off + 8] = (byte) text.length;
            System.arraycopy(text, 0, out, off + 9, text.length);
            for (int i = off + 9 + text.length; i < off + 4 + body; i++) {
                out[i] = 0;
            }
        }
        return 4 + body;
    }

    /**
     * Parses and validates a compound packet: every packet version 2 with a type in the RTCP range
     * (192..223, RFC 5761), padding only in the last packet, lengths adding up to the datagram.
     *
     * <p>Lenient on order: RFC 3550 A.2 wants SR or RR first, but baresip sends compounds that start
     * with BYE or hold only APP packets. A robust receiver takes any sequence of well-formed packets
     * (unknown types skipped by length) and honours a BYE wherever it sits.
     */
    public static Compound parse(byte[] data, int off, int len) throws MalformedRtcpException {
        if (len < 4) {
            throw new MalformedRtcpException("too short: " + len + " bytes");
        }
        int senderSsrc = 0;
        SenderInfo senderInfo = null;
        List<ReportBlock> reports = new ArrayList<>();
        String cname = null;
        List<Integer> bye = new ArrayList<>();
        String byeReason = null;
        int pos = off;
        int end = off + len;
        while (pos < end) {
            if (end - pos < 4) {
                throw new MalformedRtcpException("trailing " + (end - pos) + " bytes");
            }
            int b0 = data[pos] & 0xFF;
            if ((b0 >>> 6) != RtpPacket.VERSION) {
                throw new MalformedRtcpException("version " + (b0 >>> 6));
            }
            int count = b0 & 0x1F;
            int type = data[pos + 1] & 0xFF;
            if (type < FIRST_TYPE || type > LAST_TYPE) {
                throw new MalformedRtcpException("packet type " + type + " is not RTCP (192..223)");
            }
            int bytes = 4 * ((((data[pos + 2] & 0xFF) << 8) | (data[pos + 3] & 0xFF)) + 1);
            if (pos + bytes > end) {
                throw new MalformedRtcpException("packet type " + type + " length " + bytes + " exceeds datagram");
            }
            int bodyEnd = pos + bytes;
            if ((b0 & 0x20) != 0) {
                if (bodyEnd != end) {
                    throw new MalformedRtcpException("padding before the last packet");
                }
                int pad = data[end - 1] & 0xFF;
                if (pad == 0 || pad > bytes - 4) {
                    throw new MalformedRtcpException("bad padding " + pad);
                }
                bodyEnd -= pad;
            }
            switch (type) {
                case SR -> {
                    need(bodyEnd - pos, 28 + 24 * count, "SR");
                    senderSsrc = RtpPacket.readInt(data, pos + 4);
                    long ntp = (Integer.toUnsignedLong(RtpPacket.readInt(data, pos + 8)) << 32)
                            | Integer.toUnsignedLong(RtpPacket.readInt(data, pos + 12));
                    senderInfo = new SenderInfo(ntp, Integer.toUnsignedLong(RtpPacket.readInt(data, pos + 16)),
                            Integer.toUnsignedLong(RtpPacket.readInt(data, pos + 20)),
                            Integer.toUnsignedLong(RtpPacket.readInt(data, pos + 24)));
                    readBlocks(data, pos + 28, count, reports);
                }
                case RR -> {
                    need(bodyEnd - pos, 8 + 24 * count, "RR");
                    senderSsrc = RtpPacket.readInt(data, pos + 4);
                    readBlocks(data, pos + 8, count, reports);
                }
                case SDES -> cname = readCname(data, pos + 4, bodyEnd, count, cname);
                case BYE -> {
                    need(bodyEnd - pos, 4 + 4 * count, "BYE");
                    for (int i = 0; i < count; i++) {
                        bye.add(RtpPacket.readInt(data, pos + 4 + 4 * i));
                    }
                    int r = pos + 4 + 4 * count;
                    if (r < bodyEnd) {
                        int rlen = data[r] & 0xFF;
                        if (r + 1 + rlen > bodyEnd) {
                            throw new MalformedRtcpException("BYE reason overruns packet");
                        }
                        byeReason = new String(data, r + 1, rlen, StandardCharsets.UTF_8);
                    }
                }
                case APP -> need(bodyEnd - pos, 12, "APP"); // SSRC and 4-character name; the data is not ours
                default -> {
                    // XR, feedback, anything newer: skipped by length, as RFC 3550 asks of unknown types
                }
            }
            pos += bytes;
        }
        return new Compound(senderSsrc, senderInfo, List.copyOf(reports), cname, List.copyOf(bye), byeReason);
    }

    /** RFC 3550 6.4.1: round-trip time in 1/65536 s from a report block's LSR/DLSR, or -1 without an SR echo. */
    public static long roundTrip(long nowNtpMiddle, ReportBlock block) {
        if (block.lsr() == 0) {
            return -1;
        }
        long rtt = (nowNtpMiddle - block.lsr() - block.dlsr()) & 0xFFFFFFFFL;
        return rtt > 0x7FFFFFFFL ? 0 : rtt;
    }

    private static String readCname(byte[] data, int pos, int end, int chunks, String current)
            throws MalformedRtcpException {
        String cname = current;
        for (int c = 0; c < chunks && pos + 4 <= end; c++) {
            int chunkStart = pos;
            pos += 4; // SSRC/CSRC of the chunk
            while (pos < end && data[pos] != 0) {
                if (pos + 2 > end) {
                    throw new MalformedRtcpException("SDES item header overruns packet");
                }
                int type = data[pos] & 0xFF;
                int ilen = data[pos + 1] & 0xFF;
                if (pos + 2 + ilen > end) {
                    throw new MalformedRtcpException("SDES item overruns packet");
                }
                if (type == SDES_CNAME && cname == null) {
                    cname = new String(data, pos + 2, ilen, StandardCharsets.UTF_8);
                }
                pos += 2 + ilen;
            }
            pos = chunkStart + ((pos + 1 - chunkStart + 3) & ~3); // END item, then pad to the next word
        }
        return cname;
    }

    private static void readBlocks(byte[] data, int pos, int count, List<ReportBlock> out) {
        for (int i = 0; i < count; i++, pos += 24) {
            int lostWord = RtpPacket.readInt(data, pos + 4);
            int cumulative = (lostWord << 8) >> 8; // sign-extend 24 bits
            out.add(new ReportBlock(RtpPacket.readInt(data, pos), (lostWord >>> 24) & 0xFF, cumulative,
                    Integer.toUnsignedLong(RtpPacket.readInt(data, pos + 8)),
                    Integer.toUnsignedLong(RtpPacket.readInt(data, pos + 12)),
                    Integer.toUnsignedLong(RtpPacket.readInt(data, pos + 16)),
                    Integer.toUnsignedLong(RtpPacket.readInt(data, pos + 20))));
        }
    }

    private static void writeBlock(byte[] out, int off, ReportBlock b) {
        RtpPacket.writeInt(out, off, b.ssrc());
        int lost = Math.max(-0x800000, Math.min(0x7FFFFF, b.cumulativeLost()));
        RtpPacket.writeInt(out, off + 4, (b.fractionLost() & 0xFF) << 24 | (lost & 0xFFFFFF));
        RtpPacket.writeInt(out, off + 8, (int) b.extendedHighestSeq());
        RtpPacket.writeInt(out, off + 12, (int) b.jitter());
        RtpPacket.writeInt(out, off + 16, (int) b.lsr());
        RtpPacket.writeInt(out, off + 20, (int) b.dlsr());
    }

    private static void header(byte[] out, int off, int count, int type, int lengthWords) {
        out[off] = (byte) ((RtpPacket.VERSION << 6) | count);
        out[off + 1] = (byte) type;
        out[off + 2] = (byte) (lengthWords >>> 8);
        out[off + 3] = (byte) lengthWords;
    }

    private static void need(int have, int need, String what) throws MalformedRtcpException {
        if (have < need) {
            throw new MalformedRtcpException(what + " needs " + need + " bytes, has " + have);
        }
    }
}
