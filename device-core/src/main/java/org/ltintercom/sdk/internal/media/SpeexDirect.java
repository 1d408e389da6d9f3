package org.ltintercom.sdk.internal.media;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * JNA direct-mapped {@code speex_echo_cancellation}/{@code speex_preprocess_run}, bound to the first
 * libspeexdsp loaded. They run 50 times a second per call; the interface binding would box their
 * arguments on every frame and break the media thread's allocation-free steady state (as
 * {@link OpusDirect} does for Opus). Everything else goes through {@link SpeexDsp.Api}.
 */
final class SpeexDirect {
    private static NativeLibrary bound;

    private SpeexDirect() {
    }

    /** Binds to {@code library} if nothing is bound yet; true if the natives now call into {@code library}. */
    static synchronized boolean bind(NativeLibrary library) {
        if (bound == null) {
            Native.register(SpeexDirect.class, library);
            bound = library;
        }
        return bound == library;
    }

    static native void speex_echo_cancellation(Pointer st, Pointer rec, Pointer play, Pointer out);

    static native int speex_preprocess_run(Pointer st, Pointer x);
}
