package org.ltintercom.sdk.internal.sip;

import org.ltintercom.sdk.call.LTCallAccountType;
import org.ltintercom.callserver.testing.peers.FreePorts;

import java.time.Duration;
import java.util.UUID;

/** Configs with short timers for tests: T1 100 ms, retries 300 ms .. 2 s, 20 s no-answer, 2 s keep-alive. */
final class TestAgents {

    private TestAgents() {
    }

    static SipConfig config(String user, String password, int proxyPort, String transport) {
        return SipConfig.of(FreePorts.LOOPBACK, 0, user, password, "127.0.0.1", "127.0.0.1", proxyPort, transport)
                .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(2),
                        Duration.ofSeconds(20), Duration.ofSeconds(2));
    }

    static OutgoingCall callTo(String callee, int rtpPort) {
        return new OutgoingCall(callee, LTCallAccountType.USER_ID, "lt-" + UUID.randomUUID(),
                "{\"door\":\"front\",\"floor\":3}", new LocalMedia("127.0.0.1", rtpPort));
    }
}
