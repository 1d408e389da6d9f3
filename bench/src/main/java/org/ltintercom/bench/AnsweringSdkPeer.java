package org.ltintercom.bench;

import org.ltintercom.sdk.call.LTCallNotificationMessage;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.call.LTCallType;
import org.ltintercom.sdk.internal.call.CallEvents;
import org.ltintercom.sdk.internal.call.CallLeg;
import org.ltintercom.sdk.internal.call.CallSetup;
import org.ltintercom.sdk.internal.call.CallSignalling;
import org.ltintercom.sdk.internal.call.SignallingConfig;
import org.ltintercom.sdk.internal.call.SignallingListener;
import org.ltintercom.sdk.internal.call.SipCallSignallingFactory;
import org.ltintercom.sdk.internal.event.EventThread;
import org.ltintercom.sdk.internal.service.SipAccount;
import org.ltintercom.sdk.spi.AudioBackend;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The far end of an SDK -> SDK call setup: a second LT endpoint in this JVM (only one {@code LTSDK}
 * fits in a process), i.e. the SDK's own SIP signalling and media driven through its call seam as
 * the SDK drives it, answering each call it is told of (as by a wakeup) the moment it rings.
 */
final class AnsweringSdkPeer implements AutoCloseable {
    private final String userID;
    private final EventThread events = new EventThread();
    private final CallSignalling signalling;

    AnsweringSdkPeer(String userID, String password, int proxyPort, AudioBackend audio, Duration wait)
            throws Exception {
        this.userID = userID;
        CompletableFuture<Void> registered = new CompletableFuture<>();
        SignallingListener listener = new SignallingListener() {
            @Override
            public void onRegistrationChanged(boolean now, LTCallStatusCode failure) {
                if (now) {
                    registered.complete(null);
                }
            }

            @Override
            public void onUnannouncedCall(LTCallNotificationMessage message) {
                // every call of the bench is announced before its INVITE can ring
            }
        };
        SipAccount account = new SipAccount(userID, password, "127.0.0.1", "sip:127.0.0.1:" + proxyPort,
                List.of("udp", "tcp"));
        SignallingConfig.Network network = new SignallingConfig.Network(Optional.of(InetAddress.getLoopbackAddress()),
                0, 50_000, 59_999);
        this.signalling = new SipCallSignallingFactory().create(new SignallingConfig(userID, account,
                Optional.ofNullable(audio), events, network, listener));
        try {
            registered.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException(userID + " did not register with 127.0.0.1:" + proxyPort + " within " + wait, e);
        }
    }

    /** Answers the INVITE of LT call {@code callID} from {@code callerUserID} as soon as it rings. */
    void answer(String callID, String callerUserID) {
        CompletableFuture<CallLeg> leg = new CompletableFuture<>();
        LTCallOptions options = LTCallOptions.userIDBuilder().userID(callerUserID).build().withCallID(callID)
                .withCallType(LTCallType.INCOMING);
        leg.complete(signalling.awaitIncomingCall(new CallSetup(callID, LTCallType.INCOMING, userID, options, null,
                null), new CallEvents() {
                    @Override
                    public void ringing() {
                        leg.thenAcceptAsync(CallLeg::answer, events);
                    }

                    @Override
                    public void answered() {
                    }

                    @Override
                    public void ended(LTCallStatusCode status) {
                    }

                    @Override
                    public void heldByPeer(boolean held) {
                    }

                    @Override
                    public void dtmfReceived(char digit) {
                    }

                    @Override
                    public void warning(LTCallStatusCode status) {
                    }
                }));
    }

    @Override
    public void close() {
        if (signalling != null) {
            signalling.close();
        }
        events.close(Duration.ofSeconds(5));
    }
}
