package org.ltintercom.sdk.internal.sdp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionDescriptionTest {

    private static String error(String sdp) {
        return assertThrows(SdpParseException.class, () -> SessionDescription.parse(sdp)).getMessage();
    }

    @Test
    void parsesOriginConnectionMediaAndAttributes() throws Exception {
        SessionDescription d = SessionDescription.parse(SdpOfferTest.BARESIP_OFFER);
        assertEquals("1187546236", d.origin().sessionId());
        assertEquals(3064221487L, d.origin().version());
        assertEquals("127.0.0.1", d.connectionAddress());
        MediaDescription audio = d.audio();
        assertEquals(10010, audio.port());
        assertEquals(4, audio.formats().size());
        assertEquals("stereo=1;sprop-stereo=1", audio.find("opus", 48000).fmtp());
        assertEquals(20, audio.ptime());
        assertEquals(Direction.SENDRECV, audio.direction());
    }

    @Test
    void sessionLevelDirectionAppliesToMediaWithoutOne() throws Exception {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\na=sendonly\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n";
        assertEquals(Direction.SENDONLY, SessionDescription.parse(sdp).audio().direction());
    }

    @Test
    void mediaLevelConnectionOverridesTheSessionOne() throws Exception {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 127.0.0.2\r\n";
        SessionDescription d = SessionDescription.parse(sdp);
        assertNull(d.connectionAddress());
        assertEquals("127.0.0.2", d.connectionFor(d.audio()));
    }

    @Test
    void formatThenParseGivesTheSameDescription() throws Exception {
        SessionDescription d = SessionDescription.parse(SdpOfferTest.ASTERISK_OFFER);
        assertEquals(d, SessionDescription.parse(d.format()));
    }

    @Test
    void malformedLinesAreRejectedNamingLineNumberAndText() {
        assertTrue(error("").contains("empty"));
        assertTrue(error("o=- 1 1 IN IP4 1.2.3.4\r\n").contains("line 1"), "v= must come first");
        String bad = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nm=audio notaport RTP/AVP 0\r\n";
        String msg = error(bad);
        assertTrue(msg.contains("line 4") && msg.contains("m=audio notaport") && msg.contains("port"), msg);
        msg = error("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n");
        assertTrue(msg.contains("line 5") && msg.contains("rtpmap"), msg);
        msg = error("v=0\r\no=- 1 1 IN IP4\r\n");
        assertTrue(msg.contains("line 2") && msg.contains("6 fields"), msg);
        msg = error("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ngarbage\r\n");
        assertTrue(msg.contains("line 3") && msg.contains("<letter>=<value>"), msg);
        msg = error("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\nc=IN IPX 127.0.0.1\r\n");
        assertTrue(msg.contains("line 3") && msg.contains("c="), msg);
        msg = error("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\nm=audio 70000 RTP/AVP 0\r\n");
        assertTrue(msg.contains("out of range"), msg);
        assertTrue(error("v=0\r\ns=-\r\n").contains("no o= line"));
        assertTrue(error("v=0\r\n" + "a=x\r\n".repeat(5000)).contains("more than"));
    }
}
