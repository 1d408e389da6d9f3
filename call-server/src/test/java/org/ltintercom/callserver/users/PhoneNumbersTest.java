package org.ltintercom.callserver.users;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneNumbersTest {
    @ParameterizedTest
    @ValueSource(strings = {"1234", "+1234", "+886912345678", "12345678901234567890", "+12345678901234567890"})
    void digitsWithOptionalPlusAreNumbers(String s) {
        assertTrue(PhoneNumbers.isValid(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123", "+123", "123456789012345678901", "++1234", "1234+", "12 34", "12-34",
            "١٢٣٤٥", "+886' OR 1=1"})
    void everythingElseIsNot(String s) {
        assertFalse(PhoneNumbers.isValid(s));
    }
}
