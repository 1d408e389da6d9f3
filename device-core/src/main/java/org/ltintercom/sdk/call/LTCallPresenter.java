package org.ltintercom.sdk.call;

import org.ltintercom.sdk.internal.call.Call;
import org.ltintercom.sdk.internal.call.CallObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows calls to the person at the device (the headless counterpart of LTCallKitProxy / CallKit):
 * the HAL listens and renders each {@link LTCallPresenterState} as LED pattern, ringtone and
 * button meaning. Report an incoming call with {@link #startIncomingCall} as soon as its wakeup
 * arrives; HOLD/UNHOLD follow the presented call's hold state (either side), END its end.
 * The listener is called on the SDK event thread.
 */
public final class LTCallPresenter {
    private static final Logger log = LoggerFactory.getLogger(LTCallPresenter.class);
    private static final LTCallPresenter INSTANCE = new LTCallPresenter();

    /** Told when what is shown for a call changes. */
    @FunctionalInterface
    public interface Listener {
        void onCallChanged(LTCall call, LTCallPresenterState state);
    }

    /** What is shown for one call. */
    private record Shown(String displayName, LTCallPresenterState state) {
    }

    private final Map<Call, Shown> shown = new ConcurrentHashMap<>();
    private volatile Listener listener;
    private volatile String localizedName = "";
    private volatile String ringtone = "";

    private LTCallPresenter() {
    }

    public static LTCallPresenter getInstance() {
        return INSTANCE;
    }

    /**
     * @param localizedName the name this device shows for itself (e.g. "Front door")
     * @param ringtone      the ringtone the HAL plays for incoming calls (a file name or path); empty for its default
     */
    public void configure(String localizedName, String ringtone) {
        this.localizedName = localizedName == null ? "" : localizedName;
        this.ringtone = ringtone == null ? "" : ringtone;
    }

    public String localizedName() {
        return localizedName;
    }

    public String ringtone() {
        return ringtone;
    }

    /** The one listener (the HAL); null removes it. */
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /** Shows an outgoing call (OUTGOING). */
    public void startOutgoingCall(LTCall call, String displayName) {
        present(call, displayName, LTCallPresenterState.OUTGOING);
    }

    /** Shows an incoming call (INCOMING: ring). */
    public void startIncomingCall(LTCall call, String displayName) {
        present(call, displayName, LTCallPresenterState.INCOMING);
    }

    /** Changes the name shown for a presented call; the current state is reported again so it is re-rendered. */
    public void reportCall(LTCall call, String displayName) {
        Call c = sdkCall(call);
        Shown now = shown.computeIfPresent(c, (k, old) -> new Shown(displayName == null ? "" : displayName, old.state()));
        if (now == null) {
            log.warn("reportCall: call {} is not presented; call startIncomingCall or startOutgoingCall first", call.getCallID());
            return;
        }
        tell(c, now.state());
    }

    /** The person ended the call (hang-up button): hangs it up if it is still going, and shows END. */
    public void endCall(LTCall call) {
        Call c = sdkCall(call);
        if (c.getCallState() != LTCallState.TERMINATED) {
            c.hangupCall();
        }
        // behind the hold changes already queued, so they are shown before END, not dropped
        c.events().execute(() -> end(c));
    }

    /** The name shown for a presented call, or null. */
    public String displayName(LTCall call) {
        Shown s = call instanceof Call c ? shown.get(c) : null;
        return s == null ? null : s.displayName();
    }

    private void present(LTCall call, String displayName, LTCallPresenterState state) {
        Call c = sdkCall(call);
        Shown previous = shown.putIfAbsent(c, new Shown(displayName == null ? "" : displayName, state));
        if (previous != null) {
            log.warn("call {} is already presented as {}", c.getCallID(), previous.state());
            return;
        }
        tell(c, state);
        c.addObserver(new CallObserver() {
            @Override
            public void onHeldChanged(Call changed, boolean held) {
                LTCallPresenterState next = held ? LTCallPresenterState.HOLD : LTCallPresenterState.UNHOLD;
                if (shown.computeIfPresent(changed, (k, old) -> new Shown(old.displayName(), next)) != null) {
                    notifyListener(changed, next);
                }
            }

            @Override
            public void onTerminated(Call ended, LTCallStatusCode status) {
                end(ended);
            }
        });
    }

    private void end(Call c) {
        // END once per presented call: whoever removes it reports it
        if (shown.remove(c) != null) {
            tell(c, LTCallPresenterState.END);
        }
    }

    private void tell(Call c, LTCallPresenterState state) {
        c.events().execute(() -> notifyListener(c, state));
    }

    private void notifyListener(Call c, LTCallPresenterState state) {
        Listener l = listener;
        if (l != null) {
            l.onCallChanged(c, state);
        }
    }

    private static Call sdkCall(LTCall call) {
        if (call == null) {
            throw new IllegalArgumentException("call: required");
        }
        if (!(call instanceof Call c)) {
            throw new IllegalArgumentException("call: not a call of this SDK");
        }
        return c;
    }
}
