package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.internal.event.EventThread;
import org.ltintercom.sdk.internal.media.AudioProcessingConfig;
import org.ltintercom.sdk.internal.service.SipAccount;
import org.ltintercom.sdk.spi.AudioBackend;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Everything a signalling implementation is given: the signed-in user, the SIP account from
 * {@code init}, the device's audio backend (when the application gave one in {@code LTSDKOptions}),
 * the SDK event thread, where to listen ({@link Network}), whom to tell about registration and
 * unannounced incoming calls, and what every call does to the microphone ({@code audioProcessing}).
 */
public record SignallingConfig(String userID, SipAccount sip, Optional<AudioBackend> audio, EventThread events,
                               Network network, SignallingListener listener, AudioProcessingConfig audioProcessing) {

    public SignallingConfig {
        java.util.Objects.requireNonNull(audioProcessing, "audioProcessing");
    }

    /** Without microphone processing (a test peer, a relay). */
    public SignallingConfig(String userID, SipAccount sip, Optional<AudioBackend> audio, EventThread events,
                            Network network, SignallingListener listener) {
        this(userID, sip, audio, events, network, listener, AudioProcessingConfig.off());
    }

    /**
     * Local sockets: {@code bindAddress} for SIP and RTP (empty: the address the OS routes towards the
     * proxy), {@code sipPort} (0: any free port), RTP/RTCP pairs from {@code rtpPortMin..rtpPortMax};
     * {@code sipTransport} {@code udp} or {@code tcp} overrides the SIP account's (empty: the account's).
     */
    public record Network(Optional<InetAddress> bindAddress, int sipPort, int rtpPortMin, int rtpPortMax,
                          Optional<String> sipTransport) {

        /** With the SIP account's transport. */
        public Network(Optional<InetAddress> bindAddress, int sipPort, int rtpPortMin, int rtpPortMax) {
            this(bindAddress, sipPort, rtpPortMin, rtpPortMax, Optional.empty());
        }
    }
}
