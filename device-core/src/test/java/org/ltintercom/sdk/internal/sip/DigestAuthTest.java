package org.ltintercom.sdk.internal.sip;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DigestAuthTest {

    @Test
    void qopAuthResponseMatchesTheRfc2617Example() {
        assertEquals("6629fae49393a05397450978507c4ef1", DigestAuth.response("Mufasa", "testrealm@host.com",
                "Circle Of Life", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", 1,
                "0a4f113b"));
    }

    @Test
    void responseWithoutQopMatchesTheRfc2069Example() {
        assertEquals("1949323746fe6a43ef61f9606e7febea", DigestAuth.response("Mufasa", "testrealm@host.com",
                "CircleOfLife", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", null, 0, null));
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertFalse(new DigestAuth("alice", "s3cret-pw").toString().contains("s3cret-pw"));
        assertFalse(SipConfig.of(java.net.InetAddress.getLoopbackAddress(), 0, "alice", "s3cret-pw", "127.0.0.1",
                "127.0.0.1", 5060, "udp").toString().contains("s3cret-pw"));
    }

    @Test
    void nonceCountIsEightLowerCaseHexDigits() {
        assertEquals("00000001", DigestAuth.nonceCount(1));
        assertEquals("000000ff", DigestAuth.nonceCount(255));
        assertEquals("abcdef12", DigestAuth.nonceCount(0xabcdef12));
    }

    @Test
    void responsesStayRightWhenComputedOneAfterAnother() {
        // the MD5 engine is cloned per digest: no state may leak from one response into the next
        for (int i = 0; i < 3; i++) {
            qopAuthResponseMatchesTheRfc2617Example();
            responseWithoutQopMatchesTheRfc2069Example();
        }
    }
}
