package org.ltintercom.sdk.internal.media;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * JNA direct-mapped {@code opus_encode}/{@code opus_decode} over the process-wide libopus.
 * The opus-java-api interface binding goes through a dynamic proxy that boxes every argument;
 * these two calls run 50 times a second per stream, so they bypass it to keep the media thread
 * free of per-packet allocation. Everything else (create, ctl, destroy) uses opus-java-api.
 */
final class OpusDirect {
    private static NativeLibrary bound;

    private OpusDirect() {
    }

    static synchronized void bind(NativeLibrary library) {
        if (bound == null) {
            Native.register(OpusDirect.class, library);
            bound = library;
        } else if (bound != library) {
            throw new IllegalStateException("already bound to " + bound.getName());
        }
    }

    static native int opus_encode(Pointer st, Pointer pcm, int frameSize, Pointer data, int maxDataBytes);

    static native int opus_decode(Pointer st, Pointer data, int len, Pointer pcm, int frameSize, int decodeFec);
}
