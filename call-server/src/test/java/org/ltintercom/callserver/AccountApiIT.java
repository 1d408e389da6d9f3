package org.ltintercom.callserver;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ltintercom.callserver.users.NotificationKeyStore;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.callserver.RestClient.json;

class AccountApiIT extends BackendScenarios {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void initReturnsTokenUserAndSipAccount(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 3)) {
            var u = f.users.get(1);
            RestClient.Reply r = f.client.post("/v1/init", null,
                    json("licenseKey", "demo-license", "userID", u.userID(), "uuid", u.uuid()));
            assertEquals(200, r.status());
            assertEquals(0, r.code());
            assertEquals("OK", r.message());
            assertTrue(r.body().get("token").asText().length() >= 32);
            JsonNode user = r.body().get("user");
            assertEquals(u.userID(), user.get("userID").asText());
            assertEquals(u.uuid(), user.get("uuid").asText());
            assertEquals(u.phoneNumber(), user.get("phoneNumber").asText());
            assertEquals(u.semiUID(), user.get("semiUID").asText());
            assertEquals(u.deviceID(), user.get("deviceID").asText());
            assertEquals("lt-intercom", user.get("accountSrc").asText());
            assertTrue(user.get("canUseVoice").asBoolean());
            JsonNode sip = r.body().get("sip");
            assertEquals(u.userID(), sip.get("username").asText());
            assertEquals(u.sipPassword(), sip.get("password").asText());
            assertEquals("127.0.0.1", sip.get("domain").asText());
            assertEquals("sip:127.0.0.1:" + f.server.sipPort(), sip.get("proxy").asText(), "the SIP port in use");
            assertEquals("[\"udp\",\"tcp\"]", sip.get("transports").toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void initRefusesUnknownLicenseUserOrUuidWithCode1(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            var u = f.users.get(0);
            List<String> before = f.snapshot();
            RestClient.Reply badLicense = f.client.post("/v1/init", null,
                    json("licenseKey", "stolen", "userID", u.userID(), "uuid", u.uuid()));
            RestClient.Reply badUser = f.client.post("/v1/init", null,
                    json("licenseKey", "demo-license", "userID", "u-404", "uuid", u.uuid()));
            RestClient.Reply badUuid = f.client.post("/v1/init", null,
                    json("licenseKey", "demo-license", "userID", u.userID(), "uuid", "guess"));
            for (RestClient.Reply r : List.of(badLicense, badUser, badUuid)) {
                assertEquals(401, r.status());
                assertEquals(1, r.code());
                assertFalse(r.body().has("token"));
            }
            assertTrue(badLicense.message().startsWith("licenseKey: "));
            // the message must not tell a guesser which of userID/uuid was wrong
            assertEquals(badUser.message(), badUuid.message());
            assertEquals(before, f.snapshot());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void initAgainRevokesThePreviousTokenOfThatDevice(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            String first = f.init(0);
            String other = f.init(1);
            String second = f.init(0);
            assertNotEquals(first, second);
            RestClient.Reply revoked = f.client.get("/v1/users", first);
            assertEquals(401, revoked.status());
            assertEquals(1, revoked.code());
            assertEquals(0, f.client.get("/v1/users", second).code());
            assertEquals(0, f.client.get("/v1/users", other).code(), "other users' tokens stay valid");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void getUsersReturnsTheSignedInUserAndNeedsAToken(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 3)) {
            String token = f.init(2);
            RestClient.Reply r = f.client.get("/v1/users", token);
            assertEquals(0, r.code());
            assertEquals(1, r.body().get("users").size());
            assertEquals("u-3", r.body().get("users").get(0).get("userID").asText());
            assertEquals(1, f.client.get("/v1/users", null).code());
            assertEquals(1, f.client.get("/v1/users", "not-a-token").code());
            assertEquals(401, f.client.get("/v1/users", "not-a-token").status());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void statusByPhoneNumbersComesInAskedOrderWithoutUnknownOnes(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 5)) {
            String token = f.init(0);
            RestClient.Reply r = f.client.post("/v1/users/status", token, json("phoneNumbers",
                    List.of(f.users.get(3).phoneNumber(), "+886999999999", f.users.get(1).phoneNumber())));
            assertEquals(0, r.code());
            JsonNode statuses = r.body().get("userStatuses");
            assertEquals(2, statuses.size());
            assertEquals("u-4", statuses.get(0).get("userID").asText());
            assertEquals("u-2", statuses.get(1).get("userID").asText());
            JsonNode s = statuses.get(1);
            assertEquals(f.users.get(1).phoneNumber(), s.get("phoneNumber").asText());
            assertEquals("u-2@example.invalid", s.get("email").asText());
            assertEquals("semi-2", s.get("semiUID").asText());
            assertEquals("brand-test", s.get("brandID").asText());
            assertEquals("corp-test", s.get("corpID").asText());
            assertTrue(s.get("canVOIP").asBoolean());
            assertTrue(s.get("canIM").asBoolean());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void statusBySemiUIDs(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 5)) {
            String token = f.init(0);
            RestClient.Reply r = f.client.post("/v1/users/status", token,
                    json("semiUIDs", List.of("semi-5", "semi-1", "nobody")));
            assertEquals(0, r.code());
            assertEquals(2, r.body().get("userStatuses").size());
            assertEquals("u-5", r.body().get("userStatuses").get(0).get("userID").asText());
            assertEquals("u-1", r.body().get("userStatuses").get(1).get("userID").asText());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void statusNamesTheIndexOfAMalformedPhoneNumberWithCode8(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            String token = f.init(0);
            RestClient.Reply r = f.client.post("/v1/users/status", token,
                    json("phoneNumbers", List.of("+886900000001", "0912345678", "09-12", "+1234")));
            assertEquals(400, r.status());
            assertEquals(8, r.code());
            assertTrue(r.message().startsWith("phoneNumbers[2]: not a phone number"), r.message());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void statusNeedsExactlyOneNonEmptyList(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            String token = f.init(0);
            for (String body : List.of("{}", json("phoneNumbers", List.of("+12345"), "semiUIDs", List.of("a")),
                    json("semiUIDs", List.of()))) {
                RestClient.Reply r = f.client.post("/v1/users/status", token, body);
                assertEquals(6, r.code(), body);
                assertEquals(400, r.status());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void notificationKeyRegistersTheWakeupTopicAndCleanOldDropsOtherDevices(Backend backend, @TempDir Path dir)
            throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            String token = f.init(0);
            // the same user also signed in on an older device
            f.server.database().inTransaction(c -> {
                NotificationKeyStore.register(c, "u-1", "dev-old", "lt/v1/u-1/old", false);
                return null;
            });
            RestClient.Reply keep = f.client.post("/v1/notification-key", token,
                    json("wakeupTopic", "lt/v1/u-1/wakeup", "cleanOld", false));
            assertEquals(0, keep.code());
            assertEquals(List.of("lt/v1/u-1/wakeup", "lt/v1/u-1/old"), topics(f, "u-1"));
            RestClient.Reply clean = f.client.post("/v1/notification-key", token,
                    json("wakeupTopic", "lt/v1/u-1/wakeup2", "cleanOld", true));
            assertEquals(0, clean.code());
            assertEquals(List.of("lt/v1/u-1/wakeup2"), topics(f, "u-1"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void notificationKeyRefusesMqttWildcardsAndKeepsTheOldTopic(Backend backend, @TempDir Path dir) throws Exception {
        try (ServerFixture f = serve(backend, dir, 2)) {
            String token = f.init(0);
            assertEquals(0, f.client.post("/v1/notification-key", token, json("wakeupTopic", "lt/v1/u-1/wakeup")).code());
            for (String topic : List.of("lt/v1/+/wakeup", "lt/#", "lt/v1/u 1", "")) {
                RestClient.Reply r = f.client.post("/v1/notification-key", token, json("wakeupTopic", topic));
                assertEquals(6, r.code(), topic);
                assertTrue(r.message().startsWith("wakeupTopic: "), r.message());
            }
            assertEquals(List.of("lt/v1/u-1/wakeup"), topics(f, "u-1"));
        }
    }

    private static List<String> topics(ServerFixture f, String userID) throws Exception {
        return f.server.database().inTransaction(c -> NotificationKeyStore.topics(c, userID));
    }
}
