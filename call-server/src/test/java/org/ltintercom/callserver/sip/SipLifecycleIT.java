package org.ltintercom.callserver.sip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.callserver.testing.peers.PeerProcess;
import org.ltintercom.callserver.testing.peers.Sipp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.callserver.sip.SipServerFixture.INDOOR;

/** call-server's SIP half starts with HTTP and stops with it, twice in a row, leaving no thread behind. */
class SipLifecycleIT {

    @Test
    void startStopStartLeavesNoSipThreadBehind(@TempDir Path dir) throws Exception {
        Set<String> before = threadNames();
        for (int round = 1; round <= 2; round++) {
            Set<String> during;
            try (SipServerFixture f = SipServerFixture.start(dir.resolve("round-" + round));
                 Sipp kitchen = Sipp.uas("csDeviceBusy", INDOOR, "udp")) {
                f.register(INDOOR, kitchen, "kitchen");
                during = threadNames();
                assertTrue(during.stream().anyMatch(n -> n.startsWith("lt-cs-sip-")), during.toString());
                assertEquals(1, f.server.sip().locations().size());
            }
            int r = round;
            assertTrue(PeerProcess.await(Duration.ofSeconds(10), () -> threadNames().stream().allMatch(before::contains)),
                    () -> "round " + r + " left threads: " + leftOver(before));
        }
    }

    private static Set<String> leftOver(Set<String> before) {
        Set<String> now = threadNames();
        now.removeAll(before);
        return now;
    }

    private static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (t.isAlive() && !t.getName().startsWith("process reaper") && !t.getName().startsWith("lt-test-")) {
                names.add(t.getName());
            }
        });
        return names;
    }
}
