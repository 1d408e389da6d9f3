package org.ltintercom.sdk;

import org.ltintercom.sdk.call.LTCallCenterManager;
import org.ltintercom.sdk.internal.call.CallCenter;
import org.ltintercom.sdk.internal.service.InitResult;
import org.ltintercom.sdk.internal.store.UserDataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The LT SDK entry point: {@link #init} signs the device's user in, then the rest works.
 *
 * <p>Futures complete on the SDK event thread ({@code lt-sdk-events}) with a response whose
 * {@code returnCode} says what happened (-3 TIMEOUT and -1 FAILED when the service cannot be
 * reached). They complete exceptionally only for programming errors: the SDK is not initialised
 * ({@link LTSDKNoInitializationException}) or an argument is null ({@link IllegalArgumentException}).
 * (A continuation attached after a future completed runs on the attaching thread, as with any
 * {@link CompletableFuture}.) Do not block on a future inside a listener: both run on the event thread.
 */
public final class LTSDK {
    private static final Logger log = LoggerFactory.getLogger(LTSDK.class);
    private static final Object LOCK = new Object();
    private static final CallCenter CALL_CENTER = new CallCenter();

    // the documented singleton state of the facade, guarded by LOCK
    private static SdkRuntime signingIn;
    private static volatile SdkRuntime active;
    private static Path dataDir = LTSDKOptions.DEFAULT_DATA_DIR;
    private static volatile LTAudioProcessingStatus audioProcessingStatus = new LTAudioProcessingStatus(
            LTAudioProcessingStatus.State.DISABLED, false, false, "LTSDK.init has not been called");

    private LTSDK() {
    }

    /**
     * Signs the user in. returnCode 0: ready. 1: wrong licenseKey, userID or uuid. 6000
     * (NOT_CURRENT_USER): the data directory holds another user's data; call {@link #clean()} and
     * init again. Calling init again replaces the current session (its calls end).
     */
    public static CompletableFuture<LTResponse> init(LTSDKOptions options) {
        if (options == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("options: required"));
        }
        SdkRuntime runtime = new SdkRuntime(options);
        audioProcessingStatus = runtime.audioProcessingStatus();
        SdkRuntime previous;
        SdkRuntime previousSigningIn;
        synchronized (LOCK) {
            previous = active;
            previousSigningIn = signingIn;
            active = null;
            signingIn = runtime;
            dataDir = options.dataDir();
        }
        closeOutsideLock(previous);
        closeOutsideLock(previousSigningIn);
        log.info("init: signing in as {} at {}", options.userID(), options.url());
        return runtime.events().completeHere(runtime.signIn()).thenApply(result -> finishInit(runtime, result));
    }

    /** On the event thread: becomes the active session, or gives up (failed, or superseded by clean/init). */
    private static LTResponse finishInit(SdkRuntime runtime, InitResult result) {
        LTResponse response = result.response();
        if (response.isSuccess()) {
            try {
                runtime.startSignallingFor(result, CALL_CENTER);
            } catch (RuntimeException e) {
                log.error("init: the call signalling could not start", e);
                response = new LTResponse(LTReturnCode.INIT_FAILED, "sip: signalling could not start: " + e.getMessage());
            }
        }
        boolean activated = false;
        synchronized (LOCK) {
            if (signingIn != runtime) {
                response = new LTResponse(LTReturnCode.INIT_FAILED, "init: superseded by clean() or another init");
            } else {
                signingIn = null;
                if (response.isSuccess()) {
                    response = runtime.store(result);
                }
                if (response.isSuccess()) {
                    runtime.activate(CALL_CENTER);
                    active = runtime;
                    activated = true;
                }
            }
        }
        if (!activated) {
            runtime.close(CALL_CENTER);
        }
        log.info("init: returnCode {} {}", response.returnCode(), response.returnMessage());
        return response;
    }

    /** The signed-in user's accounts. */
    public static CompletableFuture<LTUsersResponse> getUsers() {
        return request("getUsers", runtime -> runtime.client().users());
    }

    /** Status of the users with these phone numbers (1-200), in the order asked. */
    public static CompletableFuture<LTUserStatusResponse> getUserStatusWithPhoneNumbers(List<String> phoneNumbers) {
        return request("getUserStatusWithPhoneNumbers",
                runtime -> runtime.client().userStatusByPhoneNumbers(CallCenter.requireList("phoneNumbers", phoneNumbers)));
    }

    /** Status of the users with these semiUIDs (1-200), in the order asked. */
    public static CompletableFuture<LTUserStatusResponse> getUserStatusWithSemiUIDs(List<String> semiUIDs) {
        return request("getUserStatusWithSemiUIDs",
                runtime -> runtime.client().userStatusBySemiUIDs(CallCenter.requireList("semiUIDs", semiUIDs)));
    }

    /**
     * Registers the MQTT topic on which the service wakes this device for incoming calls (the
     * headless counterpart of the VoIP push token), e.g. {@code lt/v1/<userID>/wakeup};
     * {@code cleanOld} removes the keys of the user's other devices.
     */
    public static CompletableFuture<LTResponse> updateNotificationKey(String wakeupTopic, boolean cleanOld) {
        return request("updateNotificationKey", runtime -> {
            if (wakeupTopic == null) {
                throw new IllegalArgumentException("wakeupTopic: required");
            }
            return runtime.client().notificationKey(wakeupTopic, cleanOld).thenApply(response -> {
                if (response.isSuccess()) {
                    runtime.rememberNotificationKey(wakeupTopic);
                }
                return response;
            });
        });
    }

    /**
     * Hands a wakeup payload (the JSON received on {@code lt/v1/<userID>/wakeup}) to the SDK: an
     * incoming call reaches {@code LTCallNotificationListener.onCallNotification}, a CDR
     * {@code onCallCDRNotification}. Malformed, stale and duplicate payloads are dropped with a log
     * line naming the reason; this method never throws for bad input.
     *
     * @return true when the payload was accepted and handed on
     */
    public static boolean parseIncomingPush(String json) {
        SdkRuntime runtime = active;
        if (runtime == null) {
            log.warn("wakeup dropped: the LT SDK is not initialised");
            return false;
        }
        return runtime.wakeups().accept(json);
    }

    /** Ends all calls, stops the SDK's threads and deletes the local user data; init may follow. */
    public static void clean() {
        Path dir = stop();
        try {
            new UserDataStore(dir).delete();
            log.info("clean: local user data in {} deleted", dir);
        } catch (IOException e) {
            log.error("clean: cannot delete the local user data in {}: {}", dir, e.toString());
        }
    }

    /**
     * Ends all calls and stops the SDK's threads but keeps the local user data (an lt-intercom
     * addition for a service that stops, e.g. under systemd); init may follow.
     */
    public static void shutdown() {
        stop();
    }

    /**
     * Sets the one listener told whether the device is registered with the SIP service (an
     * lt-intercom addition, e.g. for a status LED); it hears the current state at once. Null removes it.
     */
    public static void setRegistrationListener(LTRegistrationListener listener) {
        SdkRuntime runtime = active;
        CALL_CENTER.setRegistrationListener(listener, runtime == null ? null : runtime.events());
    }

    /** True while the device is registered with the SIP service. */
    public static boolean isRegistered() {
        return active != null && CALL_CENTER.isRegistered();
    }

    /**
     * What calls do to the microphone with the options of the last {@link #init}, for the device status
     * (an lt-intercom addition): UNAVAILABLE with the reason when libspeexdsp is missing (calls then work
     * without echo cancellation; the log says so once), DISABLED before init or when switched off.
     */
    public static LTAudioProcessingStatus getAudioProcessingStatus() {
        return audioProcessingStatus;
    }

    /** The call center; it is there before init, but starts calls only after. */
    public static LTCallCenterManager getCallCenterManager() {
        return CALL_CENTER;
    }

    private static Path stop() {
        SdkRuntime stopping;
        SdkRuntime stoppingSignIn;
        Path dir;
        synchronized (LOCK) {
            stopping = active;
            stoppingSignIn = signingIn;
            active = null;
            signingIn = null;
            dir = dataDir;
        }
        closeOutsideLock(stopping);
        closeOutsideLock(stoppingSignIn);
        return dir;
    }

    private static void closeOutsideLock(SdkRuntime runtime) {
        if (runtime != null) {
            runtime.close(CALL_CENTER);
        }
    }

    private static <T> CompletableFuture<T> request(String operation, Function<SdkRuntime, CompletableFuture<T>> send) {
        SdkRuntime runtime = active;
        if (runtime == null) {
            return CompletableFuture.failedFuture(new LTSDKNoInitializationException(operation));
        }
        return runtime.events().deliver(() -> send.apply(runtime));
    }
}
