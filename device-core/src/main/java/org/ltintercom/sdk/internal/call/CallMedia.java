package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCallQualityStats;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.media.AudioCodec;
import org.ltintercom.sdk.internal.media.CallQuality;
import org.ltintercom.sdk.internal.media.Codecs;
import org.ltintercom.sdk.internal.media.MediaConfig;
import org.ltintercom.sdk.internal.media.MediaDirection;
import org.ltintercom.sdk.internal.media.MediaListener;
import org.ltintercom.sdk.internal.media.MediaParams;
import org.ltintercom.sdk.internal.media.MediaSession;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;
import org.ltintercom.sdk.internal.sip.LocalMedia;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The audio of one SDK call: its {@link MediaSession} (opened before the SDP offer or answer, so
 * the RTP port goes into it), started with what SDP negotiated and the audio backend's streams for
 * the call's route, updated on re-INVITEs, closed exactly once.
 *
 * <p>Audio devices: a capture device that cannot be opened (missing, busy, no permission) does not
 * end the call — an indoor unit should still hear the visitor — the call goes on without microphone
 * and {@code warnings} hears 101 NO_RECORD_PERMISSION; the same for a failing speaker. Without an
 * {@link AudioBackend} at all the call sends silence and plays nothing (a test rig, a headless relay).
 */
final class CallMedia {
    private static final Logger log = LoggerFactory.getLogger(CallMedia.class);

    private final String callID;
    private final MediaSession session;
    private final AudioBackend audio;
    private final Consumer<LTCallStatusCode> warnings;
    private final Object lock = new Object();
    private LTAudioRoute route;
    private boolean started;
    private boolean closed;
    private boolean muted;
    private boolean holding; // we hold the peer: our microphone stays private even where SDP lets us send

    private CallMedia(String callID, MediaSession session, AudioBackend audio, LTAudioRoute route,
                      Consumer<LTCallStatusCode> warnings) {
        this.callID = callID;
        this.session = session;
        this.audio = audio;
        this.route = route;
        this.warnings = warnings;
    }

    /** Binds the call's RTP/RTCP ports. */
    static CallMedia open(String callID, MediaConfig config, Codecs codecs, AudioBackend audio,
                          MediaListener listener, Consumer<LTCallStatusCode> warnings) throws IOException {
        MediaSession session = MediaSession.open(callID, config, codecs, listener);
        return new CallMedia(callID, session, audio, firstRoute(audio), warnings);
    }

    /** The route a new call starts on: BUILTIN when present (or nothing is known), else the first there is. */
    static LTAudioRoute firstRoute(AudioBackend audio) {
        Set<LTAudioRoute> available = audio == null ? Set.of() : audio.availableRoutes();
        if (available.isEmpty() || available.contains(LTAudioRoute.BUILTIN)) {
            return LTAudioRoute.BUILTIN;
        }
        return available.stream().sorted().findFirst().orElse(LTAudioRoute.BUILTIN);
    }

    /** Our RTP address for the SDP. */
    LocalMedia local() {
        InetSocketAddress rtp = session.advertisedRtp();
        return new LocalMedia(rtp.getAddress().getHostAddress(), rtp.getPort());
    }

