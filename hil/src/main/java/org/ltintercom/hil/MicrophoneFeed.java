package org.ltintercom.hil;

import org.ltintercom.sdk.spi.AudioFrames;

/**
 * The sound in front of the intercom's microphone: what a scenario says, cut into 20 ms frames,
 * once or looped, then nothing. Read by whatever carries it to the microphone (the simulated
 * capture source, or the rig's sound card line out).
 */
final class MicrophoneFeed {

    private short[] samples = new short[0];
    private int position;
    private boolean loop;

    synchronized void speak(short[] newSamples, boolean repeat) {
        samples = newSamples.clone();
        position = 0;
        loop = repeat && newSamples.length > 0;
    }

    synchronized void silence() {
        speak(new short[0], false);
    }

    /** The next frame, or null when nothing is being said (the microphone hears silence). */
    synchronized short[] nextFrame() {
        if (position >= samples.length) {
            if (!loop) {
                return null;
            }
            position = 0;
        }
        short[] frame = new short[AudioFrames.FRAME_SAMPLES];
        int filled = 0;
        while (filled < frame.length && position < samples.length) {
            int n = Math.min(frame.length - filled, samples.length - position);
            System.arraycopy(samples, position, frame, filled, n);
            filled += n;
            position += n;
            if (position >= samples.length && loop) {
                position = 0;
            }
        }
        return frame;
    }
}
