package org.ltintercom.sdk.internal.media;

/**
 * One RTP packet (RFC 3550 section 5.1): header with CSRC list, header extension and padding.
 *
 * <pre>
 *   network -> [RtpSocket] -> RtpPacket.parse -> RtpReceiver -> jitter buffer -> decoder -> playback
 *   capture -> encoder -> RtpPacket.write -> [RtpSocket] -> network
 * </pre>
 *
 * Mutable and reusable on purpose: the media thread parses every packet into the same instance
 * and writes every packet from the same instance, so the steady state allocates nothing. The
 * payload, extension and padding are not copied on parse: they are offsets into the buffer that
 * was parsed, valid until that buffer is reused. Not thread-safe.
 */
public final class RtpPacket {
    public static final int VERSION = 2;
    public static final int FIXED_HEADER = 12;
    public static final int MAX_CSRC = 15;

    private boolean marker;
    private int payloadType;
    private int sequence;
    private int timestamp;
    private int ssrc;
    private final int[] csrc = new int[MAX_CSRC];
    private int csrcCount;
    private boolean hasExtension;
    private int extensionProfile;
    private byte[] extensionData;
    private int extensionOffset;
    private int extensionLength;
    private byte[] payloadData;
    private int payloadOffset;
    private int payloadLength;
    private int paddingLength;

    /** Why {@link #parse} refused a datagram; {@code OK} when it did not. */
    public enum ParseResult { OK, TOO_SHORT, BAD_VERSION, BAD_PADDING, BAD_EXTENSION, RTCP }

    /**
     * Parses {@code length} bytes of {@code data} into this packet. On anything but OK the packet's
     * fields are unspecified. RTCP payload types 200..204 (in the 72..76 range with the marker bit)
     * are recognised so that a peer that multiplexes RTCP is counted, not decoded as audio.
     */
    public ParseResult parse(byte[] data, int offset, int length) {
        if (length < FIXED_HEADER) {
            return ParseResult.TOO_SHORT;
        }
        int b0 = data[offset] & 0xFF;
        if ((b0 >>> 6) != VERSION) {
            return ParseResult.BAD_VERSION;
        }
        boolean padding = (b0 & 0x20) != 0;
        hasExtension = (b0 & 0x10) != 0;
        csrcCount = b0 & 0x0F;
        int b1 = data[offset + 1] & 0xFF;
        if (b1 >= 200 && b1 <= 204) {
            return ParseResult.RTCP;
        }
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7F;
        sequence = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
        timestamp = readInt(data, offset + 4);
        ssrc = readInt(data, offset + 8);
        int pos = FIXED_HEADER + 4 * csrcCount;
        if (length < pos) {
            return ParseResult.TOO_SHORT;
        }
        for (int i = 0; i < csrcCount; i++) {
            csrc[i] = readInt(data, offset + FIXED_HEADER + 4 * i);
        }
        extensionData = data;
        extensionLength = 0;
        extensionProfile = 0;
        if (hasExtension) {
            if (length < pos + 4) {
                return ParseResult.BAD_EXTENSION;
            }
            extensionProfile = ((data[offset + pos] & 0xFF) << 8) | (data[offset + pos + 1] & 0xFF);
            int words = ((data[offset + pos + 2] & 0xFF) << 8) | (data[offset + pos + 3] & 0xFF);
            extensionOffset = offset + pos + 4;
            extensionLength = 4 * words;
            pos += 4 + extensionLength;
            if (length < pos) {
                return ParseResult.BAD_EXTENSION;
            }
        }
        paddingLength = 0;
        if (padding) {
            paddingLength = data[offset + length - 1] & 0xFF;
            if (paddingLength == 0 || pos + paddingLength > length) {
                return ParseResult.BAD_PADDING;
            }
        }
        payloadData = data;
        payloadOffset = offset + pos;
        payloadLength = length - pos - paddingLength;
        return ParseResult.OK;
    }

