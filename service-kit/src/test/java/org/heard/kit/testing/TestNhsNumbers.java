package org.heard.kit.testing;

import org.heard.kit.privacy.NhsNumber;

/** Synthetic NHS numbers from the 999 test range with valid Modulus 11 check digits. */
public final class TestNhsNumbers {

    private TestNhsNumbers() {
    }

    /** The n-th valid number of the 999 test range (n from 0). */
    public static String nth(int n) {
        int found = 0;
        for (int body = 0; body < 1_000_000; body++) {
            String nine = "999" + String.format("%06d", body);
            int check = NhsNumber.checkDigit(nine);
            if (check >= 0 && found++ == n) {
                return nine + check;
            }
        }
        throw new IllegalArgumentException("no such test number");
    }
}
