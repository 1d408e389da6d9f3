package org.ltintercom.hal.audio;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.CaptureStream;

import javax.sound.sampled.TargetDataLine;

/** A microphone line of one route, read by the call's media thread. */
final class AlsaCaptureStream implements CaptureStream, AlsaAudioBackend.AlsaStream {

    private final LTAudioRoute route;
    private final AudioDeviceInfo device;
    private final TargetDataLine line;
    private final AlsaAudioBackend backend;
    private final byte[] bytes = new byte[AudioFormats.FRAME_BYTES];
    private volatile boolean gone;
    private volatile boolean closed;

    AlsaCaptureStream(LTAudioRoute route, AudioDeviceInfo device, TargetDataLine line, AlsaAudioBackend backend) {
        this.route = route;
        this.device = device;
        this.line = line;
        this.backend = backend;
    }

    @Override
    public boolean readFrame(short[] frame) throws AudioDeviceException {
        if (frame.length != AudioFrames.FRAME_SAMPLES) {
            throw new IllegalArgumentException("frame: must hold " + AudioFrames.FRAME_SAMPLES + " samples, has " + frame.length);
        }
        if (closed) {
            return false;
        }
        if (gone) {
            throw new AudioDeviceException(route, AudioDeviceException.Reason.GONE, device.label() + " went away");
        }
        int read;
        try {
            read = line.read(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            gone = true;
            throw new AudioDeviceException(route, AudioDeviceException.Reason.GONE, "read failed: " + e.getMessage(), e);
        }
        if (read < bytes.length) {
            // a short read of a line that is still open is an underrun; of a line that died, the end
            if (gone || !line.isOpen()) {
                throw new AudioDeviceException(route, AudioDeviceException.Reason.GONE, device.label() + " went away");
            }
            backend.countUnderrun();
            return false;
        }
        // read per frame: a gain provisioned mid-call applies from this frame on
        AudioFormats.toSamples(bytes, frame, backend.captureGain(route));
        return true;
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
        line.stop();
        line.close();
    }
}
