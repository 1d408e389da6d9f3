package org.ltintercom.callserver.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.ltintercom.callserver.json.FieldException;
import org.ltintercom.callserver.json.JsonFields;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads and validates the users file (YAML), the directory of accounts the service knows:
 *
 * <pre>
 * users:
 *   - userID: u-100
 *     uuid: 0f4c...
 *     phoneNumber: "+886912345678"
 *     ...
 * </pre>
 *
 * Every problem is reported with the entry index and field, e.g. {@code users[3].phoneNumber:
 * not a phone number}; a file with any problem is refused as a whole.
 */
public final class UsersFile {
    /** The demo users bundled in the jar, used when no users file is given. */
    public static final String BUNDLED_RESOURCE = "/demo-users.yaml";

    private static final Set<String> TOP_FIELDS = Set.of("users");
    private static final Set<String> USER_FIELDS = Set.of("userID", "uuid", "semiUID", "phoneNumber", "email",
            "deviceID", "brandID", "corpID", "canVOIP", "canIM", "sipPassword", "nickName");
    /** userID and deviceID appear in SIP URIs and MQTT topics, so they are kept to a safe alphabet. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int MIN_SIP_PASSWORD = 8;
    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private UsersFile() {
    }

    public static List<UserAccount> load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UsersFileException("users file " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    public static List<UserAccount> loadBundled() {
        try (InputStream in = UsersFile.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new UsersFileException("bundled users file " + BUNDLED_RESOURCE + " is missing from the jar");
            }
            return parse(in, "bundled " + BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UsersFileException("bundled users file: cannot read", e);
        }
    }

    static List<UserAccount> parse(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw new UsersFileException("users file " + source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        try {
            return validate(root);
        } catch (FieldException e) {
            throw new UsersFileException("users file " + source + ": " + e.getMessage(), e);
        }
    }

    /** Validates a parsed users document; throws {@link FieldException} naming the first bad field. */
    public static List<UserAccount> validate(JsonNode root) {
        JsonFields top = JsonFields.of(root, "", TOP_FIELDS);
        JsonNode list = top.raw("users").orElseThrow(() -> new FieldException("users", "required"));
        if (!list.isArray() || list.isEmpty()) {
            throw new FieldException("users", "must be a non-empty list of users");
        }
        List<UserAccount> users = new ArrayList<>(list.size());
        Map<String, Integer> userIDs = new HashMap<>();
        Map<String, Integer> phones = new HashMap<>();
        Map<String, Integer> semiUIDs = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            UserAccount u = user(JsonFields.of(list.get(i), "users[" + i + "]", USER_FIELDS));
            unique(userIDs, u.userID(), i, "userID");
            unique(phones, u.phoneNumber(), i, "phoneNumber");
            unique(semiUIDs, u.semiUID(), i, "semiUID");
            users.add(u);
        }
        return List.copyOf(users);
    }

    private static UserAccount user(JsonFields f) {
        String userID = id(f, "userID");
        String uuid = f.text("uuid");
        String semiUID = f.optionalText("semiUID").filter(s -> !s.isBlank()).orElse(null);
        String phone = f.optionalText("phoneNumber").orElse(null);
        if (phone != null && !PhoneNumbers.isValid(phone)) {
            throw new FieldException(f.path("phoneNumber"), "not a phone number (+ and 4-20 digits, or 4-20 digits)");
        }
        String email = f.optionalText("email").filter(s -> !s.isBlank()).orElse(null);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new FieldException(f.path("email"), "not an email address");
        }
        String deviceID = id(f, "deviceID");
        String sipPassword = f.text("sipPassword");
        if (sipPassword.length() < MIN_SIP_PASSWORD) {
            throw new FieldException(f.path("sipPassword"), "shorter than " + MIN_SIP_PASSWORD + " characters");
        }
        return new UserAccount(userID, uuid, semiUID, phone, email, deviceID, f.text("brandID"), f.text("corpID"),
                f.bool("canVOIP", true), f.bool("canIM", false), sipPassword, f.text("nickName", userID));
    }

    private static String id(JsonFields f, String name) {
        String value = f.text(name);
        if (!ID.matcher(value).matches()) {
            throw new FieldException(f.path(name), "must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
        return value;
    }

    private static void unique(Map<String, Integer> seen, String value, int index, String field) {
        if (value == null) {
            return;
        }
        Integer first = seen.putIfAbsent(value, index);
        if (first != null) {
            throw new FieldException("users[" + index + "]." + field, "same as users[" + first + "]");
        }
    }
}
