package org.ltintercom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.ltintercom.callserver.CallServer;
import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.callserver.testing.TestUsers;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.callserver.testing.peers.Kamailio;
import org.ltintercom.sdk.call.LTCallAccountType;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.sdp.NegotiatedMedia;
import org.ltintercom.sdk.internal.sip.LocalMedia;
import org.ltintercom.sdk.internal.sip.OutgoingCall;
import org.ltintercom.sdk.internal.sip.RegistrationState;
import org.ltintercom.sdk.internal.sip.SipCallLeg;
import org.ltintercom.sdk.internal.sip.SipCallListener;
import org.ltintercom.sdk.internal.sip.SipConfig;
import org.ltintercom.sdk.internal.sip.SipUserAgent;

import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Signalling-only call setup on loopback: the SDK's SIP user agent calling baresip and another
 * SDK user agent through Kamailio, baresip calling baresip through Kamailio, and SDK user agent
 * to SDK user agent through the project's call-server, in one run so that the ratios are
 * meaningful. Each call is set up, timed from "place the call" to "200 OK received
 * and ACKed", then hung up before the next one starts. No media flows (the RTP port offered
 * is closed), so this measures the SIP stacks, not codecs.
 *
 * <p>baresip is driven over its ctrl_tcp socket: its figure runs from the {@code dial} command
 * to the CALL_ESTABLISHED event, which adds one loopback TCP hop each way to what it measures.
 *
 * <p>Usage: {@code SipSetupBench [calls per row, default 200]}
 */
public final class SipSetupBench {

    private static final Duration STEP = Duration.ofSeconds(10);
    private static final int WARMUP = 20;
    private static final int CLOSED_RTP_PORT = 9;

    private SipSetupBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Map<String, String> users = Map.of("alice", "alice-secret", "bob", "bob-secret",
                "carol", "carol-secret", "dave", "dave-secret", "erin", "erin-secret");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ExecutorService answerer = Executors.newSingleThreadExecutor(r -> new Thread(r, "lt-bench-answer"));
        try (Kamailio kamailio = Kamailio.start(users, 60, true);
             Baresip bob = Baresip.start("bob", "bob-secret", kamailio.port(), true);
             Baresip dave = Baresip.start("dave", "dave-secret", kamailio.port(), true);
             Baresip erin = Baresip.start("erin", "erin-secret", kamailio.port(), true)) {
            SipUserAgent alice = agent(loopback, "alice", "alice-secret", kamailio.port(), leg -> null);
            SipUserAgent carol = agent(loopback, "carol", "carol-secret", kamailio.port(), leg -> {
                answerer.execute(() -> leg.answer(new LocalMedia("127.0.0.1", CLOSED_RTP_PORT)));
                return (l, status) -> { };
            });
            try {
                bob.awaitRegistered(STEP);
                dave.awaitRegistered(STEP);
                erin.awaitRegistered(STEP);
                await(alice);
                await(carol);
                System.out.printf("SipSetupBench: %d calls per row through Kamailio on 127.0.0.1, %d cores, Java %s%n",
                        calls, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
                LatencyTable.header("call setup (place -> 200 OK)");
                measure("SDK UA -> baresip", calls, () -> sdkCall(alice, "bob"));
                measure("SDK UA -> SDK UA", calls, () -> sdkCall(alice, "carol"));
                measure("baresip -> baresip (ctrl_tcp dial)", calls, () -> baresipCall(dave, "erin"));
                System.out.printf("(bob saw %d CALL_CLOSED events)%n", bob.messages().stream()
                        .filter(m -> "CALL_CLOSED".equals(m.path("type").asText())).count());
            } finally {
                alice.close();
                carol.close();
            }
            throughCallServer(loopback, calls, answerer);
        } finally {
            answerer.shutdownNow();
        }
    }

