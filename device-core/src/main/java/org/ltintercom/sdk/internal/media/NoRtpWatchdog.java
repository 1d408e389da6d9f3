package org.ltintercom.sdk.internal.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Watches for the peer's RTP going silent in a call that had audio: one warning after
 * {@code noRtpWarning}, one terminate request after {@code noRtpTimeout} (the call then ends with
 * status 204), and a resume notice when RTP comes back. Not armed before the first packet (a call
 * that never had audio is the signalling's problem) nor while we do not expect RTP (hold).
 *
 * <pre>
 *   RtpReceiver.lastRtpNanos -> [NoRtpWatchdog, every tick] -> MediaListener
 * </pre>
 *
 * Opus DTX still sends a frame every 400 ms, so silence on the line is not silence on the wire.
 * Media thread only.
 */
final class NoRtpWatchdog {
    private static final Logger log = LoggerFactory.getLogger(NoRtpWatchdog.class);
    private static final long RESUMED_NANOS = 100_000_000L;

    private final String callId;
    private final long warningNanos;
    private final long timeoutNanos;
    private final MediaListener listener;
    private boolean warned;
    private boolean timedOut;

    NoRtpWatchdog(String callId, MediaConfig config, MediaListener listener) {
        this.callId = callId;
        this.warningNanos = config.noRtpWarning().toNanos();
        this.timeoutNanos = config.noRtpTimeout().toNanos();
        this.listener = listener;
    }

    void check(long nowNanos, boolean expectingRtp, boolean hadRtp, long lastRtpNanos) {
        if (!expectingRtp || !hadRtp) {
            return;
        }
        long silent = nowNanos - lastRtpNanos;
        if (silent >= warningNanos && !warned) {
            warned = true;
            log.warn("media {}: no RTP for {} ms", callId, silent / 1_000_000);
            listener.onNoRtpWarning(Duration.ofNanos(silent));
        }
        if (silent >= timeoutNanos && !timedOut) {
            timedOut = true;
            log.warn("media {}: no RTP for {} ms, the call should end", callId, silent / 1_000_000);
            listener.onNoRtpTimeout(Duration.ofNanos(silent));
        }
        if (silent < RESUMED_NANOS && warned) {
            warned = false;
            timedOut = false;
            log.info("media {}: RTP is back", callId);
            listener.onRtpResumed();
        }
    }
}
