package org.ltintercom.sdk.internal.media;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Engine settings that do not come from SDP: where to bind, which ports, timers and jitter buffer limits.
 *
 * @param bindAddress       local address the RTP/RTCP sockets bind to
 * @param portMin           lowest port of the RTP range (even RTP port, odd RTCP port)
 * @param portMax           highest port of the range
 * @param rtcpInterval      mean interval between RTCP reports (RFC 3550 says 5 s; randomised 0.5..1.5)
 * @param noRtpWarning      silence after which the call is warned about (after audio was flowing)
 * @param noRtpTimeout      silence after which the call should be terminated (status 204)
 * @param jitterMinMillis   smallest jitter buffer playout delay
 * @param jitterMaxMillis   largest jitter buffer playout delay
 * @param audioProcessing   echo cancellation, noise suppression and AGC of the microphone
 * @param advertisedAddress the address put into our SDP instead of {@code bindAddress} (null: the bind address).
 *                          For a device behind a port-preserving (1:1 or port-forwarded) NAT whose public
 *                          address is fixed: peers send RTP/RTCP to it, with our bound port, and we accept
 *                          RTP only from the address and port the peer put into its SDP (no latching).
 */
public record MediaConfig(InetAddress bindAddress, int portMin, int portMax, Duration rtcpInterval,
                          Duration noRtpWarning, Duration noRtpTimeout, int jitterMinMillis, int jitterMaxMillis,
                          AudioProcessingConfig audioProcessing, InetAddress advertisedAddress) {

    public MediaConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (advertisedAddress != null && (advertisedAddress.isAnyLocalAddress() || advertisedAddress.isMulticastAddress())) {
            throw new IllegalArgumentException("advertisedAddress: must be a unicast address a peer can send to, was "
                    + advertisedAddress.getHostAddress());
        }
        Objects.requireNonNull(audioProcessing, "audioProcessing");
        Objects.requireNonNull(rtcpInterval, "rtcpInterval");
        Objects.requireNonNull(noRtpWarning, "noRtpWarning");
        Objects.requireNonNull(noRtpTimeout, "noRtpTimeout");
        if (portMin < 1024 || portMax > 65535 || portMax - portMin < 1) {
            throw new IllegalArgumentException("portMin/portMax: need 1024 <= min < max <= 65535, was " + portMin + ".." + portMax);
        }
        if (rtcpInterval.toMillis() < 100) {
            throw new IllegalArgumentException("rtcpInterval: must be >= 100 ms, was " + rtcpInterval);
        }
        if (noRtpTimeout.compareTo(noRtpWarning) < 0) {
            throw new IllegalArgumentException("noRtpTimeout: must not be shorter than noRtpWarning");
        }
        if (jitterMinMillis < 20 || jitterMaxMillis > 1000 || jitterMaxMillis < jitterMinMillis) {
            throw new IllegalArgumentException("jitterMinMillis/jitterMaxMillis: need 20 <= min <= max <= 1000, was "
                    + jitterMinMillis + "/" + jitterMaxMillis);
        }
    }

    /** Settings that advertise the bind address itself (no NAT). */
    public MediaConfig(InetAddress bindAddress, int portMin, int portMax, Duration rtcpInterval, Duration noRtpWarning,
                       Duration noRtpTimeout, int jitterMinMillis, int jitterMaxMillis, AudioProcessingConfig audioProcessing) {
        this(bindAddress, portMin, portMax, rtcpInterval, noRtpWarning, noRtpTimeout, jitterMinMillis, jitterMaxMillis,
                audioProcessing, null);
    }

    /** Settings with the microphone processing off ({@link AudioProcessingConfig#off()}). */
    public MediaConfig(InetAddress bindAddress, int portMin, int portMax, Duration rtcpInterval, Duration noRtpWarning,
                       Duration noRtpTimeout, int jitterMinMillis, int jitterMaxMillis) {
        this(bindAddress, portMin, portMax, rtcpInterval, noRtpWarning, noRtpTimeout, jitterMinMillis, jitterMaxMillis,
                AudioProcessingConfig.off());
    }

    /**
     * Defaults for a device: ports 16384..32767, RTCP every 5 s, warn after 5 s and end after 30 s without RTP,
     * playout delay 30..400 ms (docs/media.md: the buffer adds its target plus up to one frame).
     * Microphone processing is off here (the engine stays bit-transparent for tests and tools); a door
     * station turns it on with {@code withAudioProcessing(AudioProcessingConfig.defaults()...)}.
     */
    public static MediaConfig defaults(InetAddress bindAddress) {
        return new MediaConfig(bindAddress, 16_384, 32_767, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 30, 400);
    }

    public MediaConfig withPorts(int min, int max) {
        return new MediaConfig(bindAddress, min, max, rtcpInterval, noRtpWarning, noRtpTimeout,
                jitterMinMillis, jitterMaxMillis, audioProcessing, advertisedAddress);
    }

    public MediaConfig withRtcpInterval(Duration interval) {
        return new MediaConfig(bindAddress, portMin, portMax, interval, noRtpWarning, noRtpTimeout,
                jitterMinMillis, jitterMaxMillis, audioProcessing, advertisedAddress);
    }

    public MediaConfig withNoRtp(Duration warning, Duration timeout) {
        return new MediaConfig(bindAddress, portMin, portMax, rtcpInterval, warning, timeout,
                jitterMinMillis, jitterMaxMillis, audioProcessing, advertisedAddress);
    }

    public MediaConfig withAudioProcessing(AudioProcessingConfig processing) {
        return new MediaConfig(bindAddress, portMin, portMax, rtcpInterval, noRtpWarning, noRtpTimeout, jitterMinMillis,
                jitterMaxMillis, processing, advertisedAddress);
    }

    /** The same settings advertising {@code address} in SDP (a fixed public address of a port-preserving NAT). */
    public MediaConfig withAdvertisedAddress(InetAddress address) {
        return new MediaConfig(bindAddress, portMin, portMax, rtcpInterval, noRtpWarning, noRtpTimeout, jitterMinMillis,
                jitterMaxMillis, audioProcessing, address);
    }

    /** The same settings with the jitter buffer's playout delay kept within {@code minMillis..maxMillis}. */
    public MediaConfig withJitterBuffer(int minMillis, int maxMillis) {
        return new MediaConfig(bindAddress, portMin, portMax, rtcpInterval, noRtpWarning, noRtpTimeout, minMillis,
                maxMillis, audioProcessing, advertisedAddress);
    }

    /** Where peers send our RTP: {@code advertisedAddress} when set, else the bind address. */
    public InetAddress sdpAddress() {
        return advertisedAddress != null ? advertisedAddress : bindAddress;
    }
}