    /** The same SDK-to-SDK call, with call-server as registrar and forking proxy instead of Kamailio. */
    private static void throughCallServer(InetAddress loopback, int calls, ExecutorService answerer) throws Exception {
        TestUsers users = TestUsers.write(Files.createTempDirectory("lt-sipbench"), 2);
        CallServerConfig config = CallServerConfig.builder().usersFile(users.file())
                .dataDir(users.file().getParent().resolve("server")).port(0).build();
        try (CallServer server = CallServer.start(config)) {
            TestUsers.User caller = users.get(0);
            TestUsers.User callee = users.get(1);
            SipUserAgent a = agent(loopback, caller.userID(), caller.sipPassword(), server.sipPort(), leg -> null);
            SipUserAgent b = agent(loopback, callee.userID(), callee.sipPassword(), server.sipPort(), leg -> {
                answerer.execute(() -> leg.answer(new LocalMedia("127.0.0.1", CLOSED_RTP_PORT)));
                return (l, status) -> { };
            });
            try {
                measure("SDK UA -> SDK UA via call-server", calls, () -> sdkCall(a, callee.userID()));
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private interface TimedCall {
        long setupNanos() throws Exception;
    }

    /** Prints one row; a row whose calls fail prints why and the run goes on with the next row. */
    private static void measure(String name, int calls, TimedCall call) {
        try {
            for (int i = 0; i < WARMUP; i++) {
                call.setupNanos();
            }
            long[] nanos = new long[calls];
            long begin = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                nanos[i] = call.setupNanos();
            }
            LatencyTable.row(name, nanos, System.nanoTime() - begin);
        } catch (Exception e) {
            String why = String.valueOf(e.getMessage());
            System.out.printf("%-44s FAILED: %s%n", name, why.length() > 300 ? why.substring(0, 300) + "..." : why);
        }
    }

    private static SipUserAgent agent(InetAddress local, String user, String password, int proxyPort,
                                      java.util.function.Function<SipCallLeg, SipCallListener> onIncoming)
            throws Exception {
        SipConfig config = SipConfig.of(local, 0, user, password, "127.0.0.1", "127.0.0.1", proxyPort, "udp");
        CompletableFuture<Void> registered = new CompletableFuture<>();
        SipUserAgent ua = new SipUserAgent(config, new SipUserAgent.Listener() {
            @Override
            public void onRegistrationChanged(RegistrationState state) {
                if (state.isRegistered()) {
                    registered.complete(null);
                }
            }

            @Override
            public SipCallListener onIncomingCall(SipCallLeg leg) {
                return onIncoming.apply(leg);
            }
        });
        ua.start();
        registered.get(STEP.toSeconds(), TimeUnit.SECONDS);
        return ua;
    }

    private static void await(SipUserAgent ua) {
        if (!ua.registrationState().isRegistered()) {
            throw new IllegalStateException("user agent not registered: " + ua.registrationState());
        }
    }

    private static long sdkCall(SipUserAgent caller, String callee) throws Exception {
        CompletableFuture<Long> answered = new CompletableFuture<>();
        CompletableFuture<LTCallStatusCode> ended = new CompletableFuture<>();
        OutgoingCall call = new OutgoingCall(callee, LTCallAccountType.USER_ID, "bench-" + UUID.randomUUID(), null,
                new LocalMedia("127.0.0.1", CLOSED_RTP_PORT));
        long start = System.nanoTime();
        SipCallLeg leg = caller.placeCall(call, new SipCallListener() {
            @Override
            public void onAnswered(SipCallLeg l, NegotiatedMedia media) {
                answered.complete(System.nanoTime());
            }

            @Override
            public void onEnded(SipCallLeg l, LTCallStatusCode status) {
                answered.completeExceptionally(new IllegalStateException("call ended before answer: " + status));
                ended.complete(status);
            }
        });
        long setup = answered.get(STEP.toSeconds(), TimeUnit.SECONDS) - start;
        leg.hangup();
        ended.get(STEP.toSeconds(), TimeUnit.SECONDS);
        return setup;
    }

    private static long baresipCall(Baresip caller, String callee) throws Exception {
        int seen = caller.messages().size();
        long start = System.nanoTime();
        caller.command("dial", "sip:" + callee + "@127.0.0.1");
        awaitEvent(caller, "CALL_ESTABLISHED", seen);
        long setup = System.nanoTime() - start;
        int established = caller.messages().size();
        caller.command("hangup", "");
        awaitEvent(caller, "CALL_CLOSED", established);
        return setup;
    }

    /** Waits for an event of this type among the messages after index {@code from}; polls every 0.1 ms. */
    private static void awaitEvent(Baresip phone, String type, int from) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> messages = phone.messages();
            for (int i = from; i < messages.size(); i++) {
                JsonNode m = messages.get(i);
                if (m.path("event").asBoolean() && type.equals(m.path("type").asText())) {
                    return;
                }
            }
            LockSupport.parkNanos(100_000);
        }
        List<JsonNode> messages = phone.messages();
        throw new IllegalStateException("baresip: no " + type + " within " + STEP + "; since: "
                + messages.subList(Math.min(from, messages.size()), messages.size()));
    }
}
