package org.ltintercom.app.demo;

import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.hal.audio.WavFiles;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Files for the simulated sound card of {@code intercom-app run --sim-microphone/--sim-speaker-record}
 * (the demo's devices): a WAV that the microphone of every route plays in a loop, and a WAV written
 * at shutdown with what the speaker played (the route that played most). Only on the simulated HAL.
 */
public final class SimulatedAudioFiles {

    private static final Logger log = LoggerFactory.getLogger(SimulatedAudioFiles.class);

    private final SimulatedAudioBackend audio;
    private final Path speakerRecording;

    private SimulatedAudioFiles(SimulatedAudioBackend audio, Path speakerRecording) {
        this.audio = audio;
        this.speakerRecording = speakerRecording;
    }

    /**
     * Attaches the files to {@code hardware}'s simulated sound card.
     *
     * @throws IllegalArgumentException when the HAL is not simulated or the microphone WAV cannot be read
     */
    public static SimulatedAudioFiles attach(Hardware hardware, Path microphoneWav, Path speakerRecording) {
        SimulatedAudioBackend audio = hardware.simulator().map(s -> s.audio())
                .orElseThrow(() -> new IllegalArgumentException(
                        "--sim-microphone/--sim-speaker-record: need hal.platform simulated or pi4j_mock"));
        if (microphoneWav != null) {
            short[] samples;
            try {
                samples = WavFiles.read(microphoneWav);
            } catch (IOException e) {
                throw new IllegalArgumentException("--sim-microphone: cannot read " + microphoneWav + ": " + e.getMessage(), e);
            }
            if (samples.length < AudioFrames.FRAME_SAMPLES) {
                throw new IllegalArgumentException("--sim-microphone: " + microphoneWav + " holds less than one 20 ms frame");
            }
            for (LTAudioRoute route : LTAudioRoute.values()) {
                audio.setCaptureSource(route, new Loop(samples));
            }
            log.info("simulated microphone plays {} in a loop ({} ms)", microphoneWav,
                    samples.length * 1000L / AudioFrames.SAMPLE_RATE);
        }
        return new SimulatedAudioFiles(audio, speakerRecording);
    }

    /** Writes the speaker recording (if one was asked for); call before the HAL closes. */
    public void writeRecording() {
        if (speakerRecording == null) {
            return;
        }
        LTAudioRoute loudest = LTAudioRoute.values()[0];
        for (LTAudioRoute route : LTAudioRoute.values()) {
            if (audio.playedFrames(route).size() > audio.playedFrames(loudest).size()) {
                loudest = route;
            }
        }
        try {
            audio.writePlayedWav(loudest, speakerRecording);
            log.info("simulated speaker ({}) recorded to {}", loudest, speakerRecording);
        } catch (IOException e) {
            log.warn("cannot write the simulated speaker recording {}: {}", speakerRecording, e.getMessage());
        }
    }

    /** The microphone: the WAV over and over, 20 ms at a time. */
    private static final class Loop implements java.util.function.Supplier<short[]> {
        private final short[] samples;
        private int at;

        Loop(short[] samples) {
            this.samples = samples;
        }

        @Override
        public synchronized short[] get() {
            short[] frame = new short[AudioFrames.FRAME_SAMPLES];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = samples[at];
                at = (at + 1) % samples.length;
            }
            return frame;
        }
    }
}
