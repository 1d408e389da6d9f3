package org.ltintercom.sdk.internal.media;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What SDP negotiated for one call's audio: where to send, which codec and payload types, and the
 * direction. The media engine takes these as given and knows nothing of SIP.
 *
 * @param remoteRtp           the peer's RTP address and port (RTCP goes to port + 1)
 * @param payloadType         the audio payload type (0 PCMU, 8 PCMA, dynamic for Opus)
 * @param codec               the audio codec
 * @param telephoneEventType  payload type of RFC 4733 telephone-event, or -1 if not negotiated
 * @param telephoneEventClock the clock rate of telephone-event (48000 with Opus, 8000 with G.711)
 * @param ptimeMillis         packet time; only 20 is supported
 * @param direction           sendrecv, sendonly, recvonly or inactive
 */
public record MediaParams(InetSocketAddress remoteRtp, int payloadType, AudioCodec codec,
                          int telephoneEventType, int telephoneEventClock, int ptimeMillis,
                          MediaDirection direction) {

    public MediaParams {
        Objects.requireNonNull(remoteRtp, "remoteRtp");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(direction, "direction");
        if (remoteRtp.isUnresolved()) {
            throw new IllegalArgumentException("remoteRtp: unresolved address " + remoteRtp);
        }
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType: must be 0..127, was " + payloadType);
        }
        if (telephoneEventType < -1 || telephoneEventType > 127 || telephoneEventType == payloadType) {
            throw new IllegalArgumentException("telephoneEventType: must be -1 or 0..127 and differ from the audio type, was "
                    + telephoneEventType);
        }
        if (telephoneEventType >= 0 && telephoneEventClock <= 0) {
            throw new IllegalArgumentException("telephoneEventClock: must be > 0, was " + telephoneEventClock);
        }
        if (ptimeMillis != 20) {
            throw new IllegalArgumentException("ptimeMillis: only 20 ms is supported, was " + ptimeMillis);
        }
    }

    /** Opus with telephone-event/48000, 20 ms, sendrecv. */
    public static MediaParams opus(InetSocketAddress remote, int payloadType, int telephoneEventType) {
        return new MediaParams(remote, payloadType, AudioCodec.OPUS, telephoneEventType, 48_000, 20, MediaDirection.SENDRECV);
    }

    /** G.711 (PCMU or PCMA) with telephone-event/8000, 20 ms, sendrecv. */
    public static MediaParams g711(InetSocketAddress remote, AudioCodec codec, int telephoneEventType) {
        if (codec == AudioCodec.OPUS) {
            throw new IllegalArgumentException("codec: not G.711: " + codec);
        }
        return new MediaParams(remote, codec.staticPayloadType(), codec, telephoneEventType, 8_000, 20, MediaDirection.SENDRECV);
    }

    public MediaParams withDirection(MediaDirection newDirection) {
        return new MediaParams(remoteRtp, payloadType, codec, telephoneEventType, telephoneEventClock, ptimeMillis, newDirection);
    }

    /** Samples per packet at the codec's RTP clock (960 for Opus, 160 for G.711). */
    public int samplesPerPacket() {
        return codec.clockRate() / 1000 * ptimeMillis;
    }

    /** The peer's RTCP address (RTP port + 1; rtcp-mux and a=rtcp are not supported). */
    public InetSocketAddress remoteRtcp() {
        return new InetSocketAddress(remoteRtp.getAddress(), remoteRtp.getPort() + 1);
    }
}
