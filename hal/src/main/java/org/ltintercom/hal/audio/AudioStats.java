package org.ltintercom.hal.audio;

/**
 * Counters of the ALSA backend since start, for the status topic.
 *
 * @param rescans          device scans (watch and opens)
 * @param routeChanges     times the available routes changed (plug, unplug, headset)
 * @param streamsOpened    capture and playback streams opened
 * @param openFailures     opens that failed (MISSING or BUSY)
 * @param captureUnderruns capture reads that found less than a frame (the SDK sent silence)
 */
public record AudioStats(long rescans, long routeChanges, long streamsOpened, long openFailures, long captureUnderruns) {
}
