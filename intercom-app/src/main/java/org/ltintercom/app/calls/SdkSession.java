package org.ltintercom.app.calls;

import org.ltintercom.app.behaviour.Timers;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.Settings;
import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTReturnCode;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.LTSDKOptions;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.spi.AudioBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/**
 * The app's one LT SDK session (the SDK is a JVM-wide singleton): signs in with the configured
 * account, keeps trying with exponential backoff plus jitter while the service cannot be reached
 * or refuses (a doorbell must come up by itself when the network returns; it never exits), then
 * registers the wakeup topic and follows the SIP registration. Every callback is handed to the
 * app's event loop ({@code loop}); the methods here are called on that loop too.
 *
 * <pre>
 *  start(config) -> init --ok--> updateNotificationKey(lt/v1/&lt;userID&gt;/wakeup) -> registration events
 *                       \-fail-> retry after 1 s, 2 s, 4 s ... 60 s (each x 0.5..1 random)
 *                       \-6000 (another user's data) -> clean + init at once
 * </pre>
 */
public final class SdkSession {

    private static final Logger log = LoggerFactory.getLogger(SdkSession.class);

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(60);

    /** What the session tells the app, on the app's event loop. */
    public interface Listener {
        /** {@code state}: registering, registered, failed, unregistered; {@code error} null unless failed. */
        void onRegistration(String state, String error);
    }

    private final Executor loop;
    private final Timers timers;
    private final AudioBackend audio;
    private final Path dataDir;
    private final Listener listener;
    private final DoubleSupplier random;
    private IntercomConfig config;
    private int generation;
    private int attempt;
    private Timers.Cancellable retry;
    private CompletableFuture<Void> registered = new CompletableFuture<>();

    /**
     * @param loop    the app's event loop (every callback hops onto it)
     * @param dataDir the SDK's data directory ({@code <stateDir>/sdk})
     * @param random  0..1, for the retry jitter (a fleet must not retry in lockstep)
     */
    public SdkSession(Executor loop, Timers timers, AudioBackend audio, Path dataDir, Listener listener,
                      DoubleSupplier random) {
        this.loop = loop;
        this.timers = timers;
        this.audio = audio;
        this.dataDir = dataDir;
        this.listener = listener;
        this.random = random;
    }

    private volatile java.util.function.Function<IntercomConfig, org.ltintercom.sdk.LTAudioProcessing> processing;

    /** The signed-in user (the configured {@code sdk.userId}), or null before start. */
    public String userID() {
        return config == null ? null : config.sdk().userId();
    }

    /**
     * Where the SDK's audio processing comes from (echo cancellation settings with the acoustic
     * calibration's delay and tail); without one the SDK's door-station default is used.
     */
    public void setAudioProcessing(java.util.function.Function<IntercomConfig, org.ltintercom.sdk.LTAudioProcessing> source) {
        this.processing = source;
    }

    /** Signs in with {@code next}'s account (ending the current session and its calls, if any). */
    public CompletableFuture<Void> start(IntercomConfig next) {
        stopSession();
        config = next;
        generation++;
        attempt = 0;
        registered = new CompletableFuture<>();
        listener.onRegistration("registering", null);
        signIn(generation);
        return registered;
    }

    /**
     * Completes when the current session registers with SIP; fails at once when the registrar
     * refuses the account (e.g. 403 wrong password) or the service refuses the sign-in.
     */
    public CompletableFuture<Void> registration() {
        return registered;
    }

    /**
     * True when {@code a} and {@code b} sign in with different SDK options, SIP settings or audio
     * processing (the SDK takes its echo cancellation settings at init).
     */
    public static boolean needsRestart(IntercomConfig a, IntercomConfig b) {
        return !Objects.equals(a.sdk(), b.sdk()) || !Objects.equals(a.sip(), b.sip())
                || !Objects.equals(a.audio(), b.audio());
    }

    /** Ends the session: calls end, the SDK's threads stop. */
    public void stop() {
        stopSession();
        generation++;
        listener.onRegistration("unregistered", null);
    }

    private void stopSession() {
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
        LTSDK.setRegistrationListener(null);
        LTSDK.shutdown();
        if (!registered.isDone()) {
            registered.completeExceptionally(new IllegalStateException("the SDK session was stopped"));
        }
    }

