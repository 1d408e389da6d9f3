package org.ltintercom.hil.scenarios;

import org.ltintercom.hal.audio.WavFiles;
import org.ltintercom.hil.SpeakerRecording;
import org.ltintercom.hil.Tones;
import org.ltintercom.sdk.spi.AudioFrames;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What the far end (baresip) heard of the door: its recording of the call, searched for a tone. */
final class FarEndAudio {

    /** The tone the door "says" into its microphone; the phone's own microphone is a 440 Hz sine. */
    static final double DOOR_TONE = 1000;
    static final double PHONE_TONE = 440;
    static final double AUDIBLE = 500;

    private FarEndAudio() {
    }

    /** True when some 100 ms of what the phone received carries {@code hz} audibly and mostly. */
    static boolean phoneHeard(Path recordings, double hz) throws IOException {
        List<Path> files;
        try (var listing = java.nio.file.Files.list(recordings)) {
            files = listing.filter(f -> f.getFileName().toString().startsWith("dump-")
                    && f.getFileName().toString().endsWith("-dec.wav")).sorted().toList();
        }
        for (Path file : files) {
            short[] samples = WavFiles.read(file);
            int window = SpeakerRecording.WINDOW_FRAMES * AudioFrames.FRAME_SAMPLES;
            for (int at = 0; at + window <= samples.length; at += window / 2) {
                short[] part = java.util.Arrays.copyOfRange(samples, at, at + window);
                if (Tones.amplitudeAt(part, hz) >= AUDIBLE && Tones.dominates(part, hz)) {
                    return true;
                }
            }
        }
        return false;
    }
}
