package org.ltintercom.app.audio;

import org.ltintercom.app.config.Settings;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.sdk.LTAcousticCalibration;
import org.ltintercom.sdk.LTAudioProcessing;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The station's acoustic echo setup: measures the speaker-to-microphone echo of the call route once
 * (first start: no usable {@code calibration.json}) and on command, keeps the result in the state
 * directory, and turns the {@code audio} config section plus that result into the
 * {@link LTAudioProcessing} for {@code LTSDKOptions}.
 *
 * <pre>
 *   start(settings) --calibration.json for the route?--yes--> reuse
 *                                      \--no--> LTAudioProcessing.calibrate(route) --> calibration.json
 *   processing(settings) = settings (on/off switches, explicit delay/tail) over the calibration
 * </pre>
 *
 * <p>Decisions: a run that heard no echo (headset route, muted microphone) is stored too, so the
 * sweep does not sound at every boot; a device error is not stored, so the next start tries again.
 * Either way calls keep the uncalibrated defaults and the reason is logged and kept in
 * {@link #lastOutcome()}. Calibration needs the route to itself: it is refused while a call runs.
 * Methods are synchronized; a run blocks the caller for about 1.7 s.
 */
public final class AcousticSetup {
    private static final Logger log = LoggerFactory.getLogger(AcousticSetup.class);

    private final AudioBackend audio;
    private final StateStore state;
    private final BooleanSupplier callActive;
    private final Clock clock;
    private StoredCalibration calibration;
    private Outcome lastOutcome = new Outcome(false, null, "not calibrated yet");

    /**
     * What a calibration run did.
     *
     * @param echoMeasured true if the echo path was measured (delay and tail are in {@code calibration})
     * @param calibration  the stored result, or null when the run failed before measuring
     * @param message      what happened, for the log, the self-test and the device status
     */
    public record Outcome(boolean echoMeasured, StoredCalibration calibration, String message) {
    }

    /**
     * @param audio      the HAL's audio backend ({@code Hardware.audio()})
     * @param callActive true while a call holds the audio (then calibration is refused)
     */
    public AcousticSetup(AudioBackend audio, StateStore state, BooleanSupplier callActive, Clock clock) {
        this.audio = java.util.Objects.requireNonNull(audio, "audio");
        this.state = java.util.Objects.requireNonNull(state, "state");
        this.callActive = java.util.Objects.requireNonNull(callActive, "callActive");
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /**
     * At start: reuses the stored calibration of the call route, else (first start, other route,
     * unreadable file) calibrates when echo cancellation is on and its delay is "auto".
     *
     * @return the processing to put into {@code LTSDKOptions}
     */
    public synchronized LTAudioProcessing start(Settings.Audio settings) {
        LTAudioRoute route = callRoute();
        Optional<StoredCalibration> stored = readStored();
        if (stored.isPresent() && stored.get().route() == route) {
            calibration = stored.get();
            lastOutcome = new Outcome(calibration.result().echoDetected(), calibration, "stored: " + calibration.describe());
            log.info("acoustic calibration: using the stored one, {}", calibration.describe());
        } else if (settings.echoCancellation() && settings.echoDelay() == null) {
            if (stored.isPresent()) {
                log.info("acoustic calibration: the stored one is for route {}, calls use {}; measuring again",
                        stored.get().route(), route);
            }
            calibrate(route);
        } else {
            log.info("acoustic calibration: not needed (echo cancellation {}, delay {})",
                    settings.echoCancellation() ? "on" : "off", settings.echoDelay() == null ? "auto" : settings.echoDelay());
        }
        LTAudioProcessing processing = processing(settings);
        log.info("microphone processing for calls: {}", processing);
        return processing;
    }

    /** Measures again now (self-test, remote command) and stores the result; refused while a call runs. */
    public synchronized Outcome recalibrate() {
        if (callActive.getAsBoolean()) {
            lastOutcome = new Outcome(false, calibration, "refused: a call is using the audio; try again after it");
            log.warn("acoustic calibration {}", lastOutcome.message());
            return lastOutcome;
        }
        return calibrate(callRoute());
    }

    /** The processing for {@code settings}: its switches, its explicit delay/tail, else the calibration's. */
    public synchronized LTAudioProcessing processing(Settings.Audio settings) {
        LTAudioProcessing p = new LTAudioProcessing(settings.echoCancellation(), 0, LTAudioProcessing.DEFAULT_ECHO_TAIL_MILLIS,
                settings.residualEchoSuppression(), settings.noiseSuppression(), settings.agc());
        if (calibration != null) {
            p = p.withCalibration(calibration.result());
        }
        int delay = settings.echoDelay() == null ? p.echoDelayMillis() : (int) settings.echoDelay().toMillis();
        int tail = settings.echoTail() == null ? p.echoTailMillis() : (int) settings.echoTail().toMillis();
        return p.withEcho(delay, tail);
    }

    /** The calibration in force, if any. */
    public synchronized Optional<StoredCalibration> calibration() {
        return Optional.ofNullable(calibration);
    }

    /** What the last start or run did (for the device status and the self-test). */
    public synchronized Outcome lastOutcome() {
        return lastOutcome;
    }

    /** The route a call starts on (as the SDK picks it): BUILTIN when present or nothing is known, else the first. */
    LTAudioRoute callRoute() {
        Set<LTAudioRoute> available = audio.availableRoutes();
        if (available.isEmpty() || available.contains(LTAudioRoute.BUILTIN)) {
            return LTAudioRoute.BUILTIN;
        }
        return available.stream().sorted().findFirst().orElse(LTAudioRoute.BUILTIN);
    }

    private Outcome calibrate(LTAudioRoute route) {
        log.info("acoustic calibration: playing the sweep on route {}", route);
        LTAcousticCalibration result;
        try {
            result = LTAudioProcessing.calibrate(audio, route);
        } catch (AudioDeviceException | RuntimeException e) {
            lastOutcome = new Outcome(false, calibration, "failed on route " + route + ": " + e.getMessage()
                    + "; calls use " + (calibration == null ? "the uncalibrated defaults" : "the previous calibration"));
            log.warn("acoustic calibration {}", lastOutcome.message());
            return lastOutcome;
        }
        StoredCalibration fresh = new StoredCalibration(route, result, clock.instant());
        try {
            state.writeCalibration(fresh.toJson());
        } catch (RuntimeException e) {
            log.warn("acoustic calibration: cannot store it ({}); it applies until the next start", e.getMessage());
        }
        calibration = fresh;
        if (result.echoDetected()) {
            lastOutcome = new Outcome(true, fresh, "measured: " + fresh.describe());
            log.info("acoustic calibration {}", lastOutcome.message());
        } else {
            lastOutcome = new Outcome(false, fresh, "no echo: " + fresh.describe()
                    + " (headset, muted or broken microphone?); echo cancellation runs uncalibrated");
            log.warn("acoustic calibration: {}", lastOutcome.message());
        }
        return lastOutcome;
    }

    private Optional<StoredCalibration> readStored() {
        return state.calibration().flatMap(node -> {
            try {
                return Optional.of(StoredCalibration.fromJson(node));
            } catch (IllegalArgumentException e) {
                log.warn("{}: {}; treated as absent", state.dir().resolve("calibration.json"), e.getMessage());
                return Optional.empty();
            }
        });
    }
}
