package org.ltintercom.sdk.internal.sip;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTCallAccountType;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipConfigTest {

    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    private static void rejected(String field, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    }

    @Test
    void badSettingsAreRejectedNamingTheField() {
        rejected("user", () -> SipConfig.of(LO, 0, " ", "p", "127.0.0.1", "127.0.0.1", 5060, "udp"));
        rejected("user", () -> SipConfig.of(LO, 0, "al ice", "p", "127.0.0.1", "127.0.0.1", 5060, "udp"));
        rejected("domain", () -> SipConfig.of(LO, 0, "alice", "p", "a@b", "127.0.0.1", 5060, "udp"));
        rejected("transport", () -> SipConfig.of(LO, 0, "alice", "p", "127.0.0.1", "127.0.0.1", 5060, "sctp"));
        rejected("proxyPort", () -> SipConfig.of(LO, 0, "alice", "p", "127.0.0.1", "127.0.0.1", 0, "udp"));
        rejected("localPort", () -> SipConfig.of(LO, 70000, "alice", "p", "127.0.0.1", "127.0.0.1", 5060, "udp"));
        rejected("registerExpires", () -> SipConfig.of(LO, 0, "alice", "p", "127.0.0.1", "127.0.0.1", 5060, "udp")
                .withRegisterExpires(5));
    }

    @Test
    void callOptionsAreCheckedBeforeAnythingIsSent() {
        LocalMedia media = new LocalMedia("127.0.0.1", 4000);
        rejected("callee", () -> new OutgoingCall("", LTCallAccountType.USER_ID, "c1", null, media));
        rejected("callee", () -> new OutgoingCall("bob<script>", LTCallAccountType.USER_ID, "c1", null, media));
        rejected("extInfoJson", () -> new OutgoingCall("bob", LTCallAccountType.USER_ID, "c1",
                "{\"x\":\"" + "é".repeat(130) + "\"}", media));
        rejected("rtpPort", () -> new LocalMedia("127.0.0.1", 0));
        rejected("isrCode", () -> new OutgoingCall("+886912345678", LTCallAccountType.PHONE_NUMBER, "c1", null, media,
                "isr\r\nX-Injected: 1"));
        new OutgoingCall("+886912345678", LTCallAccountType.PHONE_NUMBER, "c1", "{}", media);
        assertEquals("isr-7", new OutgoingCall("+886912345678", LTCallAccountType.PHONE_NUMBER, "c1", null, media,
                "isr-7").isrCode());
        assertNull(new OutgoingCall("+886912345678", LTCallAccountType.PHONE_NUMBER, "c1", null, media, " ").isrCode(),
                "a blank isrCode is no isrCode");
    }
}
