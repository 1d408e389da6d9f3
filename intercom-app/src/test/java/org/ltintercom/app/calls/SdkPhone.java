package org.ltintercom.app.calls;

import org.ltintercom.sdk.call.LTCallNotificationMessage;
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
import org.ltintercom.sdk.internal.media.ToneAudioBackend;
import org.ltintercom.sdk.internal.service.SipAccount;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An indoor unit as the far end: the SDK's own SIP user agent and media engine (a second,
 * independent SIP stack on its own port, registered with Kamailio), answering every call at once
 * and able to key DTMF as RFC 4733 events at the Opus clock. baresip cannot play this part: it
 * offers telephone-event at 8 kHz only, which the SDK does not pair with Opus, and its sine
 * source cannot run G.711.
 */
final class SdkPhone implements AutoCloseable {

    final String userID;
    final List<String> heard = new CopyOnWriteArrayList<>();
    private final EventThread events = new EventThread();
    private final CallSignalling signalling;
    private volatile boolean registered;
    private volatile CallLeg leg;

    SdkPhone(String userID, String sipPassword, int kamailioPort) {
        this.userID = userID;
        SipAccount account = new SipAccount(userID, sipPassword, "127.0.0.1", "sip:127.0.0.1:" + kamailioPort,
                List.of("udp", "tcp"));
        SignallingConfig.Network network = new SignallingConfig.Network(Optional.of(InetAddress.getLoopbackAddress()),
                0, 50_000, 59_999);
        signalling = new SipCallSignallingFactory().create(new SignallingConfig(userID, account,
                Optional.of(new ToneAudioBackend(880)), events, network, new SignallingListener() {
                    @Override
                    public void onRegistrationChanged(boolean now, LTCallStatusCode failure) {
                        registered = now;
                    }

                    @Override
                    public void onUnannouncedCall(LTCallNotificationMessage m) {
                        leg = signalling.awaitIncomingCall(new CallSetup(m.callOptions().callID(), LTCallType.INCOMING,
                                userID, m.callOptions(), null, m.callerInfo()), new Recording());
                        leg.answer();
                    }
                }));
        StationRig.until(userID + " registered", () -> registered);
    }

    /** Keys {@code digits} into the answered call, one RFC 4733 event each. */
    void key(String digits) {
        CallLeg current = leg;
        for (char c : digits.toCharArray()) {
            events.execute(() -> current.sendDtmf(c, false));
        }
    }

    void awaitHeard(String what) {
        StationRig.until(() -> userID + ": " + what + "; heard " + heard, () -> heard.contains(what));
    }

    @Override
    public void close() {
        signalling.close();
        events.close(Duration.ofSeconds(5));
    }

    private final class Recording implements CallEvents {
        @Override
        public void ringing() {
            heard.add("ringing");
        }

        @Override
        public void answered() {
            heard.add("answered");
        }

        @Override
        public void ended(LTCallStatusCode status) {
            heard.add("ended " + status.code());
        }

        @Override
        public void heldByPeer(boolean held) {
            heard.add("held " + held);
        }

        @Override
        public void dtmfReceived(char digit) {
            heard.add("dtmf " + digit);
        }

        @Override
        public void warning(LTCallStatusCode status) {
            heard.add("warning " + status.code());
        }
    }
}
