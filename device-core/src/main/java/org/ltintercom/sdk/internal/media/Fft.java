package org.ltintercom.sdk.internal.media;

/** In-place iterative radix-2 complex FFT, for the cross-correlation of {@link AcousticCalibration}. */
final class Fft {
    private Fft() {
    }

    /** Smallest power of two >= n. */
    static int size(int n) {
        return Integer.highestOneBit(Math.max(1, n - 1)) << 1;
    }

    /** Transforms (re, im) of power-of-two length in place; {@code inverse} also scales by 1/n. */
    static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        if (Integer.bitCount(n) != 1 || im.length != n) {
            throw new IllegalArgumentException("length: need equal powers of two, was " + n + "/" + im.length);
        }
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wRe = Math.cos(angle);
            double wIm = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cRe = 1;
                double cIm = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double xRe = re[b] * cRe - im[b] * cIm;
                    double xIm = re[b] * cIm + im[b] * cRe;
                    re[b] = re[a] - xRe;
                    im[b] = im[a] - xIm;
                    re[a] += xRe;
                    im[a] += xIm;
                    double next = cRe * wRe - cIm * wIm;
                    cIm = cRe * wIm + cIm * wRe;
                    cRe = next;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] /= n;
            }
        }
    }
}
