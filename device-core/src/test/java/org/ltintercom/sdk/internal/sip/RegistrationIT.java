package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.callserver.testing.peers.Kamailio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration against a real Kamailio registrar with digest authentication. */
class RegistrationIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob-secret");
    private Kamailio kamailio;
    private SipUserAgent ua;

    @AfterEach
    void tearDown() {
        if (ua != null) {
            ua.stop();
        }
        if (kamailio != null) {
            kamailio.close();
        }
    }

    private Recorder startAgent(SipConfig config) throws Exception {
        Recorder r = new Recorder();
        ua = new SipUserAgent(config, r);
        ua.start();
        return r;
    }

    @Test
    void registersWithDigestQopAuthAndNeverLogsThePassword() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        var captured = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        captured.start();
        root.addAppender(captured);
        try {
            kamailio = Kamailio.start(USERS, 60, true);
            Recorder r = startAgent(TestAgents.config("alice", "alice-secret", kamailio.port(), "udp"));
            RegistrationState s = r.awaitRegistration(WAIT, RegistrationState::isRegistered);
            assertEquals(600, s.expiresSeconds());
            ua.stop();
            ua = null;
        } finally {
            root.detachAppender(captured);
        }
        assertTrue(captured.list.size() > 0, "the registration logged something");
        assertTrue(captured.list.stream().noneMatch(e -> e.getFormattedMessage().contains("alice-secret")),
                "the password never appears in a log line");
    }

    @Test
    void registersWithDigestWithoutQopOverTcp() throws Exception {
        kamailio = Kamailio.start(USERS, 60, false);
        Recorder r = startAgent(TestAgents.config("bob", "bob-secret", kamailio.port(), "tcp"));
        r.awaitRegistration(WAIT, RegistrationState::isRegistered);
    }

    @Test
    void wrongPasswordFailsWithRegisterForbidden() throws Exception {
        kamailio = Kamailio.start(USERS, 60, true);
        Recorder r = startAgent(TestAgents.config("alice", "not-the-password", kamailio.port(), "udp"));
        RegistrationState s = r.awaitRegistration(WAIT, st -> st.kind() == RegistrationState.Kind.FAILED);
        assertEquals(LTCallStatusCode.REGISTER_FORBIDDEN, s.failure());
        assertEquals(102, s.failure().code());
    }

    @Test
    void unknownRegistrarPortFailsWithRegisterUnreachable() throws Exception {
        int nobody = org.ltintercom.callserver.testing.peers.FreePorts.one();
        Recorder r = startAgent(TestAgents.config("alice", "alice-secret", nobody, "udp"));
        RegistrationState s = r.awaitRegistration(WAIT, st -> st.kind() == RegistrationState.Kind.FAILED);
        assertEquals(LTCallStatusCode.REGISTER_UNREACHABLE, s.failure());
    }

    @Test
    void registrationIsRefreshedBeforeItExpires() throws Exception {
        kamailio = Kamailio.start(USERS, 5, true);
        Recorder r = startAgent(TestAgents.config("alice", "alice-secret", kamailio.port(), "udp")
                .withRegisterExpires(10));
        r.awaitRegistration(WAIT, RegistrationState::isRegistered);
        assertTrue(org.ltintercom.callserver.testing.peers.PeerProcess.await(Duration.ofSeconds(30),
                () -> ua.acceptedRegistrations() >= 3), "three accepted REGISTERs (two refreshes) expected, got "
                + ua.acceptedRegistrations());
        assertTrue(ua.registrationState().isRegistered());
    }

    @Test
    void reRegistersAfterTheServerRestarts() throws Exception {
        kamailio = Kamailio.start(USERS, 5, true);
        Recorder r = startAgent(TestAgents.config("alice", "alice-secret", kamailio.port(), "udp")
                .withRegisterExpires(10));
        r.awaitRegistration(WAIT, RegistrationState::isRegistered);
        kamailio.stopProcess();
        RegistrationState down = r.awaitRegistration(Duration.ofSeconds(30),
                st -> st.kind() == RegistrationState.Kind.FAILED);
        assertEquals(LTCallStatusCode.REGISTER_UNREACHABLE, down.failure());
        kamailio.launch();
        r.awaitRegistration(Duration.ofSeconds(30), RegistrationState::isRegistered);
    }

    @Test
    void stopUnregistersAndASecondStartStopCycleLeavesNoThreadBehind() throws Exception {
        kamailio = Kamailio.start(USERS, 60, true);
        Set<String> before = ThreadLeaks.live();
        for (int cycle = 0; cycle < 2; cycle++) {
            // the first cycle over UDP, the second over TCP (connection threads must end too)
            Recorder r = startAgent(TestAgents.config("alice", "alice-secret", kamailio.port(),
                    cycle == 0 ? "udp" : "tcp"));
            r.awaitRegistration(WAIT, RegistrationState::isRegistered);
            ua.stop();
            assertEquals(RegistrationState.Kind.UNREGISTERED, r.last.kind(), "un-REGISTER answered before stop returned");
            ua = null;
            assertEquals(Set.of(), ThreadLeaks.awaitNoneBeyond(before), "threads left after cycle " + (cycle + 1));
        }
        assertFalse(kamailio.log().contains("ERROR: registrar"), kamailio.log());
    }
}
