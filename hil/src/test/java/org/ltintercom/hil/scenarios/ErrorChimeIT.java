package org.ltintercom.hil.scenarios;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.hil.scenarios.DegradedModeIT.AUDIBLE;
import static org.ltintercom.hil.scenarios.DegradedModeIT.CHIME_NOTES;

/**
 * The visitor at a station that cannot call hears the whole error chime, three falling notes, even
 * while the station keeps retrying its sign-in (each retry redraws the presenter).
 */
class ErrorChimeIT extends RigScenario {

    @Test
    void errorChimePlaysAllThreeFallingNotesWhileSignInRetries(ScenarioTimings timings) {
        DegradedModeIT.startOffline(rig);
        long pressed = System.nanoTime();
        rig.clickCallButton();
        long previous = rig.speaker().awaitHeard(CHIME_NOTES[0], AUDIBLE, pressed, rig.patience());
        timings.record("button -> chime", pressed, previous);
        for (int i = 1; i < CHIME_NOTES.length; i++) {
            long note = rig.speaker().awaitHeard(CHIME_NOTES[i], AUDIBLE, previous, rig.patience());
            assertTrue(note > previous, "the chime's notes fall: " + CHIME_NOTES[i] + " Hz after " + CHIME_NOTES[i - 1] + " Hz");
            previous = note;
        }
        timings.record("whole chime", pressed, previous);
    }
}
