package org.ltintercom.hal.presenter;

/** What the call button does right now; the headless counterpart of the call screen's big button. */
public enum ButtonMeaning {
    CALL, ANSWER, HANG_UP
}
