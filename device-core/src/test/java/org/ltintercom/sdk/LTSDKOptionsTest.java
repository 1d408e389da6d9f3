package org.ltintercom.sdk;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.test.FixedAudioBackend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LTSDKOptionsTest {

    private static LTSDKOptions.Builder complete() {
        return LTSDKOptions.builder().licenseKey("demo-license").url("http://127.0.0.1:8080/").userID("door-1").uuid("s3cret-uuid");
    }

    private static void assertRejected(String field, UnaryOperator<LTSDKOptions.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(complete()).build());
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    }

    @Test
    void everyRequiredFieldMissingOrBlankIsRejectedByName() {
        for (String blank : new String[]{null, "", "   "}) {
            assertRejected("licenseKey", b -> b.licenseKey(blank));
            assertRejected("url", b -> b.url(blank));
            assertRejected("userID", b -> b.userID(blank));
            assertRejected("uuid", b -> b.uuid(blank));
        }
    }

    @Test
    void urlMustBeAnHttpOrHttpsUrlWithAHost() {
        assertRejected("url", b -> b.url("ftp://127.0.0.1"));
        assertRejected("url", b -> b.url("127.0.0.1:8080"));
        assertRejected("url", b -> b.url("http://"));
        assertRejected("url", b -> b.url("http://127.0.0.1/x?y=1"));
        assertRejected("url", b -> b.url("http://127.0.0.1:80 80"));
        assertEquals("https://lt.example.net/base", complete().url("https://lt.example.net/base/").build().url());
    }

    @Test
    void timeoutsMustBePositiveAndBounded() {
        assertRejected("requestTimeout", b -> b.requestTimeout(Duration.ZERO));
        assertRejected("requestTimeout", b -> b.requestTimeout(Duration.ofHours(1)));
        assertRejected("connectTimeout", b -> b.connectTimeout(Duration.ofSeconds(-1)));
        assertRejected("connectTimeout", b -> b.connectTimeout(null));
    }

    @Test
    void optionalSettingsHaveDefaultsAnIntercomCanLiveWith() {
        LTSDKOptions options = complete().build();
        assertEquals(LTSDKOptions.DEFAULT_DATA_DIR, options.dataDir());
        assertEquals(Duration.ofSeconds(10), options.requestTimeout());
        assertEquals(Duration.ofSeconds(5), options.connectTimeout());
        assertTrue(options.audioBackend().isEmpty());
        assertEquals("door-1", options.userID());
        assertEquals("http://127.0.0.1:8080", options.url());
    }

    @Test
    void sipAndRtpSettingsAreCheckedAndKept() {
        assertRejected("sipBindAddress", b -> b.sipBindAddress("door.local"));
        assertRejected("sipPort", b -> b.sipPort(70000));
        assertRejected("rtpPorts", b -> b.rtpPorts(1000, 2000));
        assertRejected("rtpPorts", b -> b.rtpPorts(30000, 30000));
        LTSDKOptions o = complete().sipBindAddress("127.0.0.1").sipPort(5062).rtpPorts(20000, 20099).build();
        assertEquals("127.0.0.1", o.sipBindAddress().orElseThrow().getHostAddress());
        assertEquals(5062, o.sipPort());
        assertEquals(20000, o.rtpPortMin());
        assertEquals(20099, o.rtpPortMax());
        LTSDKOptions d = complete().build();
        assertTrue(d.sipBindAddress().isEmpty());
        assertEquals(0, d.sipPort());
        assertEquals(LTSDKOptions.DEFAULT_RTP_PORT_MIN, d.rtpPortMin());
    }

    @Test
    void theSipTransportIsTheAccountsUnlessTheDeviceSaysUdpOrTcp() {
        assertTrue(complete().build().sipTransport().isEmpty());
        assertEquals("tcp", complete().sipTransport(" TCP ").build().sipTransport().orElseThrow());
        assertEquals("udp", complete().sipTransport("udp").build().sipTransport().orElseThrow());
        assertRejected("sipTransport", b -> b.sipTransport("sctp"));
        assertRejected("sipTransport", b -> b.sipTransport(""));
        IllegalArgumentException tls = assertThrows(IllegalArgumentException.class,
                () -> complete().sipTransport("tls").build());
        assertEquals("sipTransport: 'tls' is not udp or tcp (SIP over TLS is not supported)", tls.getMessage());
    }

    @Test
    void dataDirAndAudioBackendAreKept() {
        FixedAudioBackend audio = new FixedAudioBackend(LTAudioRoute.BUILTIN);
        LTSDKOptions options = complete().dataDir(Path.of("/var/lib/lt-intercom/sdk")).audioBackend(audio).build();
        assertEquals(Path.of("/var/lib/lt-intercom/sdk"), options.dataDir());
        assertEquals(audio, options.audioBackend().orElseThrow());
    }

    @Test
    void secretsNeverShowInToString() {
        String text = complete().licenseKey("lic-value").build().toString();
        assertFalse(text.contains("s3cret-uuid"), text);
        assertFalse(text.contains("lic-value"), text);
        assertTrue(text.contains("door-1"), text);
    }
}
