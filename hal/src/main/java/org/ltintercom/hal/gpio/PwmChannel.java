package org.ltintercom.hal.gpio;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a pin's hardware PWM lives: the sysfs pwmchip number and the channel on it. The chip
 * number is found at run time under {@code /sys/class/pwm}, never hard-coded: on a Pi 5 the
 * RP1's PWM0 block has been pwmchip0 or pwmchip2 depending on the kernel and overlays, and the
 * fan controller is another pwmchip on the same board.
 *
 * @param chip    N of {@code pwmchipN}
 * @param channel the PWM channel on that chip for the pin
 */
public record PwmChannel(int chip, int channel) {

    private static final Logger log = LoggerFactory.getLogger(PwmChannel.class);

    /** Boards the HAL knows PWM pin mappings for. */
    public enum Board {
        PI4, PI5, OTHER;

        /** From the text of {@code /proc/device-tree/model}. */
        public static Board fromModel(String model) {
            String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
            if (m.contains("raspberry pi 5") || m.contains("compute module 5")) {
                return PI5;
            }
            if (m.contains("raspberry pi 4") || m.contains("compute module 4") || m.contains("raspberry pi 400")) {
                return PI4;
            }
            return OTHER;
        }

        /** Reads {@code /proc/device-tree/model}; OTHER when it cannot be read. */
        public static Board detect() {
            try {
                return fromModel(Files.readString(Path.of("/proc/device-tree/model")).replace("\0", ""));
            } catch (IOException e) {
                return OTHER;
            }
        }
    }

    // BCM pin -> channel of the PWM block that can drive it (with the pwm/pwm-2chan overlay).
    private static final Map<Integer, Integer> PI4_CHANNELS = Map.of(12, 0, 18, 0, 13, 1, 19, 1);
    private static final Map<Integer, Integer> PI5_CHANNELS = Map.of(12, 0, 13, 1, 18, 2, 19, 3);
    // The device node names of the PWM blocks wired to the header (Pi 4: BCM2711 PWM0; Pi 5: RP1 PWM0).
    private static final String PI4_DEVICE_SUFFIX = "7e20c000.pwm";
    private static final String PI4_DEVICE_ALT = "fe20c000.pwm";
    private static final String PI5_DEVICE_SUFFIX = "1f00098000.pwm";

    /**
     * Finds the pwmchip and channel for {@code bcmPin}, or empty when the pin has no hardware PWM
     * on this board or no matching pwmchip is exported (the LED then blinks instead of breathing).
     */
    public static Optional<PwmChannel> locate(Path sysClassPwm, Board board, int bcmPin) {
        Integer channel = channelFor(board, bcmPin).orElse(null);
        if (channel == null) {
            return Optional.empty();
        }
        List<Chip> chips = listChips(sysClassPwm);
        for (Chip chip : chips) {
            boolean known = board == Board.PI5 ? chip.device.endsWith(PI5_DEVICE_SUFFIX)
                    : chip.device.endsWith(PI4_DEVICE_SUFFIX) || chip.device.endsWith(PI4_DEVICE_ALT);
            if (known && channel < chip.npwm) {
                return Optional.of(new PwmChannel(chip.number, channel));
            }
        }
        log.info("GPIO{}: no pwmchip for the header PWM block found under {} (chips: {}); no breathing",
                bcmPin, sysClassPwm, chips);
        return Optional.empty();
    }

    /** The channel of the header PWM block that drives {@code bcmPin} on {@code board}, if any. */
    public static Optional<Integer> channelFor(Board board, int bcmPin) {
        Map<Integer, Integer> channels = switch (board) {
            case PI4 -> PI4_CHANNELS;
            case PI5 -> PI5_CHANNELS;
            case OTHER -> Map.<Integer, Integer>of();
        };
        return Optional.ofNullable(channels.get(bcmPin));
    }

    private record Chip(int number, int npwm, String device) {
    }

    private static List<Chip> listChips(Path root) {
        List<Chip> chips = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return chips;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "pwmchip*")) {
            for (Path dir : dirs) {
                try {
                    int number = Integer.parseInt(dir.getFileName().toString().substring("pwmchip".length()));
                    int npwm = Integer.parseInt(Files.readString(dir.resolve("npwm")).trim());
                    Path device = dir.resolve("device");
                    String name = Files.isSymbolicLink(device)
                            ? Files.readSymbolicLink(device).getFileName().toString()
                            : device.toRealPath().getFileName().toString();
                    chips.add(new Chip(number, npwm, name));
                } catch (IOException | RuntimeException e) {
                    log.debug("skipping {}: {}", dir, e.toString());
                }
            }
        } catch (IOException e) {
            log.debug("cannot list {}: {}", root, e.toString());
        }
        chips.sort((a, b) -> Integer.compare(a.number, b.number));
        return chips;
    }
}
