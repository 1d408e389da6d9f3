package org.ltintercom.hal.audio;

import org.ltintercom.sdk.spi.AudioFrames;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sound system of Mixer.Info-like descriptors for tests (this machine has no sound card).
 * Lines are small proxies: capture returns a constant ramp, playback records bytes.
 */
final class FakeSoundSystem implements SoundSystem {

    static final AudioDeviceInfo BUILTIN = new AudioDeviceInfo("Device [plughw:0,0]",
            "Direct Audio Device: snd_rpi_hifiberry_dacplusadc, HiFiBerry DAC+ADC HiFi multicodec-0", true, true);
    static final AudioDeviceInfo BUILTIN_RAW = new AudioDeviceInfo("Device [hw:0,0]",
            "Direct Audio Device: snd_rpi_hifiberry_dacplusadc, HiFiBerry DAC+ADC HiFi multicodec-0", true, true);
    static final AudioDeviceInfo USB_CARD_1 = usbCard(1);
    static final AudioDeviceInfo HDMI = new AudioDeviceInfo("Device [plughw:2,0]",
            "Direct Audio Device: vc4-hdmi-0, MAI PCM i2s-hifi-0", false, true);
    static final AudioDeviceInfo BLUEALSA = new AudioDeviceInfo("bluealsa [bluealsa]",
            "Direct Audio Device: Bluetooth Audio, BlueALSA", true, true);

    final List<AudioDeviceInfo> devices = new CopyOnWriteArrayList<>();
    final List<byte[]> written = new CopyOnWriteArrayList<>();
    volatile boolean busy;

    static AudioDeviceInfo usbCard(int cardNumber) {
        return new AudioDeviceInfo("Device [plughw:" + cardNumber + ",0]",
                "Direct Audio Device: USB Audio Device, USB Audio, USB Audio", true, true);
    }

    @Override
    public List<AudioDeviceInfo> devices() {
        return new ArrayList<>(devices);
    }

    @Override
    public TargetDataLine openCapture(AudioDeviceInfo device, AudioFormat format, int bufferBytes)
            throws LineUnavailableException {
        check(device, format, bufferBytes);
        return line(TargetDataLine.class, device);
    }

    @Override
    public SourceDataLine openPlayback(AudioDeviceInfo device, AudioFormat format, int bufferBytes)
            throws LineUnavailableException {
        check(device, format, bufferBytes);
        return line(SourceDataLine.class, device);
    }

    private void check(AudioDeviceInfo device, AudioFormat format, int bufferBytes) throws LineUnavailableException {
        if (busy) {
            throw new LineUnavailableException("Device or resource busy");
        }
        if (!devices.contains(device)) {
            throw new LineUnavailableException(device.label() + " is gone");
        }
        if (!format.matches(AudioFormats.SPI_FORMAT) || bufferBytes % AudioFormats.FRAME_BYTES != 0) {
            throw new IllegalArgumentException("unexpected format " + format + " / buffer " + bufferBytes);
        }
    }

    private <T> T line(Class<T> type, AudioDeviceInfo device) {
        AtomicBoolean open = new AtomicBoolean(true);
        Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "isOpen":
                    return open.get();
                case "close":
                    open.set(false);
                    return null;
                case "read": {
                    if (!devices.contains(device)) {
                        open.set(false);
                        return 0;
                    }
                    byte[] buffer = (byte[]) args[0];
                    int length = (int) args[2];
                    for (int i = 0; i < length / 2; i++) {
                        short sample = (short) (i * 10);
                        buffer[2 * i] = (byte) sample;
                        buffer[2 * i + 1] = (byte) (sample >> 8);
                    }
                    return length;
                }
                case "write": {
                    byte[] buffer = (byte[]) args[0];
                    written.add(java.util.Arrays.copyOfRange(buffer, (int) args[1], (int) args[1] + (int) args[2]));
                    return args[2];
                }
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                case "toString":
                    return "fake line on " + device.label();
                default:
                    return defaultValue(method.getReturnType());
            }
        });
        return type.cast(proxy);
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == float.class) {
            return 0f;
        }
        return null;
    }

    static short[] frame() {
        return new short[AudioFrames.FRAME_SAMPLES];
    }
}
