package org.ltintercom.sdk;

import org.ltintercom.sdk.internal.call.CallCenter;
import org.ltintercom.sdk.internal.call.CallSignalling;
import org.ltintercom.sdk.internal.call.CallSignallingFactory;
import org.ltintercom.sdk.internal.call.NoSignalling;
import org.ltintercom.sdk.internal.call.SignallingConfig;
import org.ltintercom.sdk.internal.event.EventThread;
import org.ltintercom.sdk.internal.media.AudioProcessingConfig;
import org.ltintercom.sdk.internal.media.AudioProcessingStatus;
import org.ltintercom.sdk.internal.media.EchoCanceller;
import org.ltintercom.sdk.internal.push.WakeupGate;
import org.ltintercom.sdk.internal.push.WakeupReceiver;
import org.ltintercom.sdk.internal.service.InitResult;
import org.ltintercom.sdk.internal.service.ServiceClient;
import org.ltintercom.sdk.internal.store.UserData;
import org.ltintercom.sdk.internal.store.UserDataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;

/**
 * One signed-in (or signing-in) SDK session: its event thread, REST client, local store, call
 * signalling and wakeup receiver. {@link LTSDK} holds at most one active session.
 */
final class SdkRuntime {
    private static final Logger log = LoggerFactory.getLogger(SdkRuntime.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final int REMEMBERED_WAKEUPS = 1024;

    private final LTSDKOptions options;
    private final EventThread events = new EventThread();
    private final ServiceClient client;
    private final UserDataStore store;
    private final AudioProcessingConfig audioProcessing;
    private final LTAudioProcessingStatus audioStatus;
    private volatile UserData data;
    private volatile CallSignalling signalling;
    private volatile CallCenter.Session session;
    private volatile WakeupReceiver wakeups;

    SdkRuntime(LTSDKOptions options) {
        this.options = options;
        this.client = new ServiceClient(options.uri(), options.connectTimeout(), options.requestTimeout());
        this.store = new UserDataStore(options.dataDir());
        this.audioProcessing = options.audioProcessing().toConfig();
        // load libspeexdsp now, so a missing library is reported at start and not at the first ring
        AudioProcessingStatus probed = EchoCanceller.probe(audioProcessing);
        this.audioStatus = new LTAudioProcessingStatus(LTAudioProcessingStatus.State.valueOf(probed.state().name()),
                probed.echoCancellation(), probed.preprocessing(), probed.detail());
    }

    /** What calls of this session do to the microphone (UNAVAILABLE without libspeexdsp). */
    LTAudioProcessingStatus audioProcessingStatus() {
        return audioStatus;
    }

    EventThread events() {
        return events;
    }

    ServiceClient client() {
        return client;
    }

    WakeupReceiver wakeups() {
        return wakeups;
    }

    /**
     * Asks the service to sign the user in, unless the data directory holds another user's data
     * (6000). Completes normally on an HTTP thread; nothing is stored yet.
     */
    CompletableFuture<InitResult> signIn() {
        Optional<UserData> stored = store.load();
        if (stored.isPresent() && !stored.get().userID().equals(options.userID())) {
            log.warn("init: {} holds the data of another user; call LTSDK.clean() before signing in as {}",
                    options.dataDir(), options.userID());
            return CompletableFuture.completedFuture(new InitResult(new LTResponse(LTReturnCode.NOT_CURRENT_USER,
                    "userID: this device holds another user's data; call LTSDK.clean() first"), null, null, null));
        }
        data = stored.orElse(null);
        return client.init(options.licenseKey(), options.userID(), options.uuid());
    }

    /** Stores a successful init result; the caller holds LTSDK's lock so that clean() cannot interleave. */
    LTResponse store(InitResult result) {
        UserData previous = data;
        String notificationKey = previous != null ? previous.notificationKey() : null;
        UserData fresh = new UserData(options.userID(), result.token(), result.user(), result.sip(), notificationKey);
        try {
            store.save(fresh);
        } catch (IOException e) {
            log.error("init: cannot write user data to {}: {}", store.file(), e.toString());
            return new LTResponse(LTReturnCode.INIT_FAILED, "dataDir: cannot write " + store.file() + ": " + e.getMessage());
        }
        data = fresh;
        client.useToken(fresh.token());
        return result.response();
    }

    /** Creates the call signalling for the signed-in user (SIP from the class path, or {@link NoSignalling}). */
    void startSignallingFor(InitResult result, CallCenter callCenter) {
        Iterator<CallSignallingFactory> factories = ServiceLoader.load(CallSignallingFactory.class).iterator();
        if (factories.hasNext()) {
            CallSignallingFactory factory = factories.next();
            log.info("call signalling: {}", factory.getClass().getName());
            SignallingConfig.Network network = new SignallingConfig.Network(options.sipBindAddress(), options.sipPort(),
                    options.rtpPortMin(), options.rtpPortMax(), options.sipTransport());
            signalling = factory.create(new SignallingConfig(options.userID(), result.sip(), options.audioBackend(), events,
                    network, callCenter.signallingListener(events), audioProcessing));
        } else {
            log.warn("no SIP signalling is configured (no CallSignallingFactory on the class path): calls will end with 203");
            signalling = new NoSignalling();
        }
    }

    /** Attaches this session to the call center and opens it for wakeups. */
    void activate(CallCenter callCenter) {
        session = new CallCenter.Session(data.userID(), client, events, signalling, options.audioBackend().orElse(null),
                Clock.systemUTC());
        wakeups = new WakeupReceiver(data.userID(), new WakeupGate(Clock.systemUTC(), REMEMBERED_WAKEUPS), callCenter);
        callCenter.attach(session);
        // the SDK is the one route listener the backend has: calls follow a headset that comes and goes
        options.audioBackend().ifPresent(audio -> audio.setRouteListener(callCenter::onAvailableRoutesChanged));
    }

    /** Remembers the wakeup topic the service accepted. */
    void rememberNotificationKey(String topic) {
        UserData current = data;
        if (current == null) {
            return;
        }
        UserData updated = current.withNotificationKey(topic);
        try {
            store.save(updated);
            data = updated;
        } catch (IOException e) {
            log.error("cannot write the notification key to {}: {}", store.file(), e.toString());
        }
    }

    /**
     * Ends every call, abandons requests in flight, lets the listeners hear all that, then closes the
     * signalling and stops the event thread. Local data stays (see {@link LTSDK#clean()}).
     */
    void close(CallCenter callCenter) {
        if (session != null) {
            options.audioBackend().ifPresent(audio -> audio.setRouteListener(null));
            callCenter.detach(session);
        }
        client.close();
        CallSignalling closing = signalling;
        if (closing != null) {
            // after the hang-ups the detach queued, so they reach the signalling first
            events.execute(closing::close);
        }
        events.close(CLOSE_WAIT);
    }
}
