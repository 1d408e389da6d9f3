package org.ltintercom.sdk.internal.call;

import org.ltintercom.sdk.internal.media.AudioCodec;
import org.ltintercom.sdk.internal.media.MediaDirection;
import org.ltintercom.sdk.internal.media.MediaParams;
import org.ltintercom.sdk.internal.sdp.Direction;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How init's SIP account, an INVITE's caller and SDP's outcome become what the SIP and media layers take. */
class SipAccountMappingTest {

    @Test
    void theProxyUriGivesHostPortAndTransport() {
        assertEquals(new SipCallSignallingFactory.Proxy("127.0.0.1", 5070, "udp"),
                SipCallSignallingFactory.parseProxy("sip:127.0.0.1:5070", List.of("udp", "tcp")));
        assertEquals(new SipCallSignallingFactory.Proxy("sip.example", 5060, "tcp"),
                SipCallSignallingFactory.parseProxy("sip:sip.example;transport=TCP", List.of("udp")));
        assertEquals(new SipCallSignallingFactory.Proxy("127.0.0.2", 6000, "tcp"),
                SipCallSignallingFactory.parseProxy("sip:127.0.0.2:6000", List.of("tls", "tcp")));
    }

    @Test
    void theDevicesOwnTransportReplacesTheAccountsAndNothingElse() {
        SipCallSignallingFactory.Proxy account = SipCallSignallingFactory.parseProxy("sip:127.0.0.1:5070", List.of("udp"));
        assertEquals(new SipCallSignallingFactory.Proxy("127.0.0.1", 5070, "tcp"),
                SipCallSignallingFactory.withTransport(account, Optional.of("tcp")));
        assertEquals(account, SipCallSignallingFactory.withTransport(account, Optional.empty()));
        assertEquals(account, SipCallSignallingFactory.withTransport(account, Optional.of("udp")));
    }

    @Test
    void aProxyWeCannotUseIsRefusedNamingTheField() {
        assertEquals("sip.proxy: missing",
                assertThrows(IllegalArgumentException.class, () -> SipCallSignallingFactory.parseProxy(" ", List.of()))
                        .getMessage());
        assertEquals("sip.proxy: 'sip:h:x': port is not a number", assertThrows(IllegalArgumentException.class,
                () -> SipCallSignallingFactory.parseProxy("sip:h:x", List.of())).getMessage());
        assertEquals("sip.proxy: 'sips:h': sips (TLS) is not supported", assertThrows(IllegalArgumentException.class,
                () -> SipCallSignallingFactory.parseProxy("sips:h", List.of())).getMessage());
        assertEquals("sip.proxy: 'sip:h;transport=sctp': transport sctp is not udp or tcp",
                assertThrows(IllegalArgumentException.class,
                        () -> SipCallSignallingFactory.parseProxy("sip:h;transport=sctp", List.of())).getMessage());
    }

    @Test
    void theCallerOfAPlainInviteIsTheUserPartOfItsUri() {
        assertEquals("u-3", SipCallSignalling.callerUser("sip:u-3@127.0.0.1:5060;transport=udp"));
        assertEquals("door", SipCallSignalling.callerUser("sips:door@lt.example"));
        assertEquals("unknown", SipCallSignalling.callerUser(null));
    }

    @Test
    void negotiatedSdpBecomesMediaParams() throws Exception {
        MediaParams opus = CallMedia.params(new NegotiatedMedia("127.0.0.1", 40000, 111, "opus", 48000, 2,
                "useinbandfec=1", 101, 48000, 20, Direction.SENDONLY, false));
        assertEquals(AudioCodec.OPUS, opus.codec());
        assertEquals(101, opus.telephoneEventType());
        assertEquals(MediaDirection.SENDONLY, opus.direction());
        assertEquals(40000, opus.remoteRtp().getPort());
        MediaParams pcma = CallMedia.params(new NegotiatedMedia("127.0.0.1", 40002, 8, "PCMA", 8000, 1, null,
                -1, 0, 20, Direction.SENDRECV, false));
        assertEquals(AudioCodec.PCMA, pcma.codec());
        assertEquals(-1, pcma.telephoneEventType());
        assertThrows(IllegalArgumentException.class, () -> CallMedia.params(new NegotiatedMedia("127.0.0.1", 40004, 9,
                "G722", 8000, 1, null, -1, 0, 20, Direction.SENDRECV, false)));
    }
}
