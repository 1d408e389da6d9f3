package org.ltintercom.sdk.internal.media;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system libspeexdsp (Debian {@code libspeexdsp1}, float build): its acoustic echo canceller
 * (MDF) and its preprocessor (noise suppression, residual echo suppression, AGC), over JNA.
 *
 * <p>Loaded like {@link OpusNatives}: by soname {@code libspeexdsp.so.1}, then by absolute Debian
 * multiarch path, never by the bare name (that needs the {@code -dev} symlink), with RTLD_LOCAL.
 * Each state created here is counted until destroyed, so a test can see that every native handle
 * was freed exactly once. One instance may serve many calls; each state belongs to one thread.
 */
public final class SpeexDsp {
    private static final Logger log = LoggerFactory.getLogger(SpeexDsp.class);
    /** System property overriding where libspeexdsp is looked for ({@link #systemCandidates()}). */
    public static final String LIBRARY_PROPERTY = "lt.speexdsp.library";
    /** {@code speex_echo.h}. */
    static final int SPEEX_ECHO_SET_SAMPLING_RATE = 24;
    /** {@code speex_preprocess.h}. */
    static final int SPEEX_PREPROCESS_SET_DENOISE = 0;
    static final int SPEEX_PREPROCESS_SET_AGC = 2;
    static final int SPEEX_PREPROCESS_SET_NOISE_SUPPRESS = 18;
    static final int SPEEX_PREPROCESS_SET_ECHO_SUPPRESS = 20;
    static final int SPEEX_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE = 22;
    static final int SPEEX_PREPROCESS_SET_ECHO_STATE = 24;

    /** RTLD_LAZY | RTLD_LOCAL, as for libopus. */
    private static final Map<String, Object> OPEN_LOCAL = Map.of(Library.OPTION_OPEN_FLAGS, 1);
    /** One load attempt per candidate list and process, so a missing library is reported once, not per call. */
    private static final Map<List<String>, Availability> LOADED = new ConcurrentHashMap<>();

    private final Api api;
    private final String path;
    private final boolean direct;
    private final AtomicInteger liveStates = new AtomicInteger();
    private final AtomicInteger destroyed = new AtomicInteger();

    /** The C functions used; names and signatures as in {@code speex_echo.h} / {@code speex_preprocess.h}. */
    interface Api extends Library {
        Pointer speex_echo_state_init(int frameSize, int filterLength);

        void speex_echo_cancellation(Pointer st, Pointer rec, Pointer play, Pointer out);

        int speex_echo_ctl(Pointer st, int request, IntByReference value);

        void speex_echo_state_reset(Pointer st);

        void speex_echo_state_destroy(Pointer st);

        Pointer speex_preprocess_state_init(int frameSize, int samplingRate);

        int speex_preprocess_ctl(Pointer st, int request, IntByReference value);

        int speex_preprocess_ctl(Pointer st, int request, Pointer value);

        int speex_preprocess_run(Pointer st, Pointer x);

        void speex_preprocess_state_destroy(Pointer st);
    }

    /**
     * The outcome of loading: the library, or why there is none.
     *
     * @param dsp    the loaded library, null if none could be loaded
     * @param reason every attempt that failed (empty when loaded)
     */
    public record Availability(SpeexDsp dsp, String reason) {
        public boolean available() {
            return dsp != null;
        }
    }

    private SpeexDsp(Api api, String path, NativeLibrary library) {
        this.api = api;
        this.path = path;
        this.direct = SpeexDirect.bind(library);
    }

