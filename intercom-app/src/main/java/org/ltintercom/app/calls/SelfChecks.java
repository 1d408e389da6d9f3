package org.ltintercom.app.calls;

import org.ltintercom.app.control.CommandResult;
import org.ltintercom.app.state.AtomicFiles;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.hal.Hardware;
import org.ltintercom.sdk.LTSDK;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running station's self-test (the {@code selftest} command): SIP registration, the
 * speaker->microphone loop, the door relay and the state directory. Each check is one entry in
 * the result's details: {@code {"result": "PASS"|"FAIL"|"SKIPPED", "detail": ...}}; the command
 * fails when any check failed.
 */
public final class SelfChecks {

    private SelfChecks() {
    }

    /** Runs the checks (blocks about two seconds for the audio loop); {@code inCall}: the audio belongs to a call. */
    public static CommandResult run(Hardware hardware, StateStore store, boolean inCall) {
        return run(hardware, store, inCall, null);
    }

    /**
     * With the acoustic calibration measured again ({@code acoustics}, may be null) and the SDK's
     * audio processing reported ({@code WARN}, not a failure, when libspeexdsp is missing: calls work
     * without echo cancellation).
     */
    public static CommandResult run(Hardware hardware, StateStore store, boolean inCall,
                                    org.ltintercom.app.audio.AcousticSetup acoustics) {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean registered = LTSDK.isRegistered();
        put(checks, "sip-registration", registered ? "PASS" : "FAIL",
                registered ? "registered with the SIP service" : "not registered with the SIP service");
        if (inCall) {
            put(checks, "audio-loop", "SKIPPED", "a call is using the speaker and microphone");
        } else {
            LoopToneCheck.Result loop = LoopToneCheck.run(hardware);
            put(checks, "audio-loop", loop.passed() ? "PASS" : "FAIL", loop.detail());
        }
        if (acoustics != null) {
            if (inCall) {
                put(checks, "acoustic-calibration", "SKIPPED", "a call is using the speaker and microphone");
            } else {
                org.ltintercom.app.audio.AcousticSetup.Outcome o = acoustics.recalibrate();
                put(checks, "acoustic-calibration", o.calibration() != null ? "PASS" : "FAIL", o.message());
            }
        }
        org.ltintercom.sdk.LTAudioProcessingStatus processing = LTSDK.getAudioProcessingStatus();
        put(checks, "audio-processing", processing.state() == org.ltintercom.sdk.LTAudioProcessingStatus.State.UNAVAILABLE
                ? "WARN" : "PASS", processing.describe());
        put(checks, "relay", "PASS", hardware.relay().isPresent() ? "present (not pulsed by the self-test)" : "none configured");
        try {
            Path probe = store.dir().resolve("selftest.json");
            AtomicFiles.write(probe, "{\"selftest\":true}".getBytes(StandardCharsets.UTF_8));
            Files.delete(probe);
            put(checks, "state-dir", "PASS", store.dir() + " writable");
        } catch (Exception e) {
            put(checks, "state-dir", "FAIL", store.dir() + ": " + e.getMessage());
        }
        long failed = checks.values().stream().filter(v -> "FAIL".equals(((Map<?, ?>) v).get("result"))).count();
        return failed == 0 ? CommandResult.done(checks)
                : new CommandResult(false, "selftest: " + failed + " check(s) failed", checks);
    }

    private static void put(Map<String, Object> checks, String name, String result, String detail) {
        checks.put(name, Map.of("result", result, "detail", detail));
    }
}
