package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The audio of one call: one UDP port pair and one media thread {@code lt-media-<callId>}.
 *
 * <pre>
 *   every 20 ms (monotonic clock):
 *     CaptureStream -> EchoCanceller (AEC, residual echo + noise suppression, AGC)
 *                   -> RtpSender (mute, DTMF, encoder) -> RTP -------------------> peer
 *                           ^ EchoReference (far end as played, delayed by the echo delay)
 *     PlaybackStream <-+- ToneGenerator <- RtpReceiver.playout (JitterBuffer, decoder)
 *     RtcpReporter: SR/RR when due; NoRtpWatchdog
 *   between ticks: wait on the sockets; each datagram -> RtpReceiver / RtcpReporter
 * </pre>
 *
 * <p>Lifecycle: {@link #open} binds the ports (so SDP can offer them), {@link #start} starts the
 * thread once SDP is negotiated, {@link #close} sends RTCP BYE, stops the thread and frees sockets,
 * codecs and the audio streams (the session owns the streams it is given, also those replaced by
 * {@link #switchAudio}). Control methods may be called from any thread; they take effect at the
 * next tick. Listener callbacks run on the media thread.
 *
 * <p>Ticks are scheduled at {@code start + n x 20 ms} on {@link System#nanoTime()}, so timing errors
 * never accumulate; after a stall of more than 100 ms (suspend, GC) the schedule restarts from now
 * instead of bursting to catch up. The steady state allocates nothing: all buffers are reused.
 */
public final class MediaSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaSession.class);
    private static final long PERIOD_NANOS = AudioFrames.FRAME_MILLIS * 1_000_000L;
    private static final int MAX_DRAIN = 64;
    /** Ticks between published quality snapshots: 500 ms, fresh enough for a display, ~3 bytes per packet. */
    private static final int QUALITY_TICKS = 25;

    private final String callId;
    private final MediaConfig config;
    private final Codecs codecs;
    private final MediaListener listener;
    private final RtpSocket socket;
    private final ToneGenerator tones = new ToneGenerator();
    private final short[] captureFrame = new short[AudioFrames.FRAME_SAMPLES];
    private final short[] playFrame = new short[AudioFrames.FRAME_SAMPLES];
    private final byte[] rtpIn = new byte[2048];
    private final ByteBuffer rtpInBuffer = ByteBuffer.wrap(rtpIn);
    private final AtomicReference<MediaParams> pendingParams = new AtomicReference<>();
    private final AtomicReference<AudioPair> pendingAudio = new AtomicReference<>();
    private final Object lifecycle = new Object();
    private final NoRtpWatchdog watchdog;
    private final EchoCanceller echo;

    private volatile MediaParams params;
    private java.net.InetSocketAddress remoteRtcp; // cached: MediaParams.remoteRtcp() allocates
    private volatile boolean muted;
    private volatile boolean running;
    private Thread thread;
    private boolean closed;
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private RtpSender sender;
    private RtpReceiver receiver;
    private RtcpReporter rtcp;
    private CaptureStream capture;
    private PlaybackStream playback;
    private boolean captureFailed;
    private boolean playbackFailed;
    private final Runnable onBye;
    private final IntConsumer onRemoteLoss;

    private volatile long ticks;
    private volatile long clockResyncs;
    private volatile long captureUnderruns;
    private volatile long audioErrors;
    private volatile long internalErrors;
    /** Written by the media thread only (its counters are plain fields), read by any thread. */
    private volatile CallQuality published;

    private record AudioPair(CaptureStream capture, PlaybackStream playback) {
    }

    private MediaSession(String callId, MediaConfig config, Codecs codecs, MediaListener listener, RtpSocket socket) {
        this.callId = callId;
        this.config = config;
        this.codecs = codecs;
        this.listener = listener;
        this.socket = socket;
        this.onBye = this::remoteBye;
        this.onRemoteLoss = this::remoteLoss;
        this.watchdog = new NoRtpWatchdog(callId, config, this.listener);
        this.echo = EchoCanceller.open(config.audioProcessing());
    }

    /** Binds a fresh RTP/RTCP port pair for a call; {@link #advertisedRtp()} goes into the SDP. */
    public static MediaSession open(String callId, MediaConfig config, Codecs codecs, MediaListener listener)
            throws IOException {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(codecs, "codecs");
        RtpSocket socket = RtpSocket.open(config.bindAddress(), config.portMin(), config.portMax());
        try {
            return new MediaSession(callId, config, codecs, listener == null ? new MediaListener() { } : listener, socket);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public java.net.InetSocketAddress localRtp() {
        return socket.localRtp();
    }

    /** What goes into our SDP: the bound RTP port at {@link MediaConfig#sdpAddress()} (a NAT's public address when set). */
    public java.net.InetSocketAddress advertisedRtp() {
        return new java.net.InetSocketAddress(config.sdpAddress(), socket.localRtp().getPort());
    }

    /**
     * Starts the media thread with the negotiated parameters and the route's audio streams.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start(MediaParams negotiated, CaptureStream captureStream, PlaybackStream playbackStream) {
        Objects.requireNonNull(negotiated, "params");
        synchronized (lifecycle) {
            if (closed || thread != null) {
                throw new IllegalStateException("media session " + callId + " already " + (closed ? "closed" : "started"));
            }
            long now = System.nanoTime();
            params = negotiated;
            remoteRtcp = negotiated.remoteRtcp();
            if (negotiated.telephoneEventType() >= 0 && negotiated.telephoneEventClock() != negotiated.codec().clockRate()) {
                // event timestamps share the audio timeline; a different clock skews their durations only
                log.warn("media {}: telephone-event/{} with {}/{}: DTMF durations use the event clock, timestamps the audio clock",
                        callId, negotiated.telephoneEventClock(), negotiated.codec(), negotiated.codec().clockRate());
            }
            DtmfSender dtmfOut = new DtmfSender(negotiated.telephoneEventType() >= 0
                    ? negotiated.telephoneEventClock() : negotiated.codec().clockRate());
            sender = new RtpSender(socket, negotiated, codecs.encoder(negotiated.codec()), dtmfOut);
            receiver = new RtpReceiver(negotiated, config, codecs);
            receiver.onDigits(listener::onDtmf);
            rtcp = new RtcpReporter("lt-" + Integer.toHexString(sender.ssrc()) + "@" + callId, socket, config, now);
            capture = captureStream;
            playback = playbackStream;
            running = true;
            thread = new Thread(this::run, "lt-media-" + callId);
            thread.setDaemon(true);
            thread.start();
            log.info("media {}: {} pt {} {} -> {} from {}", callId, negotiated.codec(), negotiated.payloadType(),
                    negotiated.direction(), negotiated.remoteRtp(), socket.localRtp());
        }
    }

    /** Mutes the microphone: silence is encoded (DTX with Opus), RTP keeps flowing. */
    public void setMuted(boolean mute) {
        this.muted = mute;
    }

    public boolean isMuted() {
        return muted;
    }

    /** Applies re-negotiated parameters (hold/resume direction, new remote, new codec) at the next tick. */
    public void update(MediaParams newParams) {
        Objects.requireNonNull(newParams, "params");
        if (!codecs.supports(newParams.codec())) {
            throw new IllegalArgumentException("params.codec: " + newParams.codec() + " negotiated but no libopus is loaded");
        }
        pendingParams.set(newParams);
    }

    /** Changes only the direction (hold: sendonly/inactive; resume: sendrecv). */
    public void setDirection(MediaDirection direction) {
        MediaParams base = pendingParams.get();
        if (base == null) {
            base = params;
        }
        if (base == null) {
            throw new IllegalStateException("media session " + callId + " not started");
        }
        update(base.withDirection(direction));
    }

    /** Switches the audio route mid-call: the old streams are closed, RTP goes on uninterrupted. */
    public void switchAudio(CaptureStream newCapture, PlaybackStream newPlayback) {
        AudioPair old = pendingAudio.getAndSet(new AudioPair(newCapture, newPlayback));
        if (old != null) {
            closeStreams(old.capture(), old.playback());
        }
    }

    /**
     * Queues a DTMF digit to send as RFC 4733 event.
     *
     * @return false if the digit is invalid, telephone-event was not negotiated, or the queue is full
     */
    public boolean sendDtmf(char digit) {
        MediaParams p = params;
        return p != null && p.telephoneEventType() >= 0 && sender.dtmfSender().enqueue(digit);
    }

    /** Plays a DTMF digit's dual tone locally for {@code millis} ms (key feedback). */
    public void playTone(char digit, int millis) {
        tones.start(digit, millis);
    }

    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public String callId() {
        return callId;
    }

    private void run() {
        long next = System.nanoTime();
        try {
            while (running) {
                long now = System.nanoTime();
                try {
                    if (now - next >= 0) {
                        tick(now, next);
                        next += PERIOD_NANOS;
                        if (now - next > 5 * PERIOD_NANOS) {
                            next = now + PERIOD_NANOS;
                            clockResyncs++;
                        }
                        continue;
                    }
                    drain(socket.await(next - now));
                } catch (RuntimeException e) {
                    // a bug or a codec failure must not silence the call: count it and go on
                    if (internalErrors++ % 1000 == 0) {
                        log.error("media {}: internal error #{}", callId, internalErrors, e);
                    }
                }
            }
        } catch (IOException e) {
            if (running) {
                log.error("media {}: socket failed, media stops", callId, e);
            }
        } finally {
            try {
                if (socket.isOpen()) {
                    rtcp.sendBye(sender, remoteRtcp);
                }
            } finally {
                release();
            }
        }
    }

    /** Reads only the channels the selector found readable: an empty receive is a wasted system call. */
    private void drain(int ready) throws IOException {
        if ((ready & RtpSocket.RTP_READY) != 0) {
            SocketAddress from;
            int n = 0;
            while (n++ < MAX_DRAIN && (from = socket.receiveRtp(rtpInBuffer)) != null) {
                receiver.onDatagram(rtpIn, rtpInBuffer.position(), from, System.nanoTime());
            }
        }
        if ((ready & RtpSocket.RTCP_READY) != 0) {
            rtcp.drain(System.nanoTime(), remoteRtcp, sender.ssrc(), onBye, onRemoteLoss);
        }
    }

    /**
     * @param scheduled the time this tick was due: the playout clock. After the thread was starved,
     *                  catch-up ticks run back to back; judged by the wall clock they would look
     *                  early and make the jitter buffer stall for nothing.
     */
    private void tick(long now, long scheduled) {
        ticks++;
        applyPending(now);
        boolean read = false;
        if (capture != null && !captureFailed) {
            try {
                read = capture.readFrame(captureFrame);
            } catch (AudioDeviceException e) {
                captureFailed = true;
                audioError(e);
            }
        }
        if (!read) {
            captureUnderruns++;
            Arrays.fill(captureFrame, (short) 0);
        }
        echo.processCapture(captureFrame);
        sender.tick(captureFrame, muted, now);
        receiver.playout(scheduled, playFrame);
        tones.mixInto(playFrame);
        echo.onPlayout(playFrame);
        if (playback != null && !playbackFailed) {
            try {
                playback.writeFrame(playFrame);
            } catch (AudioDeviceException e) {
                playbackFailed = true;
                audioError(e);
            }
        }
        if (ticks % QUALITY_TICKS == 0) {
            published = quality();
        }
        if (rtcp.due(now)) {
            rtcp.sendReport(now, sender, receiver.hasRemoteSsrc() ? receiver.stats() : null, remoteRtcp);
        }
        watchdog.check(now, params.direction().receives(), receiver.everReceived(), receiver.lastRtpNanos());
    }

    private void applyPending(long now) {
        MediaParams p = pendingParams.getAndSet(null);
        if (p != null) {
            MediaParams old = params;
            FrameEncoder newEncoder = null;
            if (p.codec() != old.codec() || p.payloadType() != old.payloadType()) {
                sender.encoder().close();
                newEncoder = codecs.encoder(p.codec());
            }
            sender.update(p, newEncoder);
            receiver.update(p, now);
            params = p;
            remoteRtcp = p.remoteRtcp();
            log.info("media {}: now {} {} -> {}", callId, p.codec(), p.direction(), p.remoteRtp());
        }
        AudioPair audio = pendingAudio.getAndSet(null);
        if (audio != null) {
            closeStreams(capture, playback);
            capture = audio.capture();
            playback = audio.playback();
            captureFailed = false;
            playbackFailed = false;
            echo.reset();
        }
    }

    private void audioError(AudioDeviceException e) {
        audioErrors++;
        log.warn("media {}: audio device failed: {}", callId, e.getMessage());
        listener.onAudioDeviceError(e);
    }

    private void remoteBye() {
        listener.onRemoteBye();
    }

    private void remoteLoss(int percent) {
        sender.encoder().setPacketLossPercent(percent);
    }

    /**
     * The call's quality computed now from the media thread's counters: exact on the media thread
     * and after close, approximate from another thread while it runs (tests wait on it). Other
     * threads read {@link #publishedQuality()}.
     */
    public CallQuality quality() {
        MediaParams p = params;
        if (p == null) {
            throw new IllegalStateException("media session " + callId + " not started");
        }
        RtpSourceStats stats = receiver.stats();
        JitterBuffer jb = receiver.jitterBuffer();
        long expected = stats.started() ? stats.expected() : 0;
        long lost = stats.started() ? Math.max(0, stats.cumulativeLost()) : 0;
        double lossPercent = expected > 0 ? 100.0 * lost / expected : 0;
        double effectiveLoss = expected > 0 ? 100.0 * Math.max(0, lost + jb.late() - jb.fecRecovered()) / expected : 0;
        int clock = p.codec().clockRate();
        long rtt = rtcp.rttMillis();
        double oneWay = (rtt > 0 ? rtt / 2.0 : 0) + jb.delayMillis() + 2 * AudioFrames.FRAME_MILLIS;
        int remoteFraction = rtcp.remoteFractionLost();
        return new CallQuality(p.codec(), sender.packetsSent(), sender.octetsSent(), receiver.received(), lost,
                lossPercent, remoteFraction < 0 ? 0 : remoteFraction * 100.0 / 256,
                stats.started() ? stats.jitter() * 1000.0 / clock : 0, rtcp.remoteJitter() * 1000.0 / clock, rtt,
                jb.concealed() + jb.stalls(), jb.fecRecovered(), jb.late(), jb.delayMillis(), jb.targetMillis(),
                receiver.dropped(), sender.dtmfSender().eventsSent(), receiver.dtmf().digits(),
                CallQuality.estimateMos(p.codec(), effectiveLoss, oneWay));
    }

    /**
     * The quality the media thread last published (every 500 ms, and its final figures when it
     * stops); null before {@link #start}. Safe from any thread.
     */
    public CallQuality publishedQuality() {
        return published;
    }

    /** What the microphone processing really does (UNAVAILABLE without libspeexdsp), for the device status. */
    public AudioProcessingStatus audioProcessingStatus() {
        return echo.status();
    }

    /** Per-stage counters in one line, for logs and the benchmark. */
    public String describeStages() {
        return "MediaSession{" + callId + " ticks=" + ticks + " resyncs=" + clockResyncs + " underruns=" + captureUnderruns
                + " audioErrors=" + audioErrors + " internalErrors=" + internalErrors + " sent=" + sender.packetsSent() + " sendErrors=" + sender.sendErrors()
                + " rtcpSent=" + rtcp.reportsSent() + " rtcpReceived=" + rtcp.reportsReceived()
                + " rtcpMalformed=" + rtcp.malformed() + " rtcpWrongSource=" + rtcp.wrongSource() + " " + receiver + " " + echo + "}";
    }

    // views for tests and the benchmark (MediaBench reads the encoders' FEC hint)
    RtpReceiver receiver() { return receiver; }
    public RtpSender sender() { return sender; }
    RtcpReporter rtcp() { return rtcp; }
    Thread thread() { return thread; }
    long ticks() { return ticks; }

    /**
     * Tells the media thread to stop without waiting for it: it ends its current frame, sends RTCP
     * BYE and frees everything, then completes the returned future (on the media thread; at once if
     * the session never started). For a caller that must not stall for up to a frame (the SIP event
     * thread: the next call's messages wait behind it). Idempotent: every call returns the same future.
     */
    public CompletableFuture<Void> closeAsync() {
        boolean neverStarted;
        synchronized (lifecycle) {
            if (closed) {
                return released;
            }
            closed = true;
            running = false;
            neverStarted = thread == null;
        }
        if (neverStarted) {
            release();
        } else {
            socket.wakeup();
        }
        return released;
    }

    /** Sends RTCP BYE, stops the media thread and frees everything, and waits for that; idempotent. */
    @Override
    public void close() {
        closeAsync();
        Thread t;
        synchronized (lifecycle) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("media {}: media thread did not stop in 2 s; closing its socket", callId);
                socket.close();
            }
        }
    }

    private void release() {
        try {
            freeEverything();
        } finally {
            released.complete(null);
        }
    }

    private void freeEverything() {
        if (sender != null) {
            try {
                published = quality(); // the final figures: nothing counts any more
            } catch (RuntimeException e) {
                log.warn("media {}: final quality not computed", callId, e); // freeing must go on
            }
        }
        socket.close();
        echo.close();
        if (sender != null) {
            sender.encoder().close();
        }
        if (receiver != null) {
            receiver.close();
        }
        closeStreams(capture, playback);
        AudioPair pending = pendingAudio.getAndSet(null);
        if (pending != null) {
            closeStreams(pending.capture(), pending.playback());
        }
        log.info("media {}: closed: {}", callId, sender == null ? "never started" : describeStages());
    }

    private static void closeStreams(CaptureStream c, PlaybackStream p) {
        if (c != null) {
            c.close();
        }
        if (p != null) {
            p.close();
        }
    }
}
