package org.ltintercom.hal.gpio;

/** What a physical button is for on the station. */
public enum ButtonRole {
    /** The main button: call, answer or hang up, depending on the call state. */
    CALL,
    /** An optional dedicated hang-up button. */
    HANG_UP,
    /** An optional mute button (toggles the microphone during a call). */
    MUTE
}
