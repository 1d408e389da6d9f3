package org.ltintercom.callserver.sip;

import org.ltintercom.callserver.CallServer;
import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.callserver.cdr.Cdr;
import org.ltintercom.callserver.cdr.CdrQuery;
import org.ltintercom.callserver.mqtt.InMemoryWakeupPublisher;
import org.ltintercom.callserver.testing.peers.PeerProcess;
import org.ltintercom.callserver.testing.peers.Sipp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A call-server (SQLite; users door-1, indoor-1, indoor-2, all with SIP password
 * {@value #SIP_PASSWORD}, which the SIPp scenarios carry literally: SIPp cannot put a -key value
 * into its [authentication] keyword) on free loopback ports with an in-memory wakeup publisher,
 * and helpers to register SIPp devices at its SIP port.
 */
final class SipServerFixture implements AutoCloseable {
    static final String DOOR = "door-1";
    static final String INDOOR = "indoor-1";
    static final String INDOOR_2 = "indoor-2";
    static final String SIP_PASSWORD = "lt-test-sip-secret";
    static final Duration WAIT = Duration.ofSeconds(30);

    final CallServer server;
    final InMemoryWakeupPublisher wakeups = new InMemoryWakeupPublisher();

    private SipServerFixture(Path dir, CallServerConfig.Builder config) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        Path users = dir.resolve("users.yaml");
        StringBuilder yaml = new StringBuilder("users:\n");
        int n = 0;
        for (String user : List.of(DOOR, INDOOR, INDOOR_2)) {
            n++;
            yaml.append("  - {userID: ").append(user).append(", uuid: uuid-").append(user).append(", semiUID: semi-")
                    .append(user).append(", phoneNumber: \"+88690000000").append(n).append("\", deviceID: dev-")
                    .append(user).append(", brandID: b, corpID: c, sipPassword: ").append(SIP_PASSWORD)
                    .append(", nickName: Nick ").append(user).append("}\n");
        }
        java.nio.file.Files.writeString(users, yaml);
        server = CallServer.start(config.dataDir(dir.resolve("data")).usersFile(users).adminToken("test-admin")
                .build(), wakeups);
    }

    static SipServerFixture start(Path dir) throws Exception {
        return new SipServerFixture(dir, CallServerConfig.builder());
    }

    static SipServerFixture start(Path dir, CallServerConfig.Builder config) throws Exception {
        return new SipServerFixture(dir, config);
    }

    int sipPort() {
        return server.sipPort();
    }

    /** Registers a device of {@code user} whose Contact is the SIPp UAS {@code device} (REGISTER with digest). */
    void register(String user, Sipp device, String instance) throws Exception {
        int before = server.sip().locations().bindingsOf(user).size();
        try (Sipp reg = Sipp.uac("csRegister", user, sipPort(), Map.of("user", user,
                "contact_port", Integer.toString(device.port()), "instance", instance))) {
            reg.awaitSuccess(WAIT);
        }
        if (server.sip().locations().bindingsOf(user).size() != before + 1) {
            throw new AssertionError("no new binding for " + user + ": " + server.sip().locations().bindingsOf(user));
        }
    }

    /** Waits for the CDR of {@code callee}'s call to appear; returns all of its CDRs, newest first. */
    List<Cdr> awaitCdrs(String callee, int count) throws Exception {
        CdrQuery q = new CdrQuery(callee, Long.MAX_VALUE, -CdrQuery.MAX_PAGE);
        if (!PeerProcess.await(WAIT, () -> cdrCount(q) >= count)) {
            throw new AssertionError("no CDR for " + callee + " within " + WAIT);
        }
        return server.cdrs().query(q).cdrs();
    }

    private int cdrCount(CdrQuery q) {
        try {
            return server.cdrs().query(q).cdrs().size();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        wakeups.close();
    }
}
