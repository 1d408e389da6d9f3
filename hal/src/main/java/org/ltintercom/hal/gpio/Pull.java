package org.ltintercom.hal.gpio;

/** The SoC's internal pull resistor on an input pin. */
public enum Pull {
    /** Up for an active-low button, down for an active-high one. */
    AUTO,
    UP,
    DOWN,
    /** External resistor on the board. */
    OFF
}