    /**
     * Writes this packet (header, CSRCs, extension, payload, padding) into {@code out} at {@code offset}.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException if {@code out} is too small
     */
    public int write(byte[] out, int offset) {
        int total = length();
        if (out.length - offset < total) {
            throw new IllegalArgumentException("out: need " + total + " bytes, have " + (out.length - offset));
        }
        out[offset] = (byte) ((VERSION << 6) | (paddingLength > 0 ? 0x20 : 0) | (hasExtension ? 0x10 : 0) | csrcCount);
        out[offset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        out[offset + 2] = (byte) (sequence >>> 8);
        out[offset + 3] = (byte) sequence;
        writeInt(out, offset + 4, timestamp);
        writeInt(out, offset + 8, ssrc);
        int pos = offset + FIXED_HEADER;
        for (int i = 0; i < csrcCount; i++, pos += 4) {
            writeInt(out, pos, csrc[i]);
        }
        if (hasExtension) {
            out[pos] = (byte) (extensionProfile >>> 8);
            out[pos + 1] = (byte) extensionProfile;
            out[pos + 2] = (byte) (extensionLength / 4 >>> 8);
            out[pos + 3] = (byte) (extensionLength / 4);
            System.arraycopy(extensionData, extensionOffset, out, pos + 4, extensionLength);
            pos += 4 + extensionLength;
        }
        System.arraycopy(payloadData, payloadOffset, out, pos, payloadLength);
        pos += payloadLength;
        if (paddingLength > 0) {
            for (int i = 0; i < paddingLength - 1; i++) {
                out[pos++] = 0;
            }
            out[pos++] = (byte) paddingLength;
        }
        return pos - offset;
    }

    /** The size {@link #write} produces. */
    public int length() {
        return FIXED_HEADER + 4 * csrcCount + (hasExtension ? 4 + extensionLength : 0) + payloadLength + paddingLength;
    }

    /** Sets the fixed header fields and clears CSRCs, extension and padding. */
    public RtpPacket header(boolean marker, int payloadType, int sequence, int timestamp, int ssrc) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType: must be 0..127, was " + payloadType);
        }
        this.marker = marker;
        this.payloadType = payloadType;
        this.sequence = sequence & 0xFFFF;
        this.timestamp = timestamp;
        this.ssrc = ssrc;
        this.csrcCount = 0;
        this.hasExtension = false;
        this.extensionLength = 0;
        this.paddingLength = 0;
        return this;
    }

    public RtpPacket payload(byte[] data, int offset, int length) {
        this.payloadData = data;
        this.payloadOffset = offset;
        this.payloadLength = length;
        return this;
    }

    public RtpPacket csrcs(int... list) {
        if (list.length > MAX_CSRC) {
            throw new IllegalArgumentException("csrcs: at most 15, was " + list.length);
        }
        System.arraycopy(list, 0, csrc, 0, list.length);
        csrcCount = list.length;
        return this;
    }

    /** Sets a header extension (RFC 3550 5.3.1); {@code length} must be a multiple of 4. */
    public RtpPacket extension(int profile, byte[] data, int offset, int length) {
        if (length % 4 != 0 || length / 4 > 0xFFFF) {
            throw new IllegalArgumentException("extension length: must be a multiple of 4 below 262140, was " + length);
        }
        hasExtension = true;
        extensionProfile = profile & 0xFFFF;
        extensionData = data;
        extensionOffset = offset;
        extensionLength = length;
        return this;
    }

    /** Pads the packet with {@code length} bytes (1..255), the last holding the count. */
    public RtpPacket padding(int length) {
        if (length < 0 || length > 255) {
            throw new IllegalArgumentException("padding: must be 0..255, was " + length);
        }
        paddingLength = length;
        return this;
    }

    public boolean marker() { return marker; }
    public int payloadType() { return payloadType; }
    /** The 16-bit sequence number, 0..65535. */
    public int sequence() { return sequence; }
    /** The 32-bit timestamp as an int; use {@link Integer#toUnsignedLong} for the unsigned value. */
    public int timestamp() { return timestamp; }
    public int ssrc() { return ssrc; }
    public int csrcCount() { return csrcCount; }
    public int csrc(int index) { return csrc[index]; }
    public boolean hasExtension() { return hasExtension; }
    public int extensionProfile() { return extensionProfile; }
    public int extensionOffset() { return extensionOffset; }
    public int extensionLength() { return extensionLength; }
    public byte[] payloadData() { return payloadData; }
    public int payloadOffset() { return payloadOffset; }
    public int payloadLength() { return payloadLength; }
    public int paddingLength() { return paddingLength; }

    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    static void writeInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