    private void signIn(int gen) {
        retry = null;
        LTSDKOptions options;
        try {
            options = options(config, audio, dataDir, processing == null ? null : processing.apply(config));
        } catch (IllegalArgumentException e) {
            fail(gen, "sdk: " + e.getMessage(), false);
            return;
        }
        attempt++;
        // before init: the registrar may answer (e.g. 403) before init's future reaches us, and a
        // listener set afterwards would hear only "not registered", not why
        LTSDK.setRegistrationListener((now, failure) -> loop.execute(() -> onRegistration(gen, now, failure)));
        LTSDK.init(options).whenComplete((response, error) -> loop.execute(() -> {
            if (gen != generation) {
                return; // superseded by a restart or stop
            }
            if (error != null) {
                fail(gen, "sdk: init failed: " + error, true);
            } else {
                onInit(gen, response);
            }
        }));
    }

    private void onInit(int gen, LTResponse response) {
        if (response.isSuccess()) {
            log.info("signed in to {} as {} (attempt {})", config.sdk().serviceUrl(), config.sdk().userId(), attempt);
            attempt = 0;
            String topic = "lt/v1/" + config.sdk().userId() + "/wakeup";
            LTSDK.updateNotificationKey(topic, true).whenComplete((r, e) -> {
                if (e != null || !r.isSuccess()) {
                    log.warn("wakeup topic {} not registered with the service: {}", topic, e != null ? e : r);
                }
            });
            return;
        }
        if (response.returnCode() == LTReturnCode.NOT_CURRENT_USER.code()) {
            // the account changed (provisioning): the data directory still holds the previous user's data
            log.info("the SDK data directory holds another user's data; cleaning it for {}", config.sdk().userId());
            LTSDK.clean();
            signIn(gen);
            return;
        }
        boolean network = response.returnCode() == LTReturnCode.TIMEOUT.code()
                || response.returnCode() == LTReturnCode.FAILED.code();
        fail(gen, "sdk: sign-in " + (network ? "could not reach the service" : "refused") + ": returnCode "
                + response.returnCode() + " " + response.returnMessage(), true);
    }

    private void onRegistration(int gen, boolean now, LTCallStatusCode failure) {
        if (gen != generation) {
            return;
        }
        if (now) {
            listener.onRegistration("registered", null);
            registered.complete(null);
        } else if (failure != null) {
            String reason = "sip: registration failed: " + failure.code() + " " + failure.name();
            listener.onRegistration("failed", reason);
            if (!registered.isDone()) {
                registered.completeExceptionally(new IllegalStateException(reason));
            }
        } else {
            listener.onRegistration("registering", null);
        }
    }

    private void fail(int gen, String reason, boolean again) {
        listener.onRegistration("failed", reason);
        if (!registered.isDone()) {
            registered.completeExceptionally(new IllegalStateException(reason));
        }
        if (again) {
            Duration delay = retryDelay(attempt, random.getAsDouble());
            log.warn("{}; retrying in {} ms", reason, delay.toMillis());
            retry = timers.schedule(delay, () -> {
                if (gen == generation) {
                    signIn(gen);
                }
            });
        } else {
            log.error("{}; not retrying until the configuration changes", reason);
        }
    }

    /** 1 s doubling up to 60 s, times a random factor in 0.5..1 ("equal jitter"). */
    static Duration retryDelay(int failedAttempts, double random) {
        long base = FIRST_RETRY.toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 6);
        long capped = Math.min(base, MAX_RETRY.toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + 0.5 * random)));
    }

    /** The SDK options an intercom config asks for (the HAL's audio, the SIP port and transport, {@code <stateDir>/sdk}). */
    static LTSDKOptions options(IntercomConfig config, AudioBackend audio, Path dataDir,
                                org.ltintercom.sdk.LTAudioProcessing processing) {
        Settings.Sdk sdk = config.sdk();
        LTSDKOptions.Builder b = LTSDKOptions.builder().url(sdk.serviceUrl()).licenseKey(sdk.licenseKey() == null ? null
                        : sdk.licenseKey().reveal()).userID(sdk.userId()).uuid(sdk.uuid()).dataDir(dataDir)
                .audioBackend(audio).sipPort(config.sip().localPort());
        if (config.sip().transport() != Settings.Sip.Transport.AUTO) {
            b.sipTransport(config.sip().transport().name());
        }
        if (processing != null) {
            b.audioProcessing(processing);
        }
        return b.build();
    }
}
