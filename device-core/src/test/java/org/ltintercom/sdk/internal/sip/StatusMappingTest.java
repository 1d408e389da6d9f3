package org.ltintercom.sdk.internal.sip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ltintercom.sdk.call.LTCallStatusCode;
import org.ltintercom.sdk.internal.sip.StatusMapping.Cause;
import org.ltintercom.sdk.internal.sip.StatusMapping.Event;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StatusMappingTest {

    /** One line per row of the table in docs/protocol.md: event, SIP status, Reason header, expected code. */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "INVITE_FAILED, 486, -, 5",
            "INVITE_FAILED, 600, -, 5",
            "INVITE_FAILED, 603, -, 4",
            "INVITE_FAILED, 404, -, 8",
            "INVITE_FAILED, 604, -, 8",
            "INVITE_FAILED, 410, -, 8",
            "INVITE_FAILED, 484, -, 8",
            "INVITE_FAILED, 403, LT;cause=9, 9",
            "INVITE_FAILED, 403, -, 210",
            "INVITE_FAILED, 401, -, 210",
            "INVITE_FAILED, 407, -, 210",
            "INVITE_FAILED, 408, -, 2",
            "INVITE_FAILED, 480, -, 2",
            "INVITE_FAILED, 487, -, 1",
            "INVITE_FAILED, 488, -, 203",
            "INVITE_FAILED, 606, -, 203",
            "INVITE_FAILED, 500, -, 203",
            "INVITE_FAILED, 503, -, 203",
            "INVITE_FAILED, 480, LT;cause=111, 111",
            "INVITE_FAILED, 403, LT;cause=112, 112",
            "INVITE_FAILED, 480, LT;cause=101, 101",
            "INVITE_FAILED, 486, LT;cause=7777, 5",
            "CANCEL_RECEIVED, 0, -, 2",
            "CANCEL_RECEIVED, 0, SIP;cause=200;text=\"Call completed elsewhere\", 6",
            "CANCEL_RECEIVED, 0, SIP;cause=603;text=\"Declined\", 7",
            "CANCEL_RECEIVED, 0, Q.850;cause=16, 2",
            "CANCELLED_BY_US, 0, -, 1",
            "NO_ANSWER_TIMEOUT, 0, -, 2",
            "BYE_RECEIVED, 0, -, 1",
            "BYE_RECEIVED, 0, LT;cause=0, 0",
            "BYE_RECEIVED, 0, LT;cause=204, 204",
            "HANGUP_BY_US, 0, -, 1",
            "TRANSPORT_FAILURE, 0, -, 103",
            "REGISTER_FAILED, 403, -, 102",
            "REGISTER_FAILED, 401, -, 102",
            "REGISTER_FAILED, 407, -, 102",
            "REGISTER_FAILED, 404, -, 102",
            "REGISTER_FAILED, 408, -, 104",
            "REGISTER_FAILED, 503, -, 104",
            "REGISTER_FAILED, 500, -, 202",
            "REGISTER_FAILED, 403, LT;cause=9, 102",
            "REGISTER_TIMEOUT, 0, -, 104",
            "REINVITE_REFUSED, 488, -, 105",
    })
    void mapsEachRow(Event event, int sip, String reason, int expected) {
        assertEquals(LTCallStatusCode.fromCode(expected), StatusMapping.map(event, sip, Cause.parse(reason)));
    }

    @Test
    void everyNormalAndWrongCodeOfTheSeedIsReachableFromTheWire() {
        Set<LTCallStatusCode> reached = EnumSet.noneOf(LTCallStatusCode.class);
        for (Event e : Event.values()) {
            for (int sip : new int[]{0, 401, 403, 404, 408, 480, 486, 487, 488, 503, 603}) {
                for (String reason : new String[]{null, "SIP;cause=200", "SIP;cause=603", "LT;cause=9"}) {
                    reached.add(StatusMapping.map(e, sip, Cause.parse(reason)));
                }
            }
        }
        for (int lt : new int[]{0, 101, 111, 112}) {
            reached.add(StatusMapping.map(Event.INVITE_FAILED, 480, new Cause("LT", lt)));
        }
        for (LTCallStatusCode c : LTCallStatusCode.values()) {
            if (c.code() < 200) {
                assertEquals(true, reached.contains(c), c + " is produced by no row");
            }
        }
    }

    @Test
    void refusalsCarryTheSipStatusPeersExpect() {
        assertEquals(486, StatusMapping.refusalFor(LTCallStatusCode.BUSY).sipStatus());
        assertEquals(603, StatusMapping.refusalFor(LTCallStatusCode.DECLINE).sipStatus());
        assertEquals(603, StatusMapping.refusalFor(LTCallStatusCode.HANGUP).sipStatus());
        assertEquals(403, StatusMapping.refusalFor(LTCallStatusCode.BLOCK_CALL).sipStatus());
        assertEquals(480, StatusMapping.refusalFor(LTCallStatusCode.NO_RECORD_PERMISSION).sipStatus());
    }

    @Test
    void malformedReasonHeadersAreIgnored() {
        assertNull(Cause.parse("LT;cause=abc"));
        assertNull(Cause.parse("LT"));
        assertEquals(new Cause("SIP", 200), Cause.parse("SIP ; cause=200 ; text=\"x\""));
    }
}
