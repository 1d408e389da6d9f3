package org.ltintercom.sdk.internal.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Our side of the SDP offer/answer model (RFC 3264) for one call: it writes offers and
 * answers for our RTP address and port and turns the peer's SDP into {@link NegotiatedMedia}.
 * One instance lives as long as the dialog, so the o= session id stays and the version goes
 * up by one whenever what we send changes (a hold re-offer, a new port).
 *
 * <p>Codec choice: we offer Opus, PCMU, PCMA (in that order) plus telephone-event at 48 kHz
 * and 8 kHz. When answering we pick by the same order, not the offerer's: a door station
 * wants Opus whenever the peer can do it, and G.711 only as a fallback.
 */
public final class SdpOffer {

    /** Opus as RFC 7587 wants it written, mono, with in-band FEC and DTX. */
    public static final String OPUS_FMTP = "useinbandfec=1; usedtx=1; stereo=0";
    public static final int PTIME = 20;
    private static final List<RtpMap> OFFERED = List.of(
            new RtpMap(111, "opus", 48000, 2, OPUS_FMTP),
            new RtpMap(0, "pcmu", 8000, 1, ""),
            new RtpMap(8, "pcma", 8000, 1, ""),
            new RtpMap(101, "telephone-event", 48000, 1, "0-16"),
            new RtpMap(100, "telephone-event", 8000, 1, "0-16"));

    private final String localAddress;
    private final int rtpPort;
    private final String sessionId;
    private long version;
    private String lastSent;

    public SdpOffer(String localAddress, int rtpPort) {
        if (rtpPort <= 0 || rtpPort > 65535) {
            throw new IllegalArgumentException("rtpPort: " + rtpPort + " is not a port");
        }
        this.localAddress = localAddress;
        this.rtpPort = rtpPort;
        this.sessionId = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        this.version = ThreadLocalRandom.current().nextInt(1, 1 << 20);
    }

    /** Our offer, with the direction we want (sendrecv normally; sendonly or inactive to hold). */
    public String offer(Direction direction) {
        return send(OFFERED, direction);
    }

    /** Reads the peer's answer to our last offer. */
    public NegotiatedMedia acceptAnswer(String answer, Direction offered)
            throws SdpParseException, SdpNegotiationException {
        SessionDescription sdp = SessionDescription.parse(answer);
        MediaDescription audio = requireAudio(sdp, "answer");
        RtpMap codec = choose(audio);
        Direction ours = offered.intersect(audio.direction());
        return negotiated(sdp, audio, codec, ours);
    }

    /** Answers the peer's offer; we want {@code wanted} and get no more than the peer allows. */
    public Answer answer(String offer, Direction wanted) throws SdpParseException, SdpNegotiationException {
        return answer(SessionDescription.parse(offer), wanted);
    }

    /** {@link #answer(String, Direction)} for an offer parsed already (by {@link #checkOffer}). */
    public Answer answer(SessionDescription sdp, Direction wanted) throws SdpNegotiationException {
        MediaDescription audio = requireAudio(sdp, "offer");
        RtpMap codec = choose(audio);
        List<RtpMap> formats = new ArrayList<>();
        formats.add(codec.encoding().equals("opus") ? codec.withFmtp(OPUS_FMTP) : codec);
        RtpMap event = telephoneEvent(audio, codec.clockRate());
        if (event != null) {
            formats.add(event);
        }
        Direction ours = wanted.intersect(audio.direction());
        String body = send(formats, ours);
        return new Answer(body, negotiated(sdp, audio, codec, ours));
    }

    /**
     * Checks that we could answer {@code offer} (parsable, an RTP/AVP audio stream, a common
     * codec) without building an answer: an incoming call with an unusable offer is refused
     * with 488 before it rings.
     *
     * @return the parsed offer, for answering it without reading it again
     */
    public static SessionDescription checkOffer(String offer) throws SdpParseException, SdpNegotiationException {
        SessionDescription sdp = SessionDescription.parse(offer);
        choose(requireAudio(sdp, "offer"));
        return sdp;
    }

    /** Our SDP answer and the media it agrees on. */
    public record Answer(String sdp, NegotiatedMedia media) {
    }

    /** The session version of the SDP we last sent (for tests and logs). */
    public long version() {
        return version;
    }

    private String send(List<RtpMap> formats, Direction direction) {
        MediaDescription m = new MediaDescription("audio", rtpPort, "RTP/AVP", formats, PTIME, direction, null);
        String body = build(m, version);
        if (lastSent != null && !body.equals(lastSent)) {
            version++;
            body = build(m, version);
        }
        lastSent = body;
        return body;
    }

    private String build(MediaDescription m, long v) {
        var origin = new SessionDescription.Origin("lt-intercom", sessionId, v, localAddress);
        return new SessionDescription(origin, "lt-intercom", localAddress, List.of(m)).format();
    }

    private static MediaDescription requireAudio(SessionDescription sdp, String what) throws SdpNegotiationException {
        MediaDescription audio = sdp.audio();
        if (audio == null) {
            throw new SdpNegotiationException("SDP " + what + ": no audio stream with a non-zero port");
        }
        if (!audio.proto().equals("RTP/AVP") && !audio.proto().equals("RTP/AVPF")) {
            throw new SdpNegotiationException("SDP " + what + ": transport " + audio.proto()
                    + " is not supported (only RTP/AVP, no SRTP yet)");
        }
        if (sdp.connectionFor(audio) == null) {
            throw new SdpNegotiationException("SDP " + what + ": no c= connection address for the audio stream");
        }
        return audio;
    }

    private static RtpMap choose(MediaDescription audio) throws SdpNegotiationException {
        for (RtpMap wanted : OFFERED) {
            if (wanted.encoding().equals("telephone-event")) {
                continue;
            }
            RtpMap found = audio.find(wanted.encoding(), wanted.clockRate());
            if (found != null) {
                return found;
            }
        }
        throw new SdpNegotiationException("SDP: no common codec (we support opus/48000, PCMU/8000, PCMA/8000)");
    }

    /**
     * The telephone-event at the codec's clock (RFC 4733 wants that), else the 8 kHz one: many
     * phones (baresip 1.0, Asterisk) know only telephone-event/8000 and use it next to Opus. Without
     * this fallback an Opus call with them had no RFC 4733 DTMF at all, and the door code never arrived.
     */
    private static RtpMap telephoneEvent(MediaDescription audio, int clockRate) {
        RtpMap same = audio.find("telephone-event", clockRate);
        return same != null ? same : audio.find("telephone-event", 8000);
    }

    private static NegotiatedMedia negotiated(SessionDescription sdp, MediaDescription audio, RtpMap codec,
                                              Direction ours) {
        String address = sdp.connectionFor(audio);
        boolean nullAddress = "0.0.0.0".equals(address); // RFC 2543 hold
        boolean heldByPeer = !audio.direction().receives() || nullAddress; // the peer does not take our audio
        RtpMap event = telephoneEvent(audio, codec.clockRate());
        int ptime = audio.ptime() > 0 ? audio.ptime() : PTIME;
        return new NegotiatedMedia(address, audio.port(), codec.payloadType(), codec.encoding(), codec.clockRate(),
                codec.channels(), codec.fmtp(), event == null ? -1 : event.payloadType(),
                event == null ? 0 : event.clockRate(), ptime, nullAddress ? Direction.INACTIVE : ours, heldByPeer);
    }
}
