package org.ltintercom.hal.presenter;

import org.ltintercom.hal.audio.Tone;
import org.ltintercom.hal.audio.TonePlayer;
import org.ltintercom.hal.audio.WavFiles;
import org.ltintercom.hal.gpio.ButtonEvent;
import org.ltintercom.hal.gpio.ButtonGesture;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hal.gpio.StatusLed;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.call.LTCallPresenterState;
import org.ltintercom.sdk.spi.AudioBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shows the call presenter's states on the station: the headless counterpart of CallKit's
 * call screen. It turns {@code (callId, LTCallPresenterState)} plus the registration state
 * into an LED pattern, a tone on the speaker and the call button's meaning.
 *
 * <table>
 *   <caption>What each state looks and sounds like</caption>
 *   <tr><th>state</th><th>LED</th><th>tone</th><th>call button</th></tr>
 *   <tr><td>no call, registering</td><td>SLOW_BLINK</td><td>-</td><td>CALL</td></tr>
 *   <tr><td>no call, registered</td><td>ON</td><td>-</td><td>CALL</td></tr>
 *   <tr><td>no call, registration failed</td><td>ERROR</td><td>-</td><td>CALL</td></tr>
 *   <tr><td>INCOMING</td><td>FAST_BLINK</td><td>ringtone</td><td>ANSWER (long press: decline)</td></tr>
 *   <tr><td>OUTGOING</td><td>DOUBLE_BLINK</td><td>ringback</td><td>HANG_UP, long press only</td></tr>
 *   <tr><td>UNHOLD (call active)</td><td>ON</td><td>-</td><td>HANG_UP</td></tr>
 *   <tr><td>HOLD</td><td>BREATHING</td><td>-</td><td>HANG_UP</td></tr>
 *   <tr><td>END</td><td colspan="3">the call is forgotten; the next call or the registration state shows</td></tr>
 * </table>
 *
 * With several calls the most urgent one is shown: INCOMING, then OUTGOING, UNHOLD, HOLD. A call
 * counts as active from UNHOLD on, or from {@link #onCallConnected}.
 */
public final class PresenterRenderer {

    private static final Logger log = LoggerFactory.getLogger(PresenterRenderer.class);

    private final StatusLed led;
    private final TonePlayer tones;
    private final AudioBackend audio;
    private final PresenterConfig config;
    private final Map<String, LTCallPresenterState> calls = new LinkedHashMap<>();
    private short[] ringtoneSamples;
    private RegistrationState registration = RegistrationState.NOT_STARTED;
    private Tone playing;

    /** Loads the configured ringtone file, if any; a bad file is logged and the built-in tone used. */
    public PresenterRenderer(StatusLed led, TonePlayer tones, AudioBackend audio, PresenterConfig config) {
        this.led = led;
        this.tones = tones;
        this.audio = audio;
        this.config = config;
        this.ringtoneSamples = loadRingtone(config.ringtoneFile());
        render();
    }

    private static short[] loadRingtone(String file) {
        if (file.isEmpty()) {
            return null;
        }
        try {
            return WavFiles.read(Path.of(file));
        } catch (IOException | RuntimeException e) {
            log.warn("presenter.ringtoneFile: {}; ringing with the built-in tone", e.getMessage());
            return null;
        }
    }

    /**
     * Rings with this WAV file from the next incoming call on (the value given to
     * {@code LTCallPresenter.configure(name, ringtone)}); empty for the built-in tone. A file
     * that cannot be read is logged and the current ringtone kept.
     */
    public synchronized void useRingtoneFile(String file) {
        String path = file == null ? "" : file.trim();
        if (path.isEmpty()) {
            ringtoneSamples = null;
            return;
        }
        short[] samples = loadRingtone(path);
        if (samples != null) {
            ringtoneSamples = samples;
        }
    }

    /** The SDK's presenter reports a call's new state. */
    public synchronized void onCallChanged(String callId, LTCallPresenterState state) {
        if (callId == null || state == null) {
            log.warn("presenter update ignored: callId and state are required (callId={}, state={})", callId, state);
            return;
        }
        if (state == LTCallPresenterState.END) {
            calls.remove(callId);
        } else {
            calls.put(callId, state);
        }
        render();
    }

    /**
     * A presented call was answered (either side). The SDK's presenter reports OUTGOING and
     * INCOMING but no state for "connected", so the application calls this from
     * {@code LTCallStateListener.onCallStateConnected}: the call then shows as active (UNHOLD),
     * ringback and ringtone stop.
     */
    public synchronized void onCallConnected(String callId) {
        LTCallPresenterState state = calls.get(callId);
        if (state == LTCallPresenterState.OUTGOING || state == LTCallPresenterState.INCOMING) {
            calls.put(callId, LTCallPresenterState.UNHOLD);
            render();
        }
    }

    /** The SIP registration changed. */
    public synchronized void onRegistrationChanged(RegistrationState state) {
        registration = state;
        render();
    }

    /** Plays the error chime once (a call could not be placed, no microphone, ...). */
    public synchronized void playErrorChime() {
        playing = Tone.ERROR_CHIME;
        toneRoute().ifPresent(route -> tones.play(Tone.ERROR_CHIME, route));
    }

    /** What a short press of the call button does now. */
    public synchronized ButtonMeaning buttonMeaning() {
        return top().map(e -> switch (e.getValue()) {
            case INCOMING -> ButtonMeaning.ANSWER;
            default -> ButtonMeaning.HANG_UP;
        }).orElse(ButtonMeaning.CALL);
    }

    /** The pattern the status LED should show now. */
    public synchronized LedPattern ledPattern() {
        return view().led;
    }

    /**
     * Translates a button event into what the application should do. A visitor who presses
     * again while the call rings out must not cancel it, so hanging up an outgoing call takes
     * a long press; a visitor who holds the bell button still places a call.
     */
    public synchronized ButtonCommand commandFor(ButtonEvent event) {
        boolean shortPress = event.gesture() == ButtonGesture.SHORT_PRESS;
        boolean longPress = event.gesture() == ButtonGesture.LONG_PRESS;
        if (!shortPress && !longPress) {
            return ButtonCommand.NONE;
        }
        Optional<Map.Entry<String, LTCallPresenterState>> call = top();
        String callId = call.map(Map.Entry::getKey).orElse(null);
        LTCallPresenterState state = call.map(Map.Entry::getValue).orElse(null);
        return switch (event.role()) {
            case CALL -> {
                if (state == null) {
                    yield new ButtonCommand(ButtonCommand.Action.CALL, null);
                }
                if (longPress) {
                    yield new ButtonCommand(ButtonCommand.Action.HANG_UP, callId);
                }
                yield switch (state) {
                    case INCOMING -> new ButtonCommand(ButtonCommand.Action.ANSWER, callId);
                    case OUTGOING -> ButtonCommand.NONE;
                    default -> new ButtonCommand(ButtonCommand.Action.HANG_UP, callId);
                };
            }
            case HANG_UP -> state == null ? ButtonCommand.NONE : new ButtonCommand(ButtonCommand.Action.HANG_UP, callId);
            case MUTE -> state == LTCallPresenterState.UNHOLD && shortPress
                    ? new ButtonCommand(ButtonCommand.Action.TOGGLE_MUTE, callId) : ButtonCommand.NONE;
        };
    }

    private Optional<Map.Entry<String, LTCallPresenterState>> top() {
        Map.Entry<String, LTCallPresenterState> best = null;
        for (Map.Entry<String, LTCallPresenterState> call : calls.entrySet()) {
            if (best == null || urgency(call.getValue()) < urgency(best.getValue())) {
                best = call;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int urgency(LTCallPresenterState state) {
        return switch (state) {
            case INCOMING -> 0;
            case OUTGOING -> 1;
            case UNHOLD -> 2;
            case HOLD -> 3;
            case END -> 4;
        };
    }

    private record View(LedPattern led, Tone tone) {
    }

    private View view() {
        Optional<LTCallPresenterState> state = top().map(Map.Entry::getValue);
        if (state.isPresent()) {
            return switch (state.get()) {
                case INCOMING -> new View(LedPattern.FAST_BLINK, Tone.RINGTONE);
                case OUTGOING -> new View(LedPattern.DOUBLE_BLINK, Tone.RINGBACK);
                case UNHOLD -> new View(LedPattern.ON, null);
                case HOLD -> new View(LedPattern.BREATHING, null);
                case END -> throw new IllegalStateException("ended calls are not kept");
            };
        }
        return new View(switch (registration) {
            case NOT_STARTED -> LedPattern.OFF;
            case REGISTERING -> LedPattern.SLOW_BLINK;
            case REGISTERED -> LedPattern.ON;
            case FAILED -> LedPattern.ERROR;
        }, null);
    }

    private void render() {
        View view = view();
        led.show(view.led);
        if (view.tone != playing) {
            if (view.tone == null) {
                if (playing != Tone.ERROR_CHIME) {
                    tones.stop(); // a call tone (ringtone, ringback) ends with its state
                } // the one-shot chime plays out: a registration retry redrawing the LED must not cut it
            } else {
                Optional<LTAudioRoute> route = toneRoute();
                if (route.isPresent() && view.tone == Tone.RINGTONE && ringtoneSamples != null) {
                    tones.play(Tone.RINGTONE.name(), ringtoneSamples, true, route.get());
                } else if (route.isPresent()) {
                    tones.play(view.tone, route.get());
                } else {
                    log.warn("no speaker route available for the {}; the LED alone shows the call", view.tone.name());
                }
            }
            playing = view.tone;
        }
    }

    private Optional<LTAudioRoute> toneRoute() {
        Set<LTAudioRoute> available = audio.availableRoutes();
        return config.toneRoutes().stream().filter(available::contains).findFirst();
    }
}
