package org.ltintercom.hal.audio;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.PlaybackStream;

import javax.sound.sampled.SourceDataLine;

/** A speaker line of one route, written by the call's media thread; the route's volume is applied here. */
final class AlsaPlaybackStream implements PlaybackStream, AlsaAudioBackend.AlsaStream {

    private final LTAudioRoute route;
    private final AudioDeviceInfo device;
    private final SourceDataLine line;
    private final AlsaAudioBackend backend;
    private final byte[] bytes = new byte[AudioFormats.FRAME_BYTES];
    private volatile boolean gone;
    private volatile boolean closed;

    AlsaPlaybackStream(LTAudioRoute route, AudioDeviceInfo device, SourceDataLine line, AlsaAudioBackend backend) {
        this.route = route;
        this.device = device;
        this.line = line;
        this.backend = backend;
    }

    @Override
    public void writeFrame(short[] frame) throws AudioDeviceException {
        if (frame.length != AudioFrames.FRAME_SAMPLES) {
            throw new IllegalArgumentException("frame: must hold " + AudioFrames.FRAME_SAMPLES + " samples, has " + frame.length);
        }
        if (closed) {
            return;
        }
        if (gone || !line.isOpen()) {
            throw new AudioDeviceException(route, AudioDeviceException.Reason.GONE, device.label() + " went away");
        }
        AudioFormats.toBytes(frame, bytes, backend.volume(route));
        try {
            line.write(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            gone = true;
            throw new AudioDeviceException(route, AudioDeviceException.Reason.GONE, "write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public LTAudioRoute route() {
        return route;
    }

    @Override
    public AudioDeviceInfo device() {
        return device;
    }

    @Override
    public void markGone() {
        gone = true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        backend.forget(this);
        if (gone) {
            line.flush();   // draining a dead device could wait forever
        } else {
            line.drain();
        }
        line.close();
    }
}
