package org.ltintercom.hal.gpio;

/** Receives button events on the HAL's button dispatcher thread ({@code lt-hal-buttons}). */
@FunctionalInterface
public interface ButtonListener {
    void onButton(ButtonEvent event);
}
