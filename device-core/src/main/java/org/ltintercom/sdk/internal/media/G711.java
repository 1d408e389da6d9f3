package org.ltintercom.sdk.internal.media;

/**
 * ITU-T G.711 mu-law (PCMU) and A-law (PCMA) companding between 16-bit linear PCM and 8-bit codes,
 * after the classic Sun reference implementation. Decoding uses 256-entry tables; encoding is a
 * handful of shifts. 8 kHz on both sides: {@link Resampler} sits between this and the 48 kHz SPI.
 */
public final class G711 {
    private static final int[] SEG_U_END = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final int[] SEG_A_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    private static final int BIAS = 0x84;
    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_DECODE[i] = (short) ulawToLinearSlow(i);
            ALAW_DECODE[i] = (short) alawToLinearSlow(i);
        }
    }

    private G711() {
    }

    /** The mu-law code of silence. */
    public static final byte ULAW_SILENCE = (byte) 0xFF;
    /** The A-law code of silence. */
    public static final byte ALAW_SILENCE = (byte) 0xD5;

    public static byte linearToUlaw(int pcm) {
        int value = pcm >> 2;
        int mask;
        if (value < 0) {
            value = -value;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (value > 8159) {
            value = 8159;
        }
        value += BIAS >> 2;
        int seg = segment(value, SEG_U_END);
        if (seg >= 8) {
            return (byte) (0x7F ^ mask);
        }
        return (byte) (((seg << 4) | ((value >> (seg + 1)) & 0xF)) ^ mask);
    }

    public static byte linearToAlaw(int pcm) {
        int value = pcm >> 3;
        int mask;
        if (value >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int seg = segment(value, SEG_A_END);
        if (seg >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int code = seg << 4;
        code |= seg < 2 ? (value >> 1) & 0xF : (value >> seg) & 0xF;
        return (byte) (code ^ mask);
    }

    public static short ulawToLinear(byte code) {
        return ULAW_DECODE[code & 0xFF];
    }

    public static short alawToLinear(byte code) {
        return ALAW_DECODE[code & 0xFF];
    }

    /** Encodes {@code count} samples into {@code out} with the given law. */
    public static void encode(AudioCodec law, short[] pcm, int count, byte[] out, int outOffset) {
        boolean ulaw = law == AudioCodec.PCMU;
        for (int i = 0; i < count; i++) {
            out[outOffset + i] = ulaw ? linearToUlaw(pcm[i]) : linearToAlaw(pcm[i]);
        }
    }

    /** Decodes {@code count} codes into {@code pcm} with the given law. */
    public static void decode(AudioCodec law, byte[] in, int offset, int count, short[] pcm) {
        short[] table = law == AudioCodec.PCMU ? ULAW_DECODE : ALAW_DECODE;
        for (int i = 0; i < count; i++) {
            pcm[i] = table[in[offset + i] & 0xFF];
        }
    }

    private static int segment(int value, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (value <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }

    private static int ulawToLinearSlow(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + BIAS;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? BIAS - t : t - BIAS;
    }

    private static int alawToLinearSlow(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        if (seg == 0) {
            t += 8;
        } else {
            t += 0x108;
            t <<= seg - 1;
        }
        return (a & 0x80) != 0 ? t : -t;
    }
}
