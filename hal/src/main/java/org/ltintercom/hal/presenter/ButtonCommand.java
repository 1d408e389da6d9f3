package org.ltintercom.hal.presenter;

/**
 * What the application should do for a button event.
 *
 * @param action what to do
 * @param callId the call it applies to; null for CALL and NONE
 */
public record ButtonCommand(Action action, String callId) {

    public static final ButtonCommand NONE = new ButtonCommand(Action.NONE, null);

    public enum Action {
        NONE, CALL, ANSWER, HANG_UP, TOGGLE_MUTE
    }
}
