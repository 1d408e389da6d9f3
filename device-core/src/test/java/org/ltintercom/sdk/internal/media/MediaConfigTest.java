package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The media settings that do not come from SDP: what a bad value is told, and where our SDP points. */
class MediaConfigTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void withoutAnAdvertisedAddressTheSdpCarriesTheBindAddress() {
        MediaConfig config = MediaConfig.defaults(LOOPBACK);
        assertNull(config.advertisedAddress());
        assertEquals(LOOPBACK, config.sdpAddress());
    }

    @Test
    void anAdvertisedAddressGoesIntoTheSdpAndSurvivesTheOtherSettings() throws Exception {
        InetAddress nat = InetAddress.getByName("127.0.0.2");
        MediaConfig config = MediaConfig.defaults(LOOPBACK).withAdvertisedAddress(nat).withPorts(30_000, 30_001)
                .withJitterBuffer(20, 300);
        assertEquals(nat, config.sdpAddress());
        assertEquals(LOOPBACK, config.bindAddress());
        assertEquals(20, config.jitterMinMillis());
        assertEquals(300, config.jitterMaxMillis());
    }

    @Test
    void aWildcardOrMulticastAdvertisedAddressIsRefusedByName() throws Exception {
        MediaConfig good = MediaConfig.defaults(LOOPBACK);
        for (String bad : new String[] {"0.0.0.0", "239.1.2.3", "::"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> good.withAdvertisedAddress(InetAddress.getByName(bad)));
            assertTrue(e.getMessage().startsWith("advertisedAddress: "), e.getMessage());
        }
        assertNull(good.advertisedAddress(), "the previous settings stay as they were");
    }

    @Test
    void aJitterBufferOutsideItsLimitsIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MediaConfig.defaults(LOOPBACK).withJitterBuffer(10, 300));
        assertTrue(e.getMessage().startsWith("jitterMinMillis/jitterMaxMillis: "), e.getMessage());
    }
}
