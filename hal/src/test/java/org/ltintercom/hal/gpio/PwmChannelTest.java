package org.ltintercom.hal.gpio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finding the header PWM block's pwmchip at run time, against fake /sys/class/pwm trees. */
class PwmChannelTest {

    @TempDir
    Path sys;

    private void chip(int number, int npwm, String device) throws IOException {
        Path dir = Files.createDirectories(sys.resolve("pwmchip" + number));
        Files.writeString(dir.resolve("npwm"), npwm + "\n");
        Path target = Files.createDirectories(sys.resolve("devices/platform/axi/1000120000.pcie/" + device));
        Files.createSymbolicLink(dir.resolve("device"), target);
    }

    @Test
    void pi5FindsTheRp1PwmBlockWhateverItsChipNumberAndSkipsTheFanController() throws IOException {
        chip(0, 4, "1f0009c000.pwm");   // fan PWM
        chip(2, 4, "1f00098000.pwm");   // header PWM0

        assertEquals(Optional.of(new PwmChannel(2, 0)), PwmChannel.locate(sys, PwmChannel.Board.PI5, 12));
        assertEquals(Optional.of(new PwmChannel(2, 2)), PwmChannel.locate(sys, PwmChannel.Board.PI5, 18));
    }

    @Test
    void pi4MapsBothPinsOfAChannel() throws IOException {
        chip(0, 2, "fe20c000.pwm");

        assertEquals(Optional.of(new PwmChannel(0, 0)), PwmChannel.locate(sys, PwmChannel.Board.PI4, 18));
        assertEquals(Optional.of(new PwmChannel(0, 1)), PwmChannel.locate(sys, PwmChannel.Board.PI4, 13));
    }

    @Test
    void pinWithoutHardwarePwmOrWithoutOverlayHasNone() throws IOException {
        assertEquals(Optional.empty(), PwmChannel.locate(sys, PwmChannel.Board.PI5, 18), "no pwmchip exported");
        chip(0, 4, "1f00098000.pwm");
        assertEquals(Optional.empty(), PwmChannel.locate(sys, PwmChannel.Board.PI5, 22));
        assertEquals(Optional.empty(), PwmChannel.locate(sys.resolve("missing"), PwmChannel.Board.PI5, 12));
    }

    @Test
    void boardIsReadFromTheDeviceTreeModel() {
        assertEquals(PwmChannel.Board.PI5, PwmChannel.Board.fromModel("Raspberry Pi 5 Model B Rev 1.0"));
        assertEquals(PwmChannel.Board.PI4, PwmChannel.Board.fromModel("Raspberry Pi 4 Model B Rev 1.5"));
        assertEquals(PwmChannel.Board.OTHER, PwmChannel.Board.fromModel("Raspberry Pi 3 Model B Plus Rev 1.3"));
    }
}
