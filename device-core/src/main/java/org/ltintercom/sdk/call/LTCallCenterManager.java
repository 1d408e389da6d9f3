package org.ltintercom.sdk.call;

import org.ltintercom.sdk.LTResponse;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts and finds calls, and reaches the service's call records and block lists; get it from
 * {@code LTSDK.getCallCenterManager()}. Futures complete on the SDK event thread with a response
 * whose returnCode says what happened; they complete exceptionally only when the SDK is not
 * initialised ({@code LTSDKNoInitializationException}) or an argument is null ({@link IllegalArgumentException}).
 */
public interface LTCallCenterManager {

    /**
     * Calls the callee named in {@code options} as {@code myUserID} (the signed-in user).
     *
     * @return the call (its outcome arrives on {@code listener}), or null when the SDK is not initialised
     */
    LTCall startCall(String myUserID, LTCallOptions options, LTCallStateListener listener);

    /**
     * Starts the incoming call a wakeup announced; it rings until accepted, declined or cancelled.
     *
     * @return the call, or null when the SDK is not initialised
     */
    LTCall startCall(LTCallNotificationMessage message, LTCallStateListener listener);

    /** The call with this callID, or null when there is none (any more). */
    LTCall getCall(String callID);

    /** Calls not yet terminated. */
    int getActiveCallCount();

    /**
     * Call records of {@code userID}: {@code afterN > 0} the oldest after {@code markTsMillis}, oldest
     * first; {@code afterN < 0} the newest before it, newest first; 1 <= |afterN| <= 100.
     */
    CompletableFuture<LTUserCDRResponse> queryCDR(String userID, long markTsMillis, int afterN);

    CompletableFuture<LTResponse> blockCall(String userID, List<String> blockUserIDs);

    CompletableFuture<LTResponse> unblockCall(String userID, List<String> blockUserIDs);

    CompletableFuture<LTBlockListResponse> getBlockCallList(String userID);

    /** The one listener told of incoming calls and CDRs; null removes it. Survives {@code LTSDK.init} again. */
    void setCallNotificationListener(LTCallNotificationListener listener);
}
