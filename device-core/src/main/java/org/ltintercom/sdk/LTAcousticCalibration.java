package org.ltintercom.sdk;

/**
 * The echo path of one audio route as {@link LTAudioProcessing#calibrate} measured it; apply it with
 * {@link LTAudioProcessing#withCalibration}, store it with the device's state.
 *
 * @param echoDetected        false if the microphone did not hear the speaker (headset, muted microphone)
 * @param delayMillis         from a frame handed to the speaker to its first echo in the microphone
 * @param echoLevelDb         echo energy relative to what was played (e.g. -6 dB: loud coupling);
 *                            negative infinity when no echo was detected
 * @param suggestedTailMillis echo canceller length that covers the room's reverberation
 */
public record LTAcousticCalibration(boolean echoDetected, int delayMillis, double echoLevelDb, int suggestedTailMillis) {
}