    /**
     * {@code libspeexdsp.so.1} by soname, then the absolute multiarch paths of Debian on x86-64 and the Pi;
     * or, when the system property {@value #LIBRARY_PROPERTY} is set, its comma-separated list (a library
     * built elsewhere, e.g. under /opt; tests point it at a missing file).
     */
    public static List<String> systemCandidates() {
        String configured = System.getProperty(LIBRARY_PROPERTY, "").strip();
        if (!configured.isEmpty()) {
            return java.util.Arrays.stream(configured.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        return List.of("libspeexdsp.so.1",
                "/usr/lib/x86_64-linux-gnu/libspeexdsp.so.1",
                "/usr/lib/aarch64-linux-gnu/libspeexdsp.so.1",
                "/usr/lib/arm-linux-gnueabihf/libspeexdsp.so.1");
    }

    /** The library for {@code candidates}, loaded at most once per process; {@link #load} is uncached. */
    public static Availability shared(List<String> candidates) {
        return LOADED.computeIfAbsent(List.copyOf(candidates), list -> {
            Availability a = load(list);
            if (a.available()) {
                log.info("libspeexdsp: using {}", a.dsp().path());
            } else {
                log.warn("Echo cancellation and noise suppression are OFF for every call: {}", a.reason());
            }
            return a;
        });
    }

    /** Loads the first candidate that works (a fresh instance with its own handle counters). */
    public static Availability load(List<String> candidates) {
        List<String> failures = new ArrayList<>();
        for (String candidate : candidates) {
            try {
                if (candidate.startsWith("/") && !Files.isReadable(Path.of(candidate))) {
                    throw new IllegalStateException("not found");
                }
                NativeLibrary library = NativeLibrary.getInstance(candidate, OPEN_LOCAL);
                // resolve every symbol now, so a wrong library fails here and not in the middle of a call
                for (String fn : new String[] {"speex_echo_state_init", "speex_echo_cancellation", "speex_echo_ctl",
                        "speex_echo_state_reset", "speex_echo_state_destroy", "speex_preprocess_state_init",
                        "speex_preprocess_ctl", "speex_preprocess_run", "speex_preprocess_state_destroy"}) {
                    library.getFunction(fn);
                }
                Api api = Native.load(candidate, Api.class, OPEN_LOCAL);
                return new Availability(new SpeexDsp(api, candidate, library), "");
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                failures.add(candidate + ": " + e.getMessage());
            }
        }
        return new Availability(null, "no usable libspeexdsp (Debian package libspeexdsp1): " + String.join("; ", failures));
    }

    public String path() {
        return path;
    }

    /** Echo and preprocessor states created and not yet destroyed. */
    public int liveStates() {
        return liveStates.get();
    }

    /** States destroyed so far (each exactly once). */
    public int destroyedStates() {
        return destroyed.get();
    }

    Pointer echoInit(int frameSize, int filterLength, int sampleRate) {
        Pointer st = api.speex_echo_state_init(frameSize, filterLength);
        if (st == null) {
            throw new IllegalStateException("speex_echo_state_init(" + frameSize + ", " + filterLength + ") failed");
        }
        liveStates.incrementAndGet();
        api.speex_echo_ctl(st, SPEEX_ECHO_SET_SAMPLING_RATE, new IntByReference(sampleRate));
        return st;
    }

    /** Buffers are native memory of one frame each, so the direct call copies and allocates nothing. */
    void echoCancel(Pointer st, Pointer rec, Pointer play, Pointer out) {
        if (direct) {
            SpeexDirect.speex_echo_cancellation(st, rec, play, out);
        } else {
            api.speex_echo_cancellation(st, rec, play, out);
        }
    }

    void echoReset(Pointer st) {
        api.speex_echo_state_reset(st);
    }

    void echoDestroy(Pointer st) {
        api.speex_echo_state_destroy(st);
        liveStates.decrementAndGet();
        destroyed.incrementAndGet();
    }

    Pointer preprocessInit(int frameSize, int sampleRate) {
        Pointer st = api.speex_preprocess_state_init(frameSize, sampleRate);
        if (st == null) {
            throw new IllegalStateException("speex_preprocess_state_init(" + frameSize + ", " + sampleRate + ") failed");
        }
        liveStates.incrementAndGet();
        return st;
    }

    void preprocessSet(Pointer st, int request, int value) {
        api.speex_preprocess_ctl(st, request, new IntByReference(value));
    }

    void preprocessAttachEcho(Pointer st, Pointer echo) {
        api.speex_preprocess_ctl(st, SPEEX_PREPROCESS_SET_ECHO_STATE, echo);
    }

    void preprocessRun(Pointer st, Pointer frame) {
        if (direct) {
            SpeexDirect.speex_preprocess_run(st, frame);
        } else {
            api.speex_preprocess_run(st, frame);
        }
    }

    void preprocessDestroy(Pointer st) {
        api.speex_preprocess_state_destroy(st);
        liveStates.decrementAndGet();
        destroyed.incrementAndGet();
    }
}
