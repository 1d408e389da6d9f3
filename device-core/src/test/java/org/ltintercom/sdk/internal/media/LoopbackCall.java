package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.AudioDeviceException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two media sessions on 127.0.0.1 talking to each other, directly or through a {@link UdpRelay};
 * A's microphone plays {@link #HZ_A}, B's {@link #HZ_B}.
 */
final class LoopbackCall implements AutoCloseable {
    static final double HZ_A = 440;
    static final double HZ_B = 1000;
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final MediaSession a;
    final MediaSession b;
    final ToneCapture micA = new ToneCapture(HZ_A);
    final ToneCapture micB = new ToneCapture(HZ_B);
    final RecordingPlayback speakerA = new RecordingPlayback();
    final RecordingPlayback speakerB = new RecordingPlayback();
    final Events eventsA = new Events();
    final Events eventsB = new Events();
    final UdpRelay relay;

    /** Records what a session reports. */
    static final class Events implements MediaListener {
        final StringBuffer digits = new StringBuffer();
        final CountDownLatch warning = new CountDownLatch(1);
        final CountDownLatch timeout = new CountDownLatch(1);
        final CountDownLatch resumed = new CountDownLatch(1);
        final CountDownLatch bye = new CountDownLatch(1);
        volatile int warnings;
        volatile AudioDeviceException deviceError;

        @Override
        public void onDtmf(char digit) {
            digits.append(digit);
        }

        @Override
        public void onNoRtpWarning(Duration silentFor) {
            warnings++;
            warning.countDown();
        }

        @Override
        public void onNoRtpTimeout(Duration silentFor) {
            timeout.countDown();
        }

        @Override
        public void onRtpResumed() {
            resumed.countDown();
        }

        @Override
        public void onRemoteBye() {
            bye.countDown();
        }

        @Override
        public void onAudioDeviceError(AudioDeviceException error) {
            deviceError = error;
        }
    }

    static MediaConfig config() {
        return MediaConfig.defaults(LOOPBACK).withPorts(20_000, 29_999).withRtcpInterval(Duration.ofMillis(400));
    }

    LoopbackCall(AudioCodec codec, MediaConfig config, boolean viaRelay, long seed) throws Exception {
        Codecs codecs = Codecs.processWide();
        a = MediaSession.open("a", config, codecs, eventsA);
        b = MediaSession.open("b", config, codecs, eventsB);
        InetSocketAddress toB = b.localRtp();
        InetSocketAddress toA = a.localRtp();
        if (viaRelay) {
            relay = new UdpRelay(seed);
            relay.start(a.localRtp(), b.localRtp());
            toB = new InetSocketAddress(LOOPBACK, relay.portForA());
            toA = new InetSocketAddress(LOOPBACK, relay.portForB());
        } else {
            relay = null;
        }
        a.start(params(codec, toB), micA, speakerA);
        b.start(params(codec, toA), micB, speakerB);
    }

    static MediaParams params(AudioCodec codec, InetSocketAddress remote) {
        return codec == AudioCodec.OPUS ? MediaParams.opus(remote, 111, 101) : MediaParams.g711(remote, codec, 101);
    }

    /** Waits until {@code speaker} has played the tone for {@code frames} frames; returns the first loud frame. */
    static int awaitAudio(RecordingPlayback speaker, int from, int frames) {
        int[] first = {-1};
        await(() -> {
            if (first[0] < 0) {
                first[0] = speaker.firstLoudFrame(from, 1_000);
            }
            return first[0] >= 0 && speaker.frames() >= first[0] + frames;
        }, Duration.ofSeconds(15), "audio on the speaker");
        return first[0];
    }

    /**
     * Asserts that {@code speaker} plays {@code hz} from frame {@code from} on, judged frame by frame:
     * most frames carry it strongly (a machine shared by many builds may starve the media thread for
     * a frame or two, and a concealed frame jumps in phase), and no frame carries another tone.
     */
    static void assertHears(RecordingPlayback speaker, int from, double hz) {
        int first = awaitAudio(speaker, from, 40);
        short[] window = speaker.frames(first + 5, first + 40);
        int good = 0;
        for (int f = 0; f < 35; f++) {
            double dominant = Tones.dominant(window, f * 960, 960, 48_000, HZ_A, HZ_B, 700, 2000);
            double amplitude = Tones.amplitudeAt(window, f * 960, 960, hz, 48_000);
            if (dominant == hz && amplitude > 3_000) {
                good++;
            }
            for (double other : new double[] {HZ_A, HZ_B, 700}) {
                double crosstalk = Tones.amplitudeAt(window, f * 960, 960, other, 48_000);
                assertTrue(other == hz || crosstalk < 1_000, "frame " + f + " carries " + other + " Hz: " + crosstalk);
            }
        }
        assertTrue(good >= 21, good + " of 35 frames carry " + hz + " Hz");
    }

    /** Asserts that {@code speaker} stays silent over the next {@code frames} frames. */
    static void assertSilentNext(RecordingPlayback speaker, int frames) {
        int from = speaker.frames();
        await(() -> speaker.frames() >= from + frames, Duration.ofSeconds(10), frames + " frames played");
        short[] window = speaker.frames(from, from + frames);
        double rms = Tones.rms(window, 0, window.length);
        assertTrue(rms < 300, "expected silence, rms " + rms);
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        try {
            a.close();
            b.close();
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
    }
}
