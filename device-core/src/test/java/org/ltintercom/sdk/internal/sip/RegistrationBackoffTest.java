package org.ltintercom.sdk.internal.sip;

import org.junit.jupiter.api.Test;

import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delay before the next REGISTER after failures: doubling from retryMin, capped at retryMax,
 * each minus up to a quarter at random, so that a building's door stations that lost the server
 * together do not all come back in the same millisecond.
 */
class RegistrationBackoffTest {
    private static final Duration MIN = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(60);
    private static final int SAMPLES = 200;

    @Test
    void retriesDoubleUpToTheCapWithUpToAQuarterOfJitter() throws Exception {
        ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "lt-test-sip-events"));
        SipEndpoint endpoint = new SipEndpoint(TestAgents.config("alice", "alice-secret", 9, "udp")
                .withTimers(Duration.ofMillis(500), MIN, MAX, Duration.ofSeconds(60), Duration.ofSeconds(30)), events);
        try {
            endpoint.start(new IgnoringRequests());
            Registration registration = new Registration(endpoint, state -> { });
            for (int failures = 1; failures <= 40; failures++) {
                long nominal = Math.min(MIN.toMillis() << Math.min(failures - 1, 20), MAX.toMillis());
                Set<Long> seen = new HashSet<>();
                for (int i = 0; i < SAMPLES; i++) {
                    long delay = registration.backoff(failures).toMillis();
                    assertTrue(delay <= nominal && delay >= nominal * 3 / 4,
                            "after " + failures + " failures: " + delay + " ms, not in [0.75, 1] x " + nominal + " ms");
                    seen.add(delay);
                }
                assertTrue(seen.size() > SAMPLES / 4, "after " + failures + " failures the delays do not spread: " + seen);
            }
        } finally {
            endpoint.close();
            events.shutdownNow();
        }
    }

    private static final class IgnoringRequests implements SipEndpoint.Requests {
        @Override
        public void onRequest(RequestEvent event) {
        }

        @Override
        public void onDialogTerminated(Dialog dialog) {
        }

        @Override
        public void onServerTimeout(ServerTransaction transaction) {
        }
    }
}
