package org.heard.kit.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.heard.kit.testing.TestNhsNumbers;
import org.junit.jupiter.api.Test;

class NhsNumberTest {

    @Test
    void acceptsTestRangeNumbersWithACorrectCheckDigit() {
        // 999 000 0018: 9×10+9×9+9×8+0+0+0+0+0+1×2 = 245; 245 mod 11 = 3; 11−3 = 8
        assertThat(NhsNumber.isValid("9990000018")).isTrue();
        assertThat(NhsNumber.isValid("999 000 0018")).isTrue();
        assertThat(NhsNumber.isValid(TestNhsNumbers.nth(5))).isTrue();
    }

    @Test
    void rejectsAWrongCheckDigitOrShape() {
        assertThat(NhsNumber.isValid("9990000017")).isFalse();
        assertThat(NhsNumber.isValid("999000001")).isFalse();
        assertThat(NhsNumber.isValid("99900000x8")).isFalse();
        assertThat(NhsNumber.isValid(null)).isFalse();
    }

    @Test
    void aNumberWhoseCheckWouldBeTenIsNeverValid() {
        // find nine digits whose check digit would be 10, and show no tenth digit makes them valid
        String nine = null;
        for (int body = 0; nine == null; body++) {
            String candidate = "999" + String.format("%06d", body);
            if (NhsNumber.checkDigit(candidate) < 0) {
                nine = candidate;
            }
        }
        for (int last = 0; last <= 9; last++) {
            assertThat(NhsNumber.isValid(nine + last)).isFalse();
        }
    }
}
