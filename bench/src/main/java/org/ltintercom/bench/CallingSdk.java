package org.ltintercom.bench;

import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.sdk.LTResponse;
import org.ltintercom.sdk.LTSDK;
import org.ltintercom.sdk.LTSDKOptions;
import org.ltintercom.sdk.call.LTCall;
import org.ltintercom.sdk.call.LTCallOptions;
import org.ltintercom.sdk.call.LTCallStateListener;
import org.ltintercom.sdk.call.LTCallStatusCode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The calling endpoint of {@link SipSetupBench}'s SDK rows, in a {@link DeviceJvm} of its own: the
 * public API ({@code LTSDK}, simulated sound card) signed in with the call service, as on a door
 * station. {@code CallingSdk serviceUrl userID uuid dataDir} prints {@code registered}, then runs
 * one row per command {@code row <callee userID> <warm-up calls> <calls> <answerer port or 0> <gap ms>}:
 * a line {@code call <startCall -> connected ns> <INVITE -> 200 OK ns> <JVM uptime ms> <startCall ->
 * INVITE sent ns>} per measured call, then {@code row-done <ns the measured calls took>}, or {@code failed <why>}. With an answerer port it announces
 * each call there ({@link AnsweringSdkPeer}) as soon as {@code startCall} returns. Ends when its
 * stdin closes.
 */
final class CallingSdk {
    private final String userID;
    /**
     * The SIP message trace, for the wire figures; null with {@code -Dbench.wire=off} (through
     * {@code -Dbench.device.flags}): the trace formats and parses every message on the SIP stack's
     * thread, which the proxy's timing of this SDK then includes.
     */
    private final SipWireClock wire = "off".equals(System.getProperty("bench.wire")) ? null : SipWireClock.attach();

    /** The LT call id of the last call started. */
    private String lastCallID;

    private CallingSdk(String userID) {
        this.userID = userID;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: CallingSdk serviceUrl userID uuid dataDir");
        }
        CallingSdk sdk = new CallingSdk(args[1]);
        try {
            sdk.signIn(args[0], args[2], Path.of(args[3]));
            System.out.println("registered");
            BufferedReader commands = DeviceJvm.commands();
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                String[] row = line.split(" ");
                if (row.length == 6 && row[0].equals("row")) {
                    sdk.row(row[1], Integer.parseInt(row[2]), Integer.parseInt(row[3]), Integer.parseInt(row[4]),
                            Long.parseLong(row[5]), null);
                } else if (row.length == 4 && row[0].equals("paced")) {
                    sdk.row(row[1], 0, Integer.parseInt(row[2]), Integer.parseInt(row[3]), 0, commands);
                } else {
                    System.out.println("failed unknown command: " + line);
                }
            }
        } catch (Exception e) {
            System.out.println("failed " + e);
        } finally {
            LTSDK.shutdown();
        }
    }

    private void signIn(String url, String uuid, Path dataDir) throws Exception {
        AtomicBoolean registered = new AtomicBoolean();
        LTResponse r = LTSDK.init(LTSDKOptions.builder().licenseKey(CallServerConfig.DEMO_LICENSE_KEY).url(url)
                .userID(userID).uuid(uuid).dataDir(dataDir).audioBackend(SipSetupBench.audio())
                .sipBindAddress("127.0.0.1").rtpPorts(40_000, 49_999).build())
                .get(DeviceJvm.STEP.toSeconds(), TimeUnit.SECONDS);
        if (r.returnCode() != 0) {
            throw new IllegalStateException("init: " + r.returnCode() + " " + r.returnMessage());
        }
        // set after init: the SDK then reports the state as it is when delivered, and every change after
        LTSDK.setRegistrationListener((now, failure) -> registered.set(now));
        long deadline = System.nanoTime() + DeviceJvm.STEP.toNanos();
        while (!registered.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the SDK did not register within " + DeviceJvm.STEP);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * {@code warmup + calls} calls to {@code callee}, {@code gapMillis} apart; prints {@code call
     * <startCall -> connected> <INVITE -> 200 OK> <uptime ms> <startCall -> INVITE> <SIP Call-ID>} per
     * measured call (the proxy's log names calls by SIP Call-ID), then {@code row-done}. With a
     * {@code pacer}, each measured call starts when the bench sends a line {@code next} on it: the
     * bench places another phone's call between two of ours, so both see the same machine.
     */
    private void row(String callee, int warmup, int calls, int answererPort, long gapMillis, BufferedReader pacer) {
        try (Socket announce = answererPort > 0 ? new Socket(InetAddress.getLoopbackAddress(), answererPort) : null) {
            PrintWriter announcer = announce == null ? null
                    : new PrintWriter(new OutputStreamWriter(announce.getOutputStream(), StandardCharsets.UTF_8), true);
            long measuredFrom = System.nanoTime();
            for (int i = 0; i < warmup + calls; i++) {
                if (i == warmup) {
                    measuredFrom = System.nanoTime();
                }
                if (pacer != null && i >= warmup && !"next".equals(pacer.readLine())) {
                    throw new IllegalStateException("the bench did not send next");
                }
                long startedAt = ManagementFactory.getRuntimeMXBean().getUptime();
                long[] setup = call(callee, announcer);
                if (i >= warmup) {
                    System.out.printf("call %d %d %d %d %s%n", setup[0], setup[1], startedAt, setup[2],
                            wire == null ? "-" : wire.sipCallId(lastCallID));
                }
                Thread.sleep(gapMillis); // the pacing between calls the bench asks for
            }
            System.out.println("row-done " + (System.nanoTime() - measuredFrom));
        } catch (Exception e) {
            System.out.println("failed " + e.getMessage());
        } finally {
            if (wire != null) {
                wire.clear();
            }
        }
    }

    /** One call: {startCall -> connected, INVITE -> 200 OK, startCall -> INVITE on the wire} in ns. */
    private long[] call(String callee, PrintWriter announcer) throws Exception {
        CompletableFuture<Long> connected = new CompletableFuture<>();
        CompletableFuture<LTCallStatusCode> ended = new CompletableFuture<>();
        LTCallStateListener listener = new LTCallStateListener() {
            @Override
            public void onCallStateConnected(LTCall call) {
                connected.complete(System.nanoTime());
            }

            @Override
            public void onCallStateTerminated(LTCall call, LTCallStatusCode status) {
                connected.completeExceptionally(new IllegalStateException("call ended before it connected: " + status));
                ended.complete(status);
            }
        };
        long start = System.nanoTime();
        LTCall call = LTSDK.getCallCenterManager().startCall(userID, LTCallOptions.userIDBuilder().userID(callee).build(),
                listener);
        lastCallID = call.getCallID();
        if (announcer != null) {
            announcer.println(call.getCallID() + " " + userID);
        }
        long api = connected.get(DeviceJvm.STEP.toSeconds(), TimeUnit.SECONDS) - start;
        call.hangupCall();
        ended.get(DeviceJvm.STEP.toSeconds(), TimeUnit.SECONDS);
        if (wire == null) {
            return new long[] {api, -1, -1};
        }
        long onWire = wire.inviteToOk(call.getCallID());
        if (onWire == SipWireClock.MISSING) {
            throw new IOException("call " + call.getCallID() + ": its INVITE or 200 OK is not in the SIP trace ("
                    + wire.describe(call.getCallID()) + ")");
        }
        return new long[] {api, onWire, wire.inviteSentAt(call.getCallID()) - start};
    }
}
