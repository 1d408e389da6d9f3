package org.ltintercom.callserver.users;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.callserver.testing.TestUsers;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsersFileTest {
    private static final String GOOD = "{userID: u-%d, uuid: x%d, deviceID: d-%d, brandID: b, corpID: c,"
            + " sipPassword: secret-pw, phoneNumber: \"+88690000000%d\", semiUID: s-%d}";

    private static List<UserAccount> parse(String yaml) throws Exception {
        return UsersFile.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }

    private static String refusal(String yaml) {
        return assertThrows(UsersFileException.class, () -> parse(yaml)).getMessage();
    }

    private static String good(int i) {
        return "  - " + GOOD.formatted(i, i, i, i, i) + "\n";
    }

    @Test
    void theBundledDemoUsersAreValid() {
        List<UserAccount> users = UsersFile.loadBundled();
        assertEquals(List.of("door-1", "indoor-1", "indoor-2"), users.stream().map(UserAccount::userID).toList());
        assertEquals("Front door", users.get(0).nickName());
    }

    @Test
    void generatedTestUsersAreValid(@TempDir Path dir) {
        TestUsers generated = TestUsers.write(dir, 25);
        List<UserAccount> users = UsersFile.load(generated.file());
        assertEquals(generated.userIDs(), users.stream().map(UserAccount::userID).toList());
        assertEquals(generated.get(24).uuid(), users.get(24).uuid());
        assertEquals("+886900000025", users.get(24).phoneNumber());
    }

    @Test
    void optionalFieldsGetDefaults() throws Exception {
        UserAccount u = parse("users:\n  - {userID: u-1, uuid: x, deviceID: d-1, brandID: b, corpID: c,"
                + " sipPassword: secret-pw}\n").get(0);
        assertTrue(u.canVOIP());
        assertFalse(u.canIM());
        assertEquals("u-1", u.nickName());
        assertNull(u.phoneNumber());
        assertNull(u.semiUID());
    }

    @Test
    void aBadEntryIsNamedByIndexAndField() {
        String yaml = "users:\n" + good(1) + good(2) + good(3)
                + "  - {userID: u-4, uuid: x, deviceID: d-4, brandID: b, corpID: c, sipPassword: secret-pw,"
                + " phoneNumber: \"call me\"}\n";
        assertTrue(refusal(yaml).endsWith("users[3].phoneNumber: not a phone number (+ and 4-20 digits, or 4-20 digits)"),
                refusal(yaml));
    }

    @Test
    void everyRuleHasItsMessage() {
        String base = "users:\n  - {userID: u-1, uuid: x, deviceID: d-1, brandID: b, corpID: c, sipPassword: secret-pw";
        assertTrue(refusal(base + ", colour: red}\n").endsWith("users[0].colour: unknown field"));
        assertTrue(refusal("users:\n  - {uuid: x, deviceID: d, brandID: b, corpID: c, sipPassword: secret-pw}\n")
                .endsWith("users[0].userID: required"));
        assertTrue(refusal(base.replace("u-1", "u 1") + "}\n")
                .endsWith("users[0].userID: must be 1-64 characters of A-Z a-z 0-9 . _ -"));
        assertTrue(refusal(base.replace("secret-pw", "short") + "}\n")
                .endsWith("users[0].sipPassword: shorter than 8 characters"));
        assertTrue(refusal(base + ", phoneNumber: +886912345678}\n").endsWith("users[0].phoneNumber: must be a string"),
                "an unquoted number is a YAML integer");
        assertTrue(refusal(base + ", email: nobody}\n").endsWith("users[0].email: not an email address"));
        assertTrue(refusal(base + ", canVOIP: sometimes}\n").endsWith("users[0].canVOIP: must be true or false"));
        assertTrue(refusal("users: []\n").endsWith("users: must be a non-empty list of users"));
        assertTrue(refusal("people: []\n").endsWith("people: unknown field"));
        assertTrue(refusal("users:\n  - just-a-string\n").endsWith("users[0]: must be a JSON object"));
        assertTrue(refusal("users: [\n").contains("not valid YAML"));
    }

    @Test
    void userIDsPhoneNumbersAndSemiUIDsAreUnique() {
        String dupId = "users:\n" + good(1) + good(2) + "  - " + GOOD.formatted(1, 3, 3, 3, 3) + "\n";
        assertTrue(refusal(dupId).endsWith("users[2].userID: same as users[0]"), refusal(dupId));
        String dupPhone = "users:\n" + good(1) + "  - " + GOOD.formatted(2, 2, 2, 1, 2) + "\n";
        assertTrue(refusal(dupPhone).endsWith("users[1].phoneNumber: same as users[0]"), refusal(dupPhone));
    }

    @Test
    void secretsStayOutOfToString() throws Exception {
        UserAccount u = parse("users:\n" + good(1)).get(0);
        assertFalse(u.toString().contains("secret-pw"));
        assertFalse(u.toString().contains("x1"));
    }
}
