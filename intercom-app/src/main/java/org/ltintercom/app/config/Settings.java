package org.ltintercom.app.config;

import java.time.Duration;
import java.util.List;

/**
 * The value records of the intercom configuration, one per YAML section (see
 * {@code docs/intercom-app.md}). Secrets are {@link Secret}s, so {@code toString} of any of
 * these never shows them. Ranges are checked by {@link ConfigBinder}, which knows the lines.
 */
public final class Settings {

    private Settings() {
    }

    /** The LT SDK's options ({@code LTSDKOptions}): which service, which license, which user. */
    public record Sdk(String serviceUrl, Secret licenseKey, String userId, String uuid) {
    }

    /**
     * How the SIP account is used. The account itself (user, password, domain, proxy) is not
     * configured here: the SDK takes the one the call service issues at sign-in.
     */
    public record Sip(Transport transport, int localPort, Duration registrationTimeout) {
        /**
         * The transport towards the SIP proxy: AUTO takes the one the call service's account names;
         * UDP or TCP overrides it (a firewall that drops SIP over UDP, a NAT that forgets UDP mappings).
         */
        public enum Transport { AUTO, UDP, TCP }
    }

    /** The device's one MQTT session. */
    public record Mqtt(String brokerUri, String clientId, String username, Secret password, Tls tls,
                       Duration keepAlive) {
    }

    /** TLS files for MQTT; any may be null (then the JDK defaults apply). */
    public record Tls(String caFile, String certFile, String keyFile) {
    }

    /** Who the call button rings: the groups in order, each rung in parallel. */
    public record RingPlan(List<RingGroup> groups, Duration ringTimeout) {
        public RingPlan {
            groups = List.copyOf(groups);
        }
    }

    /** Targets rung together, for at most {@code timeout} before the next group. */
    public record RingGroup(List<String> targets, Duration timeout) {
        public RingGroup {
            targets = List.copyOf(targets);
        }
    }

    /** Call limits: auto-answer of incoming calls, the longest call, and when to warn before the cut. */
    public record Call(boolean autoAnswer, Duration maxCallTime, Duration warningBefore) {
    }

    /** The door code typed as DTMF in a call; null section = no door code. */
    public record DoorCode(Secret code, int maxAttempts, Duration lockout, Duration maxLockout, Duration digitTimeout) {
    }

    /** Software gains, 0..4 (1 = unchanged). */
    public record Volumes(double speaker, double microphone) {
    }

    /**
     * What calls do to the microphone ({@code LTAudioProcessing}). {@code echoDelay} and {@code echoTail}
     * are null for "auto": taken from the acoustic calibration ({@code calibration.json}).
     */
    public record Audio(boolean echoCancellation, Duration echoDelay, Duration echoTail, boolean residualEchoSuppression,
                        boolean noiseSuppression, boolean agc) {
        /** The door-station default: echo cancellation, residual echo and noise suppression on, AGC off, calibrated. */
        public static Audio defaults() {
            return new Audio(true, null, null, true, true, false);
        }
    }
}
