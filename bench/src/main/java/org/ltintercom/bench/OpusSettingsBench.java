package org.ltintercom.bench;

import com.sun.jna.Memory;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.ptr.ShortByReference;
import org.ltintercom.sdk.internal.media.OpusNatives;
import tomp2p.opuswrapper.Opus;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.IntBuffer;
import java.util.Locale;

/**
 * What an encoder setting costs: CPU per 20 ms frame of libopus's encoder (48 kHz mono) on a voice-
 * like signal (a 440 Hz tone with a slow vibrato and a 3 Hz amplitude envelope, never silent), for
 * the SDK's settings and the variants that decide its cost: the expected-loss hint that makes the
 * encoder add in-band FEC (LBRR) data, the complexity, and baresip's defaults. Also the bytes per
 * frame, since FEC costs bandwidth too. libopus is called directly (JNA), so the figures are the
 * library's own, one thread, after a warm-up.
 *
 * <p>Usage: {@code OpusSettingsBench [frames per row, default 5000]}
 */
public final class OpusSettingsBench {
    private static final int RATE = 48_000;
    private static final int FRAME = 960;

    private record Setting(String name, int application, int bitrate, int complexity, boolean fec, int lossPercent) {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        OpusNatives.LoadedOpus opus = OpusNatives.processWide();
        System.out.printf(Locale.ROOT, "OpusSettingsBench: libopus %s (%s), %d frames per row after 1000 of warm-up%n",
                opus.version(), opus.source(), frames);
        Setting[] settings = {
            new Setting("SDK: VOIP 24k c7 FEC, loss hint 5 % (a call's start)", Opus.OPUS_APPLICATION_VOIP, 24_000, 7, true, 5),
            new Setting("SDK: VOIP 24k c7 FEC, loss hint 2 % (floor)", Opus.OPUS_APPLICATION_VOIP, 24_000, 7, true, 2),
            new Setting("VOIP 24k c7 FEC, loss hint 0 % (no LBRR)", Opus.OPUS_APPLICATION_VOIP, 24_000, 7, true, 0),
            new Setting("VOIP 24k c7, FEC off", Opus.OPUS_APPLICATION_VOIP, 24_000, 7, false, 0),
            new Setting("VOIP 24k c5 FEC, loss hint 2 %", Opus.OPUS_APPLICATION_VOIP, 24_000, 5, true, 2),
            new Setting("VOIP 24k c10 FEC, loss hint 2 %", Opus.OPUS_APPLICATION_VOIP, 24_000, 10, true, 2),
            new Setting("baresip 1.0 defaults: AUDIO, auto bitrate, c10", Opus.OPUS_APPLICATION_AUDIO, Opus.OPUS_AUTO, 10, false, 0),
        };
        short[] pcm = voiceLike(frames + 1_000);
        if (Boolean.getBoolean("bench.reverse")) {
            java.util.Collections.reverse(java.util.Arrays.asList(settings));
        }
        System.out.printf(Locale.ROOT, "%-58s %12s %14s%n", "encoder setting", "us/frame", "bytes/frame");
        for (Setting s : settings) {
            double[] r = measure(opus.api(), s, pcm, frames);
            System.out.printf(Locale.ROOT, "%-58s %12.1f %14.1f%n", s.name(), r[0], r[1]);
        }
    }

    /** {CPU us per frame, bytes per frame} over {@code frames} after 1000 warm-up frames. */
    private static double[] measure(Opus api, Setting s, short[] pcm, int frames) {
        IntBuffer error = IntBuffer.allocate(1);
        PointerByReference enc = api.opus_encoder_create(RATE, 1, s.application(), error);
        if (error.get(0) != Opus.OPUS_OK) {
            throw new IllegalStateException("opus_encoder_create: " + error.get(0));
        }
        try (Memory in = new Memory(2L * FRAME); Memory out = new Memory(1275)) {
            ctl(api, enc, Opus.OPUS_SET_BITRATE_REQUEST, s.bitrate());
            ctl(api, enc, Opus.OPUS_SET_COMPLEXITY_REQUEST, s.complexity());
            ctl(api, enc, Opus.OPUS_SET_INBAND_FEC_REQUEST, s.fec() ? 1 : 0);
            ctl(api, enc, Opus.OPUS_SET_PACKET_LOSS_PERC_REQUEST, s.lossPercent());
            if (s.application() == Opus.OPUS_APPLICATION_VOIP) {
                ctl(api, enc, Opus.OPUS_SET_SIGNAL_REQUEST, Opus.OPUS_SIGNAL_VOICE);
                ctl(api, enc, Opus.OPUS_SET_DTX_REQUEST, 1);
            }
            ShortByReference ref = new ShortByReference();
            ref.setPointer(in);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = 0;
            long bytes = 0;
            for (int f = 0; f < frames + 1_000; f++) {
                if (f == 1_000) {
                    cpu0 = threads.getCurrentThreadCpuTime();
                }
                in.write(0, pcm, f * FRAME, FRAME);
                int n = api.opus_encode(enc, ref, FRAME, out, 1275);
                if (n < 0) {
                    throw new IllegalStateException("opus_encode: " + n);
                }
                if (f >= 1_000) {
                    bytes += n;
                }
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            return new double[] {cpu / 1e3 / frames, (double) bytes / frames};
        } finally {
            api.opus_encoder_destroy(enc);
        }
    }

    private static void ctl(Opus api, PointerByReference enc, int request, int value) {
        int rc = api.opus_encoder_ctl(enc, request, value);
        if (rc != Opus.OPUS_OK) {
            throw new IllegalStateException("opus_encoder_ctl(" + request + ", " + value + "): " + rc);
        }
    }

    /** A tone that moves like a voice: 440 Hz +-30 Hz at 5 Hz, amplitude swinging 10-100 % at 3 Hz. */
    private static short[] voiceLike(int frames) {
        short[] pcm = new short[frames * FRAME];
        double phase = 0;
        for (int i = 0; i < pcm.length; i++) {
            double t = (double) i / RATE;
            phase += 2 * Math.PI * (440 + 30 * Math.sin(2 * Math.PI * 5 * t)) / RATE;
            double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 3 * t);
            pcm[i] = (short) (10_000 * envelope * Math.sin(phase));
        }
        return pcm;
    }

    private OpusSettingsBench() {
    }
}
