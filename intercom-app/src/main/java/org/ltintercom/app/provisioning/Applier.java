package org.ltintercom.app.provisioning;

import org.ltintercom.app.config.IntercomConfig;

/**
 * Puts a validated configuration into force: re-initialises the SDK with the new options and SIP
 * account, sets volumes and LED brightness on the HAL, swaps the ring plan and door code. The
 * wiring implements it once the SDK adapter is merged; the {@link Provisioner} only decides
 * when to apply and what to do when it fails.
 */
@FunctionalInterface
public interface Applier {

    /**
     * Applies {@code config} and, when its SIP account changed, waits up to
     * {@code config.sip().registrationTimeout()} for the account to register.
     */
    Outcome apply(IntercomConfig config);

    /** How applying went. */
    record Outcome(boolean applied, String failure) {

        public static Outcome ok() {
            return new Outcome(true, "");
        }

        /** The new SIP account did not register in time (or was refused): roll back. */
        public static Outcome registrationFailed(String reason) {
            return new Outcome(false, reason);
        }
    }
}
