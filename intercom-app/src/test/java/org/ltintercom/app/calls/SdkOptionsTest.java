package org.ltintercom.app.calls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.config.ConfigLoader;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.testing.Configs;
import org.ltintercom.sdk.LTSDKOptions;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the intercom's configuration asks of the SDK: the SIP port and transport. */
class SdkOptionsTest {

    @TempDir
    Path dir;

    private LTSDKOptions optionsFor(String sipSection) throws Exception {
        IntercomConfig config = ConfigLoader.load(Configs.write(dir,
                Configs.SIMULATED.replace("  transport: udp\n", sipSection)));
        return SdkSession.options(config, null, dir.resolve("sdk"), null);
    }

    @Test
    void aTransportSetOnTheDeviceOverridesTheAccountsAndAutoLeavesItAlone() throws Exception {
        assertEquals(Optional.of("tcp"), optionsFor("  transport: tcp\n").sipTransport());
        assertEquals(Optional.of("udp"), optionsFor("  transport: udp\n").sipTransport());
        assertEquals(Optional.empty(), optionsFor("  transport: auto\n").sipTransport());
        assertEquals(5062, optionsFor("  transport: auto\n  localPort: 5062\n").sipPort());
    }
}
