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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The far end of an SDK -> SDK call setup: a second LT endpoint, i.e. the SDK's own SIP signalling
 * and media driven through its call seam as the SDK drives it, answering each call it is told of (as
 * by a wakeup) the moment it rings.
 *
 * <p>{@link #main} hosts one in a {@link DeviceJvm} of its own: {@code AnsweringSdkPeer userID
 * password proxyPort}. It prints {@code ready <port>} once registered, then takes announcements on
 * that loopback TCP port, one line {@code <LT call id> <caller userID>} per call (the calling
 * endpoint sends it as soon as {@code startCall} returns, as a wakeup reaches a device), and ends
 * when its stdin closes.
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

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: AnsweringSdkPeer userID password proxyPort");
        }
        try (AnsweringSdkPeer peer = new AnsweringSdkPeer(args[0], args[1], Integer.parseInt(args[2]),
                SipSetupBench.audio(), DeviceJvm.STEP);
             ServerSocket announcements = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread listener = new Thread(() -> peer.takeAnnouncements(announcements), "bench-announcements");
            listener.setDaemon(true);
            listener.start();
            System.out.println("ready " + announcements.getLocalPort());
            BufferedReader commands = DeviceJvm.commands();
            while (commands.readLine() != null) {
                // nothing to do until the bench closes stdin
            }
        }
    }

    /** One caller connection at a time, one announcement per line, until the socket is closed. */
    private void takeAnnouncements(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket caller = server.accept();
                 BufferedReader lines = new BufferedReader(new InputStreamReader(caller.getInputStream(),
                         StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String[] parts = line.split(" ");
                    answer(parts[0], parts[1]);
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("announcement connection failed: " + e);
                }
            }
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
