package org.ltintercom.sdk.call;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LTCallOptionsTest {

    @Test
    void eachBuilderNamesItsCalleeKeyAndAccountType() {
        LTCallOptions byUser = LTCallOptions.userIDBuilder().userID("indoor-1").build();
        assertEquals(LTCallAccountType.USER_ID, byUser.accountType());
        assertEquals("indoor-1", byUser.calleeKey());

        LTCallOptions byPhone = LTCallOptions.phoneNumberBuilder().phoneNumber("+886900000002").userID("indoor-1").isrCode("isr-7").build();
        assertEquals(LTCallAccountType.PHONE_NUMBER, byPhone.accountType());
        assertEquals("+886900000002", byPhone.calleeKey());
        assertEquals("indoor-1", byPhone.userID());
        assertEquals("isr-7", byPhone.isrCode());

        LTCallOptions bySemi = LTCallOptions.semiUIDBuilder().semiUID("indoor-2").build();
        assertEquals(LTCallAccountType.SEMI_UID, bySemi.accountType());
        assertEquals("indoor-2", bySemi.calleeKey());

        LTCallOptions byDevice = LTCallOptions.deviceIDBuilder().deviceID("dev-indoor-1").domain("127.0.0.1").build();
        assertEquals(LTCallAccountType.DEVICE_ID, byDevice.accountType());
        assertEquals("dev-indoor-1", byDevice.calleeKey());
        assertEquals("127.0.0.1", byDevice.domain());
    }

    @Test
    void aBuilderWithoutItsCalleeKeyBuildsOptionsWithNoCallee() {
        // the call started with these ends at once with 201; building them is not an error
        assertNull(LTCallOptions.userIDBuilder().build().calleeKey());
        assertNull(LTCallOptions.semiUIDBuilder().semiUID("  ").build().calleeKey());
        assertNull(LTCallOptions.phoneNumberBuilder().userID("indoor-1").build().calleeKey(), "userID is optional beside the phone number, not instead of it");
        assertNull(new LTCallOptions(null, null, null, "u", null, null, null, null, null, null).calleeKey());
    }

    @Test
    void optionsAreOutgoingWithoutCallIdUntilStartedAndExtInfoIsAnImmutableCopy() {
        Map<String, Object> ext = new HashMap<>();
        ext.put("door", "front");
        LTCallOptions options = LTCallOptions.userIDBuilder().userID("indoor-1").extInfo(ext).build();
        ext.put("later", "ignored");
        assertEquals(Map.of("door", "front"), options.extInfo());
        assertThrows(UnsupportedOperationException.class, () -> options.extInfo().put("x", 1));
        assertNull(options.callID());
        assertEquals(LTCallType.OUTGOING, options.callType());
        assertEquals("c-1", options.withCallID("c-1").callID());
        assertEquals(LTCallType.INCOMING, options.withCallType(LTCallType.INCOMING).callType());
        assertEquals(Map.of(), LTCallOptions.userIDBuilder().userID("x").build().extInfo());
    }
}
