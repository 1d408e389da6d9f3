package org.ltintercom.app;

import org.ltintercom.app.behaviour.DegradedMode;
import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.gpio.LedPattern;

/** The HAL side of degraded mode: the error chime and the status LED's error pattern. */
final class HalSignals implements DegradedMode.Signals {
    private final Hardware hardware;

    HalSignals(Hardware hardware) {
        this.hardware = hardware;
    }

    @Override
    public void playChime() {
        hardware.presenter().playErrorChime();
    }

    @Override
    public void showError() {
        hardware.statusLed().show(LedPattern.ERROR);
    }

    @Override
    public void restoreLed() {
        hardware.statusLed().show(hardware.presenter().ledPattern());
    }
}
