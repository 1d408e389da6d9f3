package org.ltintercom.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.testing.Configs;
import org.ltintercom.hal.HalConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void validConfigLoadsWithSecretsFromTheSecretsFileAndHalDefaults() {
        IntercomConfig config = ConfigLoader.load(Configs.write(dir, Configs.SIMULATED));
        assertEquals("door-1", config.deviceId());
        assertEquals("lic-SECRET-1", config.sdk().licenseKey().reveal());
        assertEquals("mqtt-SECRET-3", config.mqtt().password().reveal());
        assertEquals("door-1", config.mqtt().clientId(), "client id defaults to the device id");
        assertEquals(HalConfig.Platform.SIMULATED, config.hal().platform());
        assertEquals(17, config.hal().buttons().call().pin());
        assertEquals(Duration.ofSeconds(9), config.hal().relay().maxHold(), "maxHold defaults to three pulses");
        assertEquals(2, config.ringPlan().groups().size());
        assertEquals(Duration.ofSeconds(30), config.ringPlan().groups().get(0).timeout());
        assertEquals(List.of("flat-2", "flat-3"), config.ringPlan().groups().get(1).targets());
        assertFalse(config.call().autoAnswer());
        assertNull(config.doorCode(), "no doorCode section in the main file: the secret alone does not enable it");
    }

    @Test
    void shippedDefaultConfigIsValid() throws Exception {
        Path shipped = Path.of("..", "systemd", "intercom.yaml");
        Files.copy(shipped, dir.resolve("intercom.yaml"));
        Configs.write(dir, Files.readString(shipped));
        IntercomConfig config = ConfigLoader.load(dir.resolve("intercom.yaml"));
        assertEquals(HalConfig.Platform.RASPBERRY_PI, config.hal().platform());
    }

    @Test
    void outOfRangeTimeoutIsReportedWithLineAndField() {
        String yaml = Configs.SIMULATED.replace("timeout: 20s", "timeout: 400s");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir, yaml)));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("intercom.yaml:26: ringPlan.groups[1].timeout: must be between 5s and 300s"),
                e.getMessage());
    }

    @Test
    void sipPasswordIsRefusedSayingTheAccountComesFromTheCallService() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir,
                Configs.SIMULATED.replace("  transport: udp\n", "  transport: udp\n  password: hunter2\n"))));
        assertEquals(List.of("intercom.yaml:9: sip.password: not used - the SIP account comes from the call service at sign-in"),
                e.errors().stream().map(Object::toString).toList());
        assertFalse(e.getMessage().contains("hunter2"), "the value is not echoed");

        ConfigException typo = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir,
                Configs.SIMULATED.replace("  transport: udp\n", "  transport: udp\n  pasword: x\n"))));
        assertEquals("intercom.yaml:9: sip.pasword: unknown field (allowed: localPort, registrationTimeout, transport)",
                typo.errors().get(0).toString(), "the retired field is not offered as allowed");
    }

    @Test
    void sipTransportIsTheAccountsUnlessSetToUdpOrTcpAndTlsIsRefused() throws Exception {
        assertEquals(Settings.Sip.Transport.UDP, ConfigLoader.load(Configs.write(dir, Configs.SIMULATED)).sip().transport());
        assertEquals(Settings.Sip.Transport.TCP, ConfigLoader.load(Configs.write(dir,
                Configs.SIMULATED.replace("transport: udp", "transport: TCP"))).sip().transport());
        assertEquals(Settings.Sip.Transport.AUTO, ConfigLoader.load(Configs.write(dir,
                Configs.SIMULATED.replace("  transport: udp\n", "  localPort: 0\n"))).sip().transport());

        ConfigException tls = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir,
                Configs.SIMULATED.replace("transport: udp", "transport: tls"))));
        assertEquals(List.of("intercom.yaml:8: sip.transport: tls is not supported (the SDK speaks SIP over udp and tcp)"),
                tls.errors().stream().map(Object::toString).toList());
    }

    @Test
    void sipPasswordInTheSecretsFileIsRefusedToo() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir,
                Configs.SIMULATED, Configs.SECRETS + "sip: {password: hunter2}\n", "rw-------")));
        assertEquals(List.of("secrets.yaml:4: sip.password: not used - the SIP account comes from the call service at sign-in"),
                e.errors().stream().map(Object::toString).toList());
    }

    @Test
    void unknownFieldIsRejectedNamingIt() {
        String yaml = Configs.SIMULATED.replace("  transport: udp", "  transport: udp\n  pasword: x");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir, yaml)));
        assertTrue(e.getMessage().startsWith("intercom.yaml:9: sip.pasword: unknown field"), e.getMessage());
    }

    @Test
    void everyMistakeIsReportedInOneRun() {
        String yaml = Configs.SIMULATED.replace("transport: udp", "transport: carrier-pigeon")
                .replace("{pin: 17}", "{pin: seventeen}");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir, yaml)));
        List<String> fields = e.errors().stream().map(ConfigError::field).toList();
        assertTrue(fields.contains("sip.transport"), fields.toString());
        assertTrue(fields.contains("hal.buttons.call.pin"), fields.toString());
    }

    @Test
    void halRecordChecksAreReportedOnTheLineOfTheirField() {
        String yaml = Configs.SIMULATED.replace("relay: {pin: 23, pulse: 3s}", "relay: {pin: 17, pulse: 50ms}");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir, yaml)));
        assertEquals("intercom.yaml:18: hal.relay.pulse: must be between 100 ms and 30000 ms, was 50 ms",
                e.errors().get(0).toString());

        String shared = Configs.SIMULATED.replace("relay: {pin: 23, pulse: 3s}", "relay: {pin: 17}");
        ConfigException dup = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir, shared)));
        assertTrue(dup.getMessage().contains("hal.relay.pin: GPIO17 is already used by buttons.call.pin"), dup.getMessage());
    }

    @Test
    void worldReadableSecretsFileIsRefused() {
        Path file = Configs.write(dir, Configs.SIMULATED, Configs.SECRETS, "rw-r--r--");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("secrets.yaml:1: holds secrets but is accessible to group or others"), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), "the message shows no secret");
    }

    @Test
    void secretsFileAcceptsOnlySecretFields() {
        Path file = Configs.write(dir, Configs.SIMULATED, Configs.SECRETS + "ringPlan: {ringTimeout: 5s}\n", "rw-------");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().startsWith("secrets.yaml:4: ringPlan: unknown field"), e.getMessage());
    }

    @Test
    void toStringNeverShowsSecrets() {
        IntercomConfig config = ConfigLoader.load(Configs.write(dir, Configs.SIMULATED
                + "doorCode: {maxAttempts: 3}\n"));
        String text = config.toString();
        assertFalse(text.contains("SECRET"), text);
        assertFalse(text.contains("4711"), text);
        assertTrue(text.contains("***"), text);
    }

    @Test
    void doorCodeWithALeadingZeroKeepsItsDigits() {
        IntercomConfig config = ConfigLoader.load(Configs.write(dir, Configs.SIMULATED
                + "doorCode: {code: 0815, maxAttempts: 5}\n"));
        assertEquals("0815", config.doorCode().code().reveal());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir,
                Configs.SIMULATED + "doorCode: {code: \"12\"}\n")));
        assertEquals("intercom.yaml:27: doorCode.code: must be 4-12 DTMF keys (0-9 * # A-D)", e.errors().get(0).toString());
    }

    @Test
    void aFieldGivenTwiceIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir,
                Configs.SIMULATED + "ledBrightness: 0.5\nledBrightness: 0.7\n")));
        assertEquals("intercom.yaml:28: ledBrightness: is given twice", e.errors().get(0).toString());
    }

    @Test
    void brokenYamlNamesTheLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Configs.write(dir, "deviceId: a\nsip: [unclosed\n")));
        assertTrue(e.getMessage().startsWith("intercom.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void provisioningKeyMustBeEd25519() throws Exception {
        var pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String key = java.util.Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        IntercomConfig config = ConfigLoader.load(Configs.write(dir, Configs.SIMULATED
                + "provisioning: {publicKey: \"" + key + "\"}\n"));
        assertEquals(pair.getPublic(), config.provisioningKey());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Configs.write(dir,
                Configs.SIMULATED + "provisioning: {publicKey: \"bm90IGEga2V5\"}\n")));
        assertTrue(e.getMessage().contains("provisioning.publicKey: is not an Ed25519 public key"), e.getMessage());
        assertNull(ConfigLoader.load(Configs.write(dir, Configs.SIMULATED)).provisioningKey());
    }
}
