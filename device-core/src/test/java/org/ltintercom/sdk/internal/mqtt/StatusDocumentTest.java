package org.ltintercom.sdk.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusDocumentTest {

    @Test
    void onlineDocumentCarriesStateTimeAndAppFieldsButAppCannotOverrideState() {
        String json = new String(StatusDocument.online(Map.of("state", "bogus", "registered", true), 1234),
                StandardCharsets.UTF_8);
        assertEquals("{\"state\":\"online\",\"ts\":1234,\"registered\":true}", json);
    }

    @Test
    void lastWillSaysTheConnectionWasLost() {
        assertEquals("{\"state\":\"offline\",\"reason\":\"connection-lost\"}",
                new String(StatusDocument.lastWill(), StandardCharsets.UTF_8));
    }
}
