package org.ltintercom.hal.gpio;

/** Which pin level means "pressed" / "on". */
public enum Polarity {
    /** Low = active: a button to ground with a pull-up, an LED from 3V3 into the pin, most relay modules. */
    ACTIVE_LOW,
    /** High = active. */
    ACTIVE_HIGH;

    public boolean isActive(boolean pinHigh) {
        return this == ACTIVE_HIGH ? pinHigh : !pinHigh;
    }

    public boolean pinLevel(boolean active) {
        return this == ACTIVE_HIGH ? active : !active;
    }
}