    /** Starts sending and playing with what SDP negotiated; later calls update the running session. */
    void start(NegotiatedMedia negotiated) throws UnknownHostException {
        MediaParams params = params(negotiated);
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (started) {
                session.update(params);
                return;
            }
            started = true;
            CaptureStream capture = openCapture(route);
            PlaybackStream playback = openPlayback(route);
            session.setMuted(muted || holding);
            session.start(params, capture, playback);
        }
    }

    /** A re-INVITE (hold, resume, new address or codec) settled on new media. */
    void update(NegotiatedMedia negotiated) throws UnknownHostException {
        start(negotiated);
    }

    void setMuted(boolean mute) {
        synchronized (lock) {
            muted = mute;
            session.setMuted(mute || holding);
        }
    }

    /**
     * We put the peer on hold, or resume. Our hold offer is {@code a=sendonly}, which would let our
     * microphone go on to the held party; a held visitor must not hear the resident, so while we hold
     * the stream carries silence (RTP keeps flowing, the peer's no-RTP watchdog stays quiet).
     */
    void setHolding(boolean hold) {
        synchronized (lock) {
            holding = hold;
            session.setMuted(muted || hold);
        }
    }

    /** RFC 4733 when negotiated; false when the digit must go another way (SIP INFO). */
    boolean sendDtmf(char digit, boolean playTone) {
        boolean sent;
        synchronized (lock) {
            if (!started || closed) {
                return false;
            }
            sent = session.sendDtmf(digit);
        }
        if (playTone) {
            session.playTone(digit, 120);
        }
        return sent;
    }

    /** Moves the call's audio to {@code newRoute}; before the media starts, only remembers it. */
    void setRoute(LTAudioRoute newRoute) {
        synchronized (lock) {
            if (closed || newRoute == route) {
                route = newRoute;
                return;
            }
            route = newRoute;
            if (started && audio != null) {
                session.switchAudio(openCapture(newRoute), openPlayback(newRoute));
            }
        }
    }

    /** Stops the audio, frees the ports and waits for the media thread to end; idempotent. */
    void close() {
        synchronized (lock) {
            closed = true;
        }
        session.close(); // logs the session's counters itself (once)
    }

    /** Tells the media thread to stop and free everything, without waiting; the future completes when it has. */
    CompletableFuture<Void> closeAsync() {
        synchronized (lock) {
            closed = true;
        }
        return session.closeAsync();
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    MediaSession session() {
        return session;
    }

    /** The media thread's last published quality (its final one once closed); EMPTY before the audio started. */
    LTCallQualityStats qualityStats() {
        CallQuality q = session.publishedQuality();
        return q == null ? LTCallQualityStats.EMPTY : stats(q);
    }

    /** The engine's quality record as the SDK user sees it: fractions instead of %, only what an app can act on. */
    static LTCallQualityStats stats(CallQuality q) {
        return new LTCallQualityStats(q.codec().encodingName(), q.packetsSent(), q.packetsReceived(),
                Math.max(0, q.packetsLost()), fraction(q.lossPercent()), fraction(q.remoteLossPercent()),
                Math.max(0, q.jitterMillis()), Math.max(-1, q.rttMillis()), q.concealedFrames(), q.fecRecovered(),
                Math.max(0, q.jitterDelayMillis()), Math.max(1, Math.min(4.5, q.mos())));
    }

    private static double fraction(double percent) {
        return Math.max(0, Math.min(1, percent / 100));
    }

    private CaptureStream openCapture(LTAudioRoute r) {
        if (audio == null) {
            return null;
        }
        try {
            return audio.openCapture(r);
        } catch (AudioDeviceException | RuntimeException e) {
            log.warn("call {}: the microphone of route {} cannot be opened ({}); the call goes on without it",
                    callID, r, e.getMessage());
            warnings.accept(LTCallStatusCode.NO_RECORD_PERMISSION);
            return null;
        }
    }

    private PlaybackStream openPlayback(LTAudioRoute r) {
        if (audio == null) {
            return null;
        }
        try {
            return audio.openPlayback(r);
        } catch (AudioDeviceException | RuntimeException e) {
            log.warn("call {}: the speaker of route {} cannot be opened ({}); the call goes on without it",
                    callID, r, e.getMessage());
            warnings.accept(LTCallStatusCode.NO_RECORD_PERMISSION);
            return null;
        }
    }

    /** Translates SDP's outcome into the media engine's parameters. */
    static MediaParams params(NegotiatedMedia m) throws UnknownHostException {
        AudioCodec codec = switch (m.codec().toLowerCase(Locale.ROOT)) {
            case "opus" -> AudioCodec.OPUS;
            case "pcmu" -> AudioCodec.PCMU;
            case "pcma" -> AudioCodec.PCMA;
            default -> throw new IllegalArgumentException("codec: " + m.codec() + " is not opus, PCMU or PCMA");
        };
        MediaDirection direction = switch (m.direction()) {
            case SENDRECV -> MediaDirection.SENDRECV;
            case SENDONLY -> MediaDirection.SENDONLY;
            case RECVONLY -> MediaDirection.RECVONLY;
            case INACTIVE -> MediaDirection.INACTIVE;
        };
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(m.remoteAddress()), m.remotePort());
        int eventType = m.hasTelephoneEvent() && m.telephoneEventPayloadType() != m.payloadType()
                ? m.telephoneEventPayloadType() : -1;
        int eventClock = eventType >= 0 ? m.telephoneEventClockRate() : codec.clockRate();
        return new MediaParams(remote, m.payloadType(), codec, eventType, eventClock, 20, direction);
    }
}
