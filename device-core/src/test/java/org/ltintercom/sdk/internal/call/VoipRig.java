package org.ltintercom.sdk.internal.call;

import org.ltintercom.callserver.CallServer;
import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.callserver.mqtt.InMemoryWakeupPublisher;
import org.ltintercom.callserver.testing.TestUsers;
import org.ltintercom.callserver.testing.peers.Kamailio;
import org.ltintercom.sdk.LTAudioProcessing;
import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.LTSDKOptions;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.event.EventThread;
import org.ltintercom.sdk.internal.media.MediaConfig;
import org.ltintercom.sdk.internal.media.ToneAudioBackend;
import org.ltintercom.sdk.internal.sip.SipConfig;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.internal.service.SipAccount;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.test.Await;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a VoIP IT runs against, all on 127.0.0.1: Kamailio with the generated users' SIP accounts
 * and a real call-server whose init hands out that Kamailio as the SIP proxy, or call-server alone
 * as REST service, registrar and forking proxy ({@link #throughCallServer}); and helpers to sign the
 * one {@link LTSDK} in (user 0, with a {@link ToneAudioBackend}) and to start a second SIP endpoint
 * ({@link Peer}) for the other end of SDK-to-SDK calls.
 */
final class VoipRig implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final TestUsers users;
    /** null when call-server is the SIP proxy. */
    final Kamailio kamailio;
    final CallServer server;
    /** What call-server published to wake callees that had no registered device. */
    final InMemoryWakeupPublisher wakeups = new InMemoryWakeupPublisher();
    private final Path dir;

    /** Kamailio as registrar and proxy; call-server only serves REST (init hands out Kamailio). */
    VoipRig(Path dir, int userCount) throws Exception {
        this(dir, userCount, true, UnaryOperator.identity());
    }

    /**
     * call-server alone: its own SIP registrar and forking proxy (what init hands out), its wakeups
     * for callees registered nowhere kept in {@link #wakeups}; {@code tune} adjusts its config
     * (ring timeout, decline-everywhere).
     */
    static VoipRig throughCallServer(Path dir, int userCount, UnaryOperator<CallServerConfig.Builder> tune)
            throws Exception {
        return new VoipRig(dir, userCount, false, tune);
    }

    private VoipRig(Path dir, int userCount, boolean withKamailio, UnaryOperator<CallServerConfig.Builder> tune)
            throws Exception {
        this.dir = dir;
        this.users = TestUsers.write(dir.resolve("users"), userCount);
        Kamailio k = null;
        if (withKamailio) {
            Map<String, String> accounts = new LinkedHashMap<>();
            users.users().forEach(u -> accounts.put(u.userID(), u.sipPassword()));
            k = Kamailio.start(accounts, 60, true);
        }
        CallServerConfig.Builder config = CallServerConfig.builder().dataDir(dir.resolve("server-data"))
                .usersFile(users.file()).adminToken("it-admin-token").httpThreads(4).sipDomain("127.0.0.1");
        if (k != null) {
            config.sipProxy("sip:127.0.0.1:" + k.port());
        }
        try {
            this.server = CallServer.start(tune.apply(config).build(), wakeups);
        } catch (Exception e) {
            if (k != null) {
                k.close();
            }
            wakeups.close();
            throw e;
        }
        this.kamailio = k;
    }

    /** A rig whose SIP registrar and forking proxy is call-server's own. */
    static VoipRig throughCallServer(Path dir, int userCount) throws Exception {
        return new VoipRig(dir, userCount, false, UnaryOperator.identity());
    }

    /** The SIP proxy port the accounts use: Kamailio's, or call-server's own. */
    int sipProxyPort() {
        return proxyPort();
    }

    /** The SIP port every endpoint registers with and calls through: Kamailio's, or call-server's own. */
    int proxyPort() {
        return kamailio != null ? kamailio.port() : server.sipPort();
    }

    /** Options for user {@code userIndex}; microphone processing off, as the tone tests expect their tones back. */
    LTSDKOptions.Builder optionsFor(int userIndex, AudioBackend audio) {
        TestUsers.User u = users.get(userIndex);
        return LTSDKOptions.builder().licenseKey("demo-license").url(server.baseUri().toString())
                .userID(u.userID()).uuid(u.uuid()).dataDir(dir.resolve("device-" + userIndex))
                .audioBackend(audio).sipBindAddress("127.0.0.1").rtpPorts(40_000, 49_999)
                .audioProcessing(LTAudioProcessing.off());
    }

    /** Signs user {@code userIndex} in and waits until it is registered with Kamailio. */
    void signIn(int userIndex, AudioBackend audio) {
        signIn(optionsFor(userIndex, audio).build());
    }

    /** Signs in with these options and waits until registered with Kamailio. */
    void signIn(LTSDKOptions options) {
        AtomicBoolean registered = new AtomicBoolean();
        LTSDK.setRegistrationListener((now, failure) -> registered.set(now));
        LTResponse r = Await.result(LTSDK.init(options));
        assertEquals(0, r.returnCode(), r.returnMessage());
        LTSDK.setRegistrationListener((now, failure) -> registered.set(now));
        Await.until("SDK registered with the SIP proxy", WAIT, registered::get);
    }

    /** A second SIP endpoint signed in as {@code userIndex}, driven through the same signalling the SDK uses. */
    Peer peer(int userIndex, AudioBackend audio) {
        return peer(userIndex, audio, null);
    }

    /** The same with media timers of the test's choosing (null: the production defaults). */
    Peer peer(int userIndex, AudioBackend audio, UnaryOperator<MediaConfig> media) {
        TestUsers.User u = users.get(userIndex);
        return new Peer(u.userID(), new SipAccount(u.userID(), u.sipPassword(), "127.0.0.1",
                "sip:127.0.0.1:" + sipProxyPort(), List.of("udp", "tcp")), audio, media);
    }

    @Override
    public void close() {
        LTSDK.shutdown();
        server.close();
        wakeups.close();
        if (kamailio != null) {
            kamailio.close();
        }
    }

    /** The far end: a {@link SipCallSignalling} of its own, its events recorded. */
    static final class Peer implements AutoCloseable {
        final String userID;
        final EventThread events = new EventThread();
        final RecordingSignallingListener heard = new RecordingSignallingListener();
        final SipCallSignalling signalling;

        Peer(String userID, SipAccount account, AudioBackend audio, UnaryOperator<MediaConfig> media) {
            this.userID = userID;
            SignallingConfig.Network network = new SignallingConfig.Network(
                    Optional.of(InetAddress.getLoopbackAddress()), 0, 50_000, 59_999);
            SignallingConfig config = new SignallingConfig(userID, account, Optional.ofNullable(audio), events, network,
                    heard);
            if (media == null) {
                this.signalling = (SipCallSignalling) new SipCallSignallingFactory().create(config);
            } else {
                InetAddress local = InetAddress.getLoopbackAddress();
                this.signalling = new SipCallSignalling(config, SipConfig.of(local, 0, userID, account.password(),
                        account.domain(), local.getHostAddress(), SipCallSignallingFactory.parseProxy(account.proxy(),
                                account.transports()).port(), "udp"),
                        media.apply(MediaConfig.defaults(local).withPorts(50_000, 59_999)));
                try {
                    this.signalling.start();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            Await.until(userID + " registered", WAIT, () -> signalling.agent().registrationState().isRegistered());
        }

        @Override
        public void close() {
            signalling.close();
            events.close(Duration.ofSeconds(5));
        }
    }

    /** Records what a peer's signalling reports outside calls. */
    static final class RecordingSignallingListener implements SignallingListener {
        final List<org.ltintercom.sdk.call.LTCallNotificationMessage> unannounced =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean registered;

        @Override
        public void onRegistrationChanged(boolean now, LTCallStatusCode failure) {
            registered = now;
        }

        @Override
        public void onUnannouncedCall(org.ltintercom.sdk.call.LTCallNotificationMessage message) {
            unannounced.add(message);
        }
    }
}
