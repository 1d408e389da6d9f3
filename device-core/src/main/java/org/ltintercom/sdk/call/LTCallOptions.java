package org.ltintercom.sdk.call;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who to call and with what: built with one builder per kind of callee key
 * ({@link #userIDBuilder()}, {@link #phoneNumberBuilder()}, {@link #semiUIDBuilder()},
 * {@link #deviceIDBuilder()}). {@code callID} is assigned when the call starts.
 *
 * <p>Options are checked when the call starts: a missing callee key ends the call at once with
 * 201 (ERROR_OPTIONS), an {@code extInfo} longer than 256 bytes as UTF-8 JSON with 205
 * (ERROR_EXT_INFO_LENGTH).
 */
public record LTCallOptions(String callID, LTCallType callType, LTCallAccountType accountType,
                            String userID, String phoneNumber, String semiUID, String deviceID,
                            String isrCode, String domain, Map<String, Object> extInfo) {

    /** The most bytes {@code extInfo} may take as UTF-8 JSON. */
    public static final int MAX_EXT_INFO_BYTES = 256;

    public LTCallOptions {
        callType = callType == null ? LTCallType.OUTGOING : callType;
        accountType = accountType == null ? LTCallAccountType.NULL : accountType;
        // LinkedHashMap keeps the caller's key order (it decides the JSON, hence the byte count); values may be null
        extInfo = extInfo == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extInfo));
    }

    /** The callee key that {@link #accountType()} names, or null when it is missing or blank. */
    public String calleeKey() {
        String key = switch (accountType) {
            case USER_ID -> userID;
            case PHONE_NUMBER -> phoneNumber;
            case SEMI_UID -> semiUID;
            case DEVICE_ID -> deviceID;
            case NULL -> null;
        };
        return key == null || key.isBlank() ? null : key;
    }

    /** These options with the callID the SDK assigned. */
    public LTCallOptions withCallID(String newCallID) {
        return new LTCallOptions(newCallID, callType, accountType, userID, phoneNumber, semiUID, deviceID,
                isrCode, domain, extInfo);
    }

    /** These options seen from the side that receives the call. */
    public LTCallOptions withCallType(LTCallType newCallType) {
        return new LTCallOptions(callID, newCallType, accountType, userID, phoneNumber, semiUID, deviceID,
                isrCode, domain, extInfo);
    }

    /** Calls the user with this userID. */
    public static UserIDBuilder userIDBuilder() {
        return new UserIDBuilder();
    }

    /** Calls the user with this phone number (optionally also naming the userID, and an isrCode). */
    public static PhoneNumberBuilder phoneNumberBuilder() {
        return new PhoneNumberBuilder();
    }

    /** Calls the user registered with this semiUID (the customer's own unique key). */
    public static SemiUIDBuilder semiUIDBuilder() {
        return new SemiUIDBuilder();
    }

    /** Calls one device by its LT deviceID. */
    public static DeviceIDBuilder deviceIDBuilder() {
        return new DeviceIDBuilder();
    }

    /** What every builder has: extInfo (at most 256 bytes as JSON) and the callee's domain. */
    public abstract static sealed class Builder<B extends Builder<B>>
            permits UserIDBuilder, PhoneNumberBuilder, SemiUIDBuilder, DeviceIDBuilder {
        Map<String, Object> extInfo;
        String domain;

        Builder() {
        }

        /** Custom call information passed to the callee; at most 256 bytes as UTF-8 JSON. */
        public B extInfo(Map<String, Object> extInfo) {
            this.extInfo = extInfo;
            return self();
        }

        /** The callee's SIP domain, when it is not the service's own. */
        public B domain(String domain) {
            this.domain = domain;
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        public abstract LTCallOptions build();
    }

    /** Options for calling a user by userID (initWithUserIDBuilder). */
    public static final class UserIDBuilder extends Builder<UserIDBuilder> {
        private String userID;

        public UserIDBuilder userID(String userID) {
            this.userID = userID;
            return this;
        }

        @Override
        public LTCallOptions build() {
            return new LTCallOptions(null, LTCallType.OUTGOING, LTCallAccountType.USER_ID, userID, null, null, null,
                    null, domain, extInfo);
        }
    }

    /** Options for calling a user by phone number (initWithPhoneNumberBuilder). */
    public static final class PhoneNumberBuilder extends Builder<PhoneNumberBuilder> {
        private String phoneNumber;
        private String userID;
        private String isrCode;

        public PhoneNumberBuilder phoneNumber(String phoneNumber) {
            this.phoneNumber = phoneNumber;
            return this;
        }

        /** Optional: the callee's userID when it is known. */
        public PhoneNumberBuilder userID(String userID) {
            this.userID = userID;
            return this;
        }

        /** Optional: the code under which the service records the call. */
        public PhoneNumberBuilder isrCode(String isrCode) {
            this.isrCode = isrCode;
            return this;
        }

        @Override
        public LTCallOptions build() {
            return new LTCallOptions(null, LTCallType.OUTGOING, LTCallAccountType.PHONE_NUMBER, userID, phoneNumber,
                    null, null, isrCode, domain, extInfo);
        }
    }

    /** Options for calling a user by semiUID (initWithSemiUIDBuilder). */
    public static final class SemiUIDBuilder extends Builder<SemiUIDBuilder> {
        private String semiUID;

        public SemiUIDBuilder semiUID(String semiUID) {
            this.semiUID = semiUID;
            return this;
        }

        @Override
        public LTCallOptions build() {
            return new LTCallOptions(null, LTCallType.OUTGOING, LTCallAccountType.SEMI_UID, null, null, semiUID, null,
                    null, domain, extInfo);
        }
    }

    /** Options for calling one device by deviceID (initWithDeviceIDBuilder). */
    public static final class DeviceIDBuilder extends Builder<DeviceIDBuilder> {
        private String deviceID;

        public DeviceIDBuilder deviceID(String deviceID) {
            this.deviceID = deviceID;
            return this;
        }

        @Override
        public LTCallOptions build() {
            return new LTCallOptions(null, LTCallType.OUTGOING, LTCallAccountType.DEVICE_ID, null, null, null, deviceID,
                    null, domain, extInfo);
        }
    }
}
