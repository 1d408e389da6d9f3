package org.ltintercom.bench;

import org.ltintercom.callserver.testing.peers.Baresip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The reference for the media benchmarks: CPU time of Debian's baresip 1.0 during an established
 * Opus call between two baresip processes on 127.0.0.1 (direct SIP, no proxy), read as utime+stime
 * from /proc/&lt;pid&gt;/stat over the measuring interval. Each process is one whole endpoint: its
 * microphone (ausine's 440 Hz sine, generated in real time, or aufile playing a speech file), Opus encode,
 * RTP/RTCP both ways, Opus decode of what it receives (baresip 1.0 decodes on the receive path even
 * without a player: its sndfile recorder fills in real time headless), its SIP stack idling and its
 * main loop. No sound card, so no player thread and no device I/O, just as the SDK's media threads
 * hand frames to an in-memory SPI. Nothing is subtracted.
 *
 * @param callerMillisPerSecond CPU of the calling baresip per second of call
 * @param calleeMillisPerSecond CPU of the answering baresip per second of call
 * @param seconds               length of the measured interval
 */
record BaresipCallCpu(double callerMillisPerSecond, double calleeMillisPerSecond, double seconds) {

    double bothMillisPerSecond() {
        return callerMillisPerSecond + calleeMillisPerSecond;
    }

    /** The settings of the SDK's encoder ({@code OpusEncoder}) in baresip's config. */
    static final String[] SDK_ENCODER_SETTINGS = {
            "opus_application voip", "opus_bitrate 24000", "opus_complexity 7", "opus_inbandfec yes", "opus_dtx yes"};

    /** Starts the two phones (ausine microphones), sets up the call, warms up 2 s, measures {@code seconds}, hangs up. */
    static BaresipCallCpu measure(int seconds) throws Exception {
        Baresip.Options opus = Baresip.Options.defaults().onlyCodecs("opus/48000/1");
        return measure(seconds, opus, opus);
    }

    /**
     * The same with baresip's Opus encoder set as the SDK's ({@code OpusEncoder}): VOIP application,
     * 24 kbit/s, complexity 7, in-band FEC and DTX on. Its defaults are the AUDIO application,
     * libopus's own bitrate and complexity 10.
     */
    static BaresipCallCpu measureWithSdkEncoderSettings(int seconds) throws Exception {
        Baresip.Options opus = Baresip.Options.defaults().onlyCodecs("opus/48000/1").withSettings(SDK_ENCODER_SETTINGS);
        return measure(seconds, opus, opus);
    }

    /**
     * The phones speak: each one's microphone is baresip's aufile source playing {@code callerWav} /
     * {@code calleeWav} (48 kHz mono; baresip 1.0 ends the call when the file ends, so each must last
     * the warm-up, the measure and the set-up), with baresip's own Opus settings or the SDK's.
     */
    static BaresipCallCpu measureSpeaking(int seconds, Path callerWav, Path calleeWav, boolean sdkSettings) throws Exception {
        Baresip.Options opus = Baresip.Options.defaults().onlyCodecs("opus/48000/1");
        if (sdkSettings) {
            opus = opus.withSettings(SDK_ENCODER_SETTINGS);
        }
        return measure(seconds, opus.playing(callerWav, 48_000), opus.playing(calleeWav, 48_000));
    }

    /** The same with baresip's Speex preprocessor (speex_pp: noise suppression, AGC) on both phones' microphones. */
    static BaresipCallCpu measureWithPreprocessor(int seconds) throws Exception {
        Baresip.Options opus = Baresip.Options.defaults().onlyCodecs("opus/48000/1").withFilters("speex_pp");
        return measure(seconds, opus, opus);
    }

    private static BaresipCallCpu measure(int seconds, Baresip.Options opus, Baresip.Options calleeOpus) throws Exception {
        try (Baresip caller = Baresip.start("benchcaller", "", 0, false, opus);
             Baresip callee = Baresip.start("benchcallee", "", 0, true, calleeOpus)) {
            caller.command("dial", "sip:benchcallee@127.0.0.1:" + callee.sipPort());
            caller.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(20));
            callee.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(20));
            if (!caller.log().contains("Set audio encoder: opus 48000Hz")) {
                throw new IllegalStateException("baresip did not settle on Opus:\n" + caller.log());
            }
            for (String filter : opus.filters()) {
                if (!caller.log().contains("aufilt: " + filter)) {
                    throw new IllegalStateException("baresip did not load the filter " + filter + ":\n" + caller.log());
                }
            }
            Thread.sleep(2_000); // warm-up: jitter buffers filled, both directions flowing
            requireBaresip(caller.pid());
            requireBaresip(callee.pid());
            long callerTicks0 = cpuTicks(caller.pid());
            long calleeTicks0 = cpuTicks(callee.pid());
            long wall0 = System.nanoTime();
            Thread.sleep(seconds * 1_000L);
            long callerTicks = cpuTicks(caller.pid()) - callerTicks0;
            long calleeTicks = cpuTicks(callee.pid()) - calleeTicks0;
            double wall = (System.nanoTime() - wall0) / 1e9;
            caller.command("hangup", null);
            double msPerTick = 1000.0 / clockTicksPerSecond();
            return new BaresipCallCpu(callerTicks * msPerTick / wall, calleeTicks * msPerTick / wall, wall);
        }
    }

    /** The fixture starts baresip through stdbuf, which execs it: the pid must now be baresip itself. */
    private static void requireBaresip(long pid) throws IOException {
        String comm = Files.readString(Path.of("/proc", Long.toString(pid), "comm"), StandardCharsets.US_ASCII).trim();
        if (!comm.equals("baresip")) {
            throw new IllegalStateException("pid " + pid + " is " + comm + ", not baresip");
        }
    }

    /** utime + stime of a process in clock ticks (fields 14 and 15 of /proc/pid/stat, counted after the command name). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // f[0] is field 3 (state)
    }

    private static long clockTicksPerSecond() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor();
        return Long.parseLong(out);
    }
}
