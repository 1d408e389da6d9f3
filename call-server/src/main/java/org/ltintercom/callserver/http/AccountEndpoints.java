package org.ltintercom.callserver.http;

import org.ltintercom.callserver.json.FieldException;
import org.ltintercom.callserver.json.JsonFields;
import org.ltintercom.callserver.store.Database;
import org.ltintercom.callserver.users.NotificationKeyStore;
import org.ltintercom.callserver.users.PhoneNumbers;
import org.ltintercom.callserver.users.TokenStore;
import org.ltintercom.callserver.users.UserAccount;
import org.ltintercom.callserver.users.UserStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** init, users, users/status and notification-key: signing in and finding other users. */
final class AccountEndpoints {
    private static final Set<String> INIT_FIELDS = Set.of("licenseKey", "userID", "uuid");
    private static final Set<String> STATUS_FIELDS = Set.of("phoneNumbers", "semiUIDs");
    private static final Set<String> KEY_FIELDS = Set.of("wakeupTopic", "cleanOld");
    private static final String WRONG_CREDENTIALS = "userID: unknown user or wrong uuid";

    private final Database db;
    private final Authenticator auth;
    private final Set<String> licenseKeys;
    private final String sipDomain;
    private final String sipProxy;

    AccountEndpoints(Database db, Authenticator auth, Set<String> licenseKeys, String sipDomain, String sipProxy) {
        this.db = db;
        this.auth = auth;
        this.licenseKeys = Set.copyOf(licenseKeys);
        this.sipDomain = sipDomain;
        this.sipProxy = sipProxy;
    }

    ApiResponse init(ApiRequest request) throws SQLException {
        JsonFields f = request.json(INIT_FIELDS);
        String licenseKey = f.text("licenseKey");
        String userID = f.text("userID");
        String uuid = f.text("uuid");
        if (!licenseKeys.contains(licenseKey)) {
            throw new ApiException(ReturnCode.WRONG_USER_OR_PASSWORD, "licenseKey: unknown license key");
        }
        return db.inTransaction(c -> {
            UserAccount user = UserStore.byUserID(c, userID)
                    .filter(u -> sameSecret(u.uuid(), uuid))
                    .orElseThrow(() -> new ApiException(ReturnCode.WRONG_USER_OR_PASSWORD, WRONG_CREDENTIALS));
            String token = TokenStore.issue(c, user.userID(), user.deviceID());
            SipAccount sip = new SipAccount(user.userID(), user.sipPassword(), sipDomain, sipProxy, List.of("udp", "tcp"));
            return ApiResponse.ok().with("token", token).with("user", UserJson.user(user)).with("sip", sip);
        });
    }

    /** The signed-in user's accounts; one account per userID in this service, so a list of one. */
    ApiResponse users(ApiRequest request) throws SQLException {
        return db.inReadTransaction(c -> {
            TokenStore.Session session = auth.session(request, c);
            List<UserJson.User> users = UserStore.byUserID(c, session.userID()).map(UserJson::user).stream().toList();
            return ApiResponse.ok().with("users", users);
        });
    }

    ApiResponse status(ApiRequest request) throws SQLException {
        return db.inReadTransaction(c -> {
            auth.session(request, c);
            JsonFields f = request.json(STATUS_FIELDS);
            boolean byPhone = f.has("phoneNumbers");
            if (byPhone == f.has("semiUIDs")) {
                throw new FieldException("phoneNumbers", "give exactly one of phoneNumbers or semiUIDs");
            }
            List<String> keys = f.textList(byPhone ? "phoneNumbers" : "semiUIDs");
            if (byPhone) {
                for (int i = 0; i < keys.size(); i++) {
                    if (!PhoneNumbers.isValid(keys.get(i))) {
                        throw new ApiException(ReturnCode.WRONG_NUMBER_FORMAT, "phoneNumbers[" + i
                                + "]: not a phone number (+ and 4-20 digits, or 4-20 digits)");
                    }
                }
            }
            List<UserJson.UserStatus> out = new ArrayList<>();
            for (String key : keys) {
                Optional<UserAccount> u = byPhone ? UserStore.byPhoneNumber(c, key) : UserStore.bySemiUID(c, key);
                u.map(UserJson::status).ifPresent(out::add);
            }
            return ApiResponse.ok().with("userStatuses", out);
        });
    }

    ApiResponse notificationKey(ApiRequest request) throws SQLException {
        return db.inTransaction(c -> {
            TokenStore.Session session = auth.session(request, c);
            JsonFields f = request.json(KEY_FIELDS);
            String topic = f.text("wakeupTopic");
            if (!NotificationKeyStore.TOPIC.matcher(topic).matches()) {
                throw new FieldException("wakeupTopic", "must be 1-256 characters of A-Z a-z 0-9 / _ . - (no + or #)");
            }
            boolean cleanOld = f.bool("cleanOld", false);
            NotificationKeyStore.register(c, session.userID(), session.deviceID(), topic, cleanOld);
            return ApiResponse.ok();
        });
    }

    /** The {@code sip} object of the init response: where and as whom the device registers. */
    record SipAccount(String username, String password, String domain, String proxy, List<String> transports) {
    }

    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
