package org.ltintercom.sdk.internal.sdp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdpOfferTest {

    /** As baresip 1.0 offers (Opus stereo=1 and sprop-stereo, G.711, telephone-event at 8 kHz). */
    static final String BARESIP_OFFER = String.join("\r\n",
            "v=0", "o=- 1187546236 3064221487 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
            "m=audio 10010 RTP/AVP 111 0 8 101", "b=AS:96",
            "a=rtpmap:111 opus/48000/2", "a=fmtp:111 stereo=1;sprop-stereo=1",
            "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15",
            "a=sendrecv", "a=label:1", "a=ssrc:3264562829 cname:ba8b9f6d", "a=rtcp-rsize", "a=ptime:20", "");

    /** As Linphone 5 offers: many codecs, dynamic PTs, session-level c=, rtcp-fb lines. */
    static final String LINPHONE_OFFER = String.join("\r\n",
            "v=0", "o=door 3412 1678 IN IP4 127.0.0.1", "s=Talk", "c=IN IP4 127.0.0.1", "t=0 0",
            "a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics",
            "m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100",
            "a=rtpmap:96 opus/48000/2", "a=fmtp:96 useinbandfec=1",
            "a=rtpmap:97 speex/16000", "a=fmtp:97 vbr=on", "a=rtpmap:98 speex/8000", "a=fmtp:98 vbr=on",
            "a=fmtp:18 annexb=yes", "a=rtpmap:101 telephone-event/48000", "a=rtpmap:99 telephone-event/16000",
            "a=rtpmap:100 telephone-event/8000", "a=rtcp-fb:* trr-int 1000", "a=rtcp-fb:* ccm tmmbr", "");

    /** As Asterisk offers with only G.711 enabled (no Opus), LF line ends. */
    static final String ASTERISK_OFFER = String.join("\n",
            "v=0", "o=- 1921614336 1921614336 IN IP4 127.0.0.1", "s=Asterisk", "c=IN IP4 127.0.0.1", "t=0 0",
            "m=audio 15066 RTP/AVP 0 8 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16", "a=ptime:20", "a=maxptime:150", "a=sendrecv", "");

    @Test
    void offerListsOpusThenG711AndTelephoneEventsAtBothRates() {
        String offer = new SdpOffer("127.0.0.1", 40000).offer(Direction.SENDRECV);
        assertTrue(offer.contains("m=audio 40000 RTP/AVP 111 0 8 101 100\r\n"), offer);
        assertTrue(offer.contains("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 useinbandfec=1; usedtx=1; stereo=0\r\n"), offer);
        assertTrue(offer.contains("a=rtpmap:0 PCMU/8000\r\n") && offer.contains("a=rtpmap:8 PCMA/8000\r\n"), offer);
        assertTrue(offer.contains("a=rtpmap:101 telephone-event/48000\r\n"), offer);
        assertTrue(offer.contains("a=rtpmap:100 telephone-event/8000\r\n"), offer);
        assertTrue(offer.contains("a=ptime:20\r\n") && offer.contains("a=sendrecv\r\n"), offer);
        assertTrue(offer.contains("c=IN IP4 127.0.0.1\r\n"), offer);
    }

    @Test
    void holdReOfferBumpsTheOriginVersionAndAnUnchangedOneKeepsIt() throws Exception {
        SdpOffer sdp = new SdpOffer("127.0.0.1", 40000);
        long first = SessionDescription.parse(sdp.offer(Direction.SENDRECV)).origin().version();
        SessionDescription hold = SessionDescription.parse(sdp.offer(Direction.SENDONLY));
        assertEquals(first + 1, hold.origin().version());
        assertEquals(Direction.SENDONLY, hold.audio().direction());
        assertEquals(first + 1, SessionDescription.parse(sdp.offer(Direction.SENDONLY)).origin().version(),
                "a session refresh with the same SDP keeps the version (RFC 3264 8)");
        assertEquals(first + 2, SessionDescription.parse(sdp.offer(Direction.SENDRECV)).origin().version());
    }

    @Test
    void answersBaresipWithOpusOnItsPayloadTypeAndItsTelephoneEventClock() throws Exception {
        SdpOffer.Answer a = new SdpOffer("127.0.0.1", 40000).answer(BARESIP_OFFER, Direction.SENDRECV);
        NegotiatedMedia m = a.media();
        assertEquals("opus", m.codec());
        assertEquals(111, m.payloadType());
        assertEquals(48000, m.clockRate());
        assertEquals(10010, m.remotePort());
        assertEquals("127.0.0.1", m.remoteAddress());
        // baresip offers telephone-event only at 8 kHz and sends its digits with it next to Opus:
        // taken, or the door code typed on that phone never arrives (SdkBaresipAudioIT)
        assertEquals(101, m.telephoneEventPayloadType());
        assertEquals(8000, m.telephoneEventClockRate());
        assertEquals(Direction.SENDRECV, m.direction());
        assertTrue(a.sdp().contains("m=audio 40000 RTP/AVP 111 101\r\n"), a.sdp());
        assertTrue(a.sdp().contains("a=rtpmap:101 telephone-event/8000\r\n"), a.sdp());
        assertFalse(a.sdp().contains("PCMU"), a.sdp());
    }

    @Test
    void answersLinphoneWithOpus96AndTelephoneEvent101() throws Exception {
        NegotiatedMedia m = new SdpOffer("127.0.0.1", 40000).answer(LINPHONE_OFFER, Direction.SENDRECV).media();
        assertEquals("opus", m.codec());
        assertEquals(96, m.payloadType());
        assertEquals(101, m.telephoneEventPayloadType());
        assertEquals(48000, m.telephoneEventClockRate());
        assertEquals(20, m.ptime(), "no a=ptime: 20 ms");
    }

    @Test
    void answersAsteriskWithoutOpusWithPcmuAndTelephoneEvent8000() throws Exception {
        SdpOffer.Answer a = new SdpOffer("127.0.0.1", 40000).answer(ASTERISK_OFFER, Direction.SENDRECV);
        assertEquals("pcmu", a.media().codec());
        assertEquals(0, a.media().payloadType());
        assertEquals(8000, a.media().clockRate());
        assertEquals(101, a.media().telephoneEventPayloadType());
        assertTrue(a.sdp().contains("m=audio 40000 RTP/AVP 0 101\r\n"), a.sdp());
    }

    @Test
    void sendonlyOfferIsAnsweredRecvonlyAndReportedAsHeldByPeer() throws Exception {
        String hold = ASTERISK_OFFER.replace("a=sendrecv", "a=sendonly");
        SdpOffer.Answer a = new SdpOffer("127.0.0.1", 40000).answer(hold, Direction.SENDRECV);
        assertEquals(Direction.RECVONLY, a.media().direction());
        assertTrue(a.media().heldByPeer());
        assertTrue(a.sdp().contains("a=recvonly\r\n"), a.sdp());
    }

    @Test
    void inactiveOfferIsAnsweredInactive() throws Exception {
        String off = ASTERISK_OFFER.replace("a=sendrecv", "a=inactive");
        SdpOffer.Answer a = new SdpOffer("127.0.0.1", 40000).answer(off, Direction.SENDRECV);
        assertEquals(Direction.INACTIVE, a.media().direction());
        assertTrue(a.media().heldByPeer());
    }

    @Test
    void oldStyleHoldWithNullConnectionAddressStopsOurSending() throws Exception {
        String off = ASTERISK_OFFER.replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0");
        NegotiatedMedia m = new SdpOffer("127.0.0.1", 40000).answer(off, Direction.SENDRECV).media();
        assertTrue(m.heldByPeer());
        assertEquals(Direction.INACTIVE, m.direction());
    }

    @Test
    void answerToOurHoldOfferKeepsUsSendOnly() throws Exception {
        SdpOffer sdp = new SdpOffer("127.0.0.1", 40000);
        sdp.offer(Direction.SENDONLY);
        String peerAnswer = ASTERISK_OFFER.replace("a=sendrecv", "a=recvonly");
        NegotiatedMedia m = sdp.acceptAnswer(peerAnswer, Direction.SENDONLY);
        assertEquals(Direction.SENDONLY, m.direction());
        assertFalse(m.heldByPeer());
    }

    @Test
    void offerWithoutACommonCodecIsRefused() {
        String g729 = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                "m=audio 5000 RTP/AVP 18", "a=rtpmap:18 G729/8000", "");
        var e = assertThrows(SdpNegotiationException.class,
                () -> new SdpOffer("127.0.0.1", 40000).answer(g729, Direction.SENDRECV));
        assertTrue(e.getMessage().contains("no common codec"), e.getMessage());
    }

    @Test
    void srtpOfferIsRefusedNamingTheTransport() {
        String srtp = ASTERISK_OFFER.replace("RTP/AVP", "RTP/SAVP");
        var e = assertThrows(SdpNegotiationException.class,
                () -> new SdpOffer("127.0.0.1", 40000).answer(srtp, Direction.SENDRECV));
        assertTrue(e.getMessage().contains("RTP/SAVP"), e.getMessage());
    }
}
