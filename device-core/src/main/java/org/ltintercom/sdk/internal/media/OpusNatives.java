package org.ltintercom.sdk.internal.media;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomp2p.opuswrapper.Opus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds and loads libopus for the {@code tomp2p.opuswrapper.Opus} JNA binding of opus-java-api.
 *
 * <p>The system library comes first: Debian's {@code libopus0} (1.3.1, security-maintained) by
 * soname {@code libopus.so.0} or by absolute path under {@code /usr/lib/<multiarch>/}. Never the
 * bare name {@code opus}: that needs the {@code libopus.so} development symlink, which
 * {@code libopus0} does not install. The fallback is the 1.1.x build bundled in opus-java-natives,
 * unpacked to {@code jna.tmpdir} (or {@code java.io.tmpdir}).
 *
 * <p>The process-wide choice ({@link #processWide()}) follows the system property
 * {@code lt.opus.source} = {@code auto} (default), {@code system} or {@code bundled}; tests load
 * each source explicitly with {@link #load}.
 */
public final class OpusNatives {
    private static final Logger log = LoggerFactory.getLogger(OpusNatives.class);
    private static LoadedOpus processWide;
    /**
     * RTLD_LAZY | RTLD_LOCAL. JNA's default is RTLD_GLOBAL, which would let a second libopus (the
     * bundled one next to the system one) bind its internal calls to the first one's symbols.
     */
    private static final Map<String, Object> OPEN_LOCAL = Map.of(Library.OPTION_OPEN_FLAGS, 1);

    /** Where a libopus comes from. */
    public enum Source { SYSTEM, BUNDLED }

    /**
     * A loaded libopus.
     *
     * @param path    the name or absolute path it was loaded by
     * @param api     the opus-java-api binding over this library
     * @param version {@code opus_get_version_string()}, e.g. "libopus 1.3.1"
     */
    public record LoadedOpus(Source source, String path, NativeLibrary library, Opus api, String version) {
    }

    /** Thrown when no source in the requested order could be loaded; the message lists every attempt. */
    public static final class OpusUnavailableException extends Exception {
        public OpusUnavailableException(String message) {
            super(message);
        }
    }

    private OpusNatives() {
    }

    /** The library the media engine uses, loaded once per process and logged. */
    public static synchronized LoadedOpus processWide() throws OpusUnavailableException {
        if (processWide == null) {
            String choice = System.getProperty("lt.opus.source", "auto").trim().toLowerCase(Locale.ROOT);
            List<Source> order = switch (choice) {
                case "system" -> List.of(Source.SYSTEM);
                case "bundled" -> List.of(Source.BUNDLED);
                case "auto" -> List.of(Source.SYSTEM, Source.BUNDLED);
                default -> throw new OpusUnavailableException("lt.opus.source: expected auto, system or bundled, was " + choice);
            };
            processWide = load(order, systemCandidates());
            log.info("Opus: using {} {} ({})", processWide.source() == Source.SYSTEM ? "system" : "bundled",
                    processWide.version(), processWide.path());
        }
        return processWide;
    }

    /** True if {@code opus} is the process-wide library (its hot path may use direct mapping). */
    static synchronized boolean isProcessWide(LoadedOpus opus) {
        return processWide == opus;
    }

    /**
     * Loads the first source of {@code order} that works.
     *
     * @param systemCandidates names/paths tried, in order, for {@link Source#SYSTEM}
     */
    public static LoadedOpus load(List<Source> order, List<String> systemCandidates) throws OpusUnavailableException {
        List<String> failures = new ArrayList<>();
        for (Source source : order) {
            if (source == Source.SYSTEM) {
                for (String candidate : systemCandidates) {
                    try {
                        return open(Source.SYSTEM, candidate);
                    } catch (UnsatisfiedLinkError | RuntimeException e) {
                        failures.add("system " + candidate + ": " + e.getMessage());
                    }
                }
            } else {
                try {
                    return open(Source.BUNDLED, extractBundled().toString());
                } catch (IOException | UnsatisfiedLinkError | RuntimeException e) {
                    failures.add("bundled: " + e.getMessage());
                }
            }
        }
        throw new OpusUnavailableException("no usable libopus: " + String.join("; ", failures));
    }

    /** {@code libopus.so.0} by soname, then the absolute multiarch paths of Debian on x86-64 and the Pi. */
    public static List<String> systemCandidates() {
        return List.of("libopus.so.0",
                "/usr/lib/x86_64-linux-gnu/libopus.so.0",
                "/usr/lib/aarch64-linux-gnu/libopus.so.0",
                "/usr/lib/arm-linux-gnueabihf/libopus.so.0");
    }

    private static LoadedOpus open(Source source, String path) {
        if (path.startsWith("/") && !Files.isReadable(Path.of(path))) {
            throw new IllegalStateException("not found");
        }
        NativeLibrary library = NativeLibrary.getInstance(path, OPEN_LOCAL);
        Opus api = Native.load(path, Opus.class, OPEN_LOCAL);
        String version = api.opus_get_version_string();
        return new LoadedOpus(source, path, library, api, version);
    }

    private static Path extractBundled() throws IOException {
        String resource = "/natives/" + Platform.RESOURCE_PREFIX + "/" + (Platform.isMac() ? "libopus.dylib"
                : Platform.isWindows() ? "libopus.dll" : "libopus.so");
        try (InputStream in = OpusNatives.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("opus-java-natives has no " + resource);
            }
            String tmp = System.getProperty("jna.tmpdir", System.getProperty("java.io.tmpdir"));
            Path dir = Files.createTempDirectory(Path.of(tmp), "lt-opus");
            Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        }
    }
}
