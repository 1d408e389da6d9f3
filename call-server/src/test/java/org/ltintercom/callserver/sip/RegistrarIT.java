package org.ltintercom.callserver.sip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.callserver.testing.peers.Sipp;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.callserver.sip.SipServerFixture.INDOOR;

/** REGISTER against call-server with SIPp: digest challenge, several devices per user. */
class RegistrarIT {

    @Test
    void twoDevicesOfOneUserRegisterWithDigestAndGetOneBindingEach(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir);
             Sipp deviceA = Sipp.uas("csDeviceBusy", INDOOR, "udp");
             Sipp deviceB = Sipp.uas("csDeviceBusy", INDOOR, "udp")) {
            f.register(INDOOR, deviceA, "device-a");
            f.register(INDOOR, deviceB, "device-b");
            List<Binding> bindings = f.server.sip().locations().bindingsOf(INDOOR);
            assertEquals(2, bindings.size(), bindings.toString());
            assertTrue(bindings.stream().anyMatch(b -> b.contact().contains(":" + deviceA.port())), bindings.toString());
            assertTrue(bindings.stream().anyMatch(b -> b.contact().contains(":" + deviceB.port())), bindings.toString());
        }
    }

    @Test
    void challengeMinExpiresWrongPasswordAndUnregisterFollowTheRules(@TempDir Path dir) throws Exception {
        try (SipServerFixture f = SipServerFixture.start(dir);
             Sipp device = Sipp.uac("csRegisterRules", INDOOR, f.sipPort())) {
            device.awaitSuccess(SipServerFixture.WAIT);
            String log = device.messages();
            assertTrue(log.contains("SIP/2.0 401") && log.contains("qop=\"auth\""), log);
            assertTrue(log.contains("SIP/2.0 423") && log.contains("Min-Expires: 60"), log);
            assertTrue(log.contains("SIP/2.0 403"), "wrong password: " + log);
            assertEquals(List.of(), f.server.sip().locations().bindingsOf(INDOOR), "unregistered with Expires 0");
        }
    }
}
