package org.heard.kit.privacy;

/**
 * NHS numbers: ten digits whose last is a Modulus 11 check digit. Numbers starting 999 are the NHS's test range and
 * are valid when their checksum is. The number itself is personal data: never log it.
 */
public final class NhsNumber {

    private NhsNumber() {
    }

    /** The ten digits without spaces or dashes, or null when the input is not ten digits once they are removed. */
    public static String normalise(String input) {
        if (input == null) {
            return null;
        }
        String digits = input.replace(" ", "").replace("-", "");
        return digits.matches("\\d{10}") ? digits : null;
    }

    /** True when the input is ten digits (spaces/dashes allowed) with a correct Modulus 11 check digit. */
    public static boolean isValid(String input) {
        String digits = normalise(input);
        if (digits == null) {
            return false;
        }
        int check = checkDigit(digits.substring(0, 9));
        return check >= 0 && check == digits.charAt(9) - '0';
    }

    /** The Modulus 11 check digit of nine digits, or -1 when no valid number has them (remainder gives 10). */
    public static int checkDigit(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return 0;
        }
        return check == 10 ? -1 : check;
    }
}
