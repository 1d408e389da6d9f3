package org.ltintercom.app.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.config.ConfigLoader;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.app.testing.Configs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvisionerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private StateStore store;
    private final List<IntercomConfig> applied = new ArrayList<>();
    private final Deque<Applier.Outcome> outcomes = new ArrayDeque<>();

    @BeforeEach
    void setUp() {
        store = new StateStore(dir.resolve("state"));
    }

    private Provisioner provisioner(String extraConfig) {
        return new Provisioner(ConfigLoader.readLocal(Configs.write(dir, Configs.SIMULATED + extraConfig)), store, config -> {
            applied.add(config);
            return outcomes.isEmpty() ? Applier.Outcome.ok() : outcomes.poll();
        });
    }

    private static String message(long version, String settings) {
        return "{\"version\": " + version + ", \"deviceId\": \"door-1\", \"settings\": " + settings + "}";
    }

    private static JsonNode json(ConfigResult result) throws Exception {
        return JSON.readTree(result.toJson());
    }

    @Test
    void newerVersionIsPersistedAppliedAndReportedApplied() throws Exception {
        Provisioner p = provisioner("");
        ConfigResult result = p.onConfigMessage(message(5, "{\"ringPlan\": {\"groups\": [{\"targets\": [\"flat-9\"]}]},"
                + " \"call\": {\"autoAnswer\": true}}"));
        JsonNode doc = json(result);
        assertEquals(5, doc.get("version").asLong());
        assertEquals("applied", doc.get("status").asText());
        assertEquals(0, doc.get("errors").size());
        assertEquals(1, applied.size());
        assertEquals(List.of("flat-9"), applied.get(0).ringPlan().groups().get(0).targets());
        assertTrue(applied.get(0).call().autoAnswer());
        assertEquals(5, store.provisioned().orElseThrow().version());
        assertEquals(5, store.lastGood().orElseThrow().version());

        // after a restart the provisioned config is the one to start with
        IntercomConfig restarted = provisioner("").startupConfig();
        assertEquals(List.of("flat-9"), restarted.ringPlan().groups().get(0).targets());
        assertEquals("mqtt-SECRET-3", restarted.mqtt().password().reveal(), "the secrets file still fills in secrets");
    }

    @Test
    void olderOrEqualVersionIsIgnoredWithAResultSayingSo() throws Exception {
        Provisioner p = provisioner("");
        p.onConfigMessage(message(5, "{\"call\": {\"autoAnswer\": true}}"));
        JsonNode same = json(p.onConfigMessage(message(5, "{\"call\": {\"autoAnswer\": false}}")));
        assertEquals("ignored", same.get("status").asText());
        assertEquals("version: 5 is already applied", same.get("errors").get(0).asText());
        JsonNode older = json(p.onConfigMessage(message(4, "{}")));
        assertEquals("version: 4 is older than the applied version 5", older.get("errors").get(0).asText());
        assertEquals(1, applied.size());
    }

    @Test
    void invalidFieldIsRejectedByNameAndThePreviousConfigKept() throws Exception {
        Provisioner p = provisioner("");
        p.onConfigMessage(message(1, "{\"call\": {\"autoAnswer\": true}}"));
        JsonNode doc = json(p.onConfigMessage(message(2,
                "{\"ringPlan\": {\"groups\": [{\"targets\": [\"a\"]}, {\"targets\": [\"b\"], \"timeout\": \"2s\"}]}}")));
        assertEquals("rejected", doc.get("status").asText());
        assertEquals("settings.ringPlan.groups[1].timeout: must be between 5s and 300s, was 2s", doc.get("errors").get(0).asText());
        assertEquals(1, doc.get("activeVersion").asLong());
        assertEquals(1, store.provisioned().orElseThrow().version());
        assertEquals(1, applied.size(), "nothing applied for the bad version");
    }

    @Test
    void garbageAndLocalOnlyFieldsAreRejected() throws Exception {
        Provisioner p = provisioner("");
        JsonNode garbage = json(p.onConfigMessage("{not json"));
        assertEquals("rejected", garbage.get("status").asText());
        assertTrue(garbage.get("version").isNull());
        assertTrue(garbage.get("errors").get(0).asText().contains("not valid JSON"), garbage.toString());

        JsonNode noVersion = json(p.onConfigMessage("{\"settings\": {}}"));
        assertEquals("version: is required and must be a whole number > 0", noVersion.get("errors").get(0).asText());

        JsonNode mqtt = json(p.onConfigMessage(message(3, "{\"mqtt\": {\"brokerUri\": \"tcp://evil:1883\"}}")));
        assertTrue(mqtt.get("errors").get(0).asText().startsWith("settings.mqtt: cannot be provisioned"), mqtt.toString());

        JsonNode other = json(p.onConfigMessage(message(3, "{}").replace("door-1", "door-2")));
        assertEquals("deviceId: is for another device", other.get("errors").get(0).asText());
        assertTrue(applied.isEmpty());
        assertTrue(store.provisioned().isEmpty());
    }

    @Test
    void sipAccountThatDoesNotRegisterIsRolledBackAndNotRetriedOnRedelivery() throws Exception {
        Provisioner p = provisioner("");
        p.onConfigMessage(message(1, "{\"sip\": {\"localPort\": 5070}}"));
        outcomes.add(Applier.Outcome.registrationFailed("the new account did not register within 30s (403 Forbidden)"));
        String bad = message(2, "{\"sip\": {\"localPort\": 5071}}");
        JsonNode doc = json(p.onConfigMessage(bad));
        assertEquals("rejected", doc.get("status").asText());
        assertEquals("sip: the new account did not register within 30s (403 Forbidden); rolled back to version 1",
                doc.get("errors").get(0).asText());
        assertEquals(1, doc.get("activeVersion").asLong());
        assertEquals(3, applied.size(), "v1, v2, then v1 again");
        assertEquals(5070, applied.get(2).sip().localPort());
        assertEquals(1, store.provisioned().orElseThrow().version());

        JsonNode redelivered = json(p.onConfigMessage(bad));
        assertEquals("ignored", redelivered.get("status").asText());
        assertEquals(3, applied.size());
        assertEquals("applied", json(p.onConfigMessage(message(3, "{\"sip\": {\"localPort\": 5072}}")))
                .get("status").asText());
    }

    @Test
    void withAProvisioningKeyOnlyCorrectlySignedMessagesAreApplied() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String key = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        Provisioner p = provisioner("provisioning: {publicKey: \"" + key + "\"}\n");
        String doc = message(7, "{\"call\": {\"maxCallTime\": \"10m\"}}");

        JsonNode unsigned = json(p.onConfigMessage(doc));
        assertEquals("rejected", unsigned.get("status").asText());
        assertEquals("signature: is required (a provisioning key is configured)", unsigned.get("errors").get(0).asText());

        JsonNode forged = json(p.onConfigMessage(signed(doc, other)));
        assertEquals("signature: does not match the provisioning key", forged.get("errors").get(0).asText());

        String tampered = signed(doc, pair).replaceFirst("\"signed\": \"", "\"signed\": \"" + Base64.getEncoder()
                .encodeToString(message(8, "{}").getBytes(StandardCharsets.UTF_8)) + "\", \"x\": \"");
        assertEquals("rejected", json(p.onConfigMessage(tampered)).get("status").asText());
        assertTrue(applied.isEmpty());

        JsonNode good = json(p.onConfigMessage(signed(doc, pair)));
        assertEquals("applied", good.get("status").asText(), good.toString());
        assertEquals(Duration.ofMinutes(10), applied.get(0).call().maxCallTime());
    }

    private static String signed(String document, KeyPair pair) throws Exception {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(bytes);
        Base64.Encoder b64 = Base64.getEncoder();
        return "{\"signed\": \"" + b64.encodeToString(bytes) + "\", \"signature\": \"" + b64.encodeToString(signer.sign()) + "\"}";
    }
}
