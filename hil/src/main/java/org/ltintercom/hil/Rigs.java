package org.ltintercom.hil;

import java.nio.file.Path;
import java.util.Locale;

/** Picks the rig a run uses: system property {@code rig} = {@code mock} (default) or {@code gpio}. */
public final class Rigs {

    /** The system property naming the rig. */
    public static final String RIG_PROPERTY = "rig";
    /** The system property with the GPIO rig's wiring file (see {@link GpioRigConfig}). */
    public static final String CONFIG_PROPERTY = "rig.config";

    private Rigs() {
    }

    /** A new rig of the chosen kind, keeping the app's files under {@code workDir}. */
    public static Rig fromSystemProperties(Path workDir) {
        String kind = System.getProperty(RIG_PROPERTY, "mock").trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "", "mock" -> new MockRig(workDir);
            case "gpio" -> {
                String file = System.getProperty(CONFIG_PROPERTY);
                if (file == null || file.isBlank()) {
                    throw new IllegalArgumentException(CONFIG_PROPERTY + ": required with -Drig=gpio (the rig's wiring file)");
                }
                yield new GpioRig(GpioRigConfig.read(Path.of(file)), workDir);
            }
            default -> throw new IllegalArgumentException(RIG_PROPERTY + ": must be mock or gpio, was \"" + kind + "\"");
        };
    }
}
