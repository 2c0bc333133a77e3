package io.github.lrschedulers.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The former {@link PyRepr#repr(double)}, kept as a slow reference for the tests: the shortest
 * decimal is searched by rounding the exact {@link BigDecimal} value to 1, 2, ... 17 digits, both
 * ways, until one reads back as the same double. src/jmh holds the same code for the benchmark.
 */
final class BigDecimalRepr {

    private BigDecimalRepr() {}

    /** Returns Python's {@code repr(d)}, slowly. */
    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0.0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        }
        double a = Math.abs(d);
        BigDecimal shortest = shortest(a);
        String digits = shortest.unscaledValue().toString();
        int n = digits.length();
        int decpt = n - shortest.scale();
        StringBuilder sb = new StringBuilder(24);
        if (d < 0) {
            sb.append('-');
        }
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                sb.append("0.");
                sb.append("0".repeat(-decpt));
                sb.append(digits);
            } else if (decpt >= n) {
                sb.append(digits);
                sb.append("0".repeat(decpt - n));
                sb.append(".0");
            } else {
                sb.append(digits, 0, decpt).append('.').append(digits, decpt, n);
            }
        } else {
            sb.append(digits.charAt(0));
            if (n > 1) {
                sb.append('.').append(digits, 1, n);
            }
            int exp = decpt - 1;
            sb.append(exp < 0 ? "e-" : "e+");
            int absExp = Math.abs(exp);
            if (absExp < 10) {
                sb.append('0');
            }
            sb.append(absExp);
        }
        return sb.toString();
    }

    private static BigDecimal shortest(double a) {
        BigDecimal exact = new BigDecimal(a);
        for (int p = 1; p < 17; p++) {
            BigDecimal near = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(near.toString()) == a) {
                return near.stripTrailingZeros();
            }
            RoundingMode away = near.compareTo(exact) > 0 ? RoundingMode.DOWN : RoundingMode.UP;
            BigDecimal other = exact.round(new MathContext(p, away));
            if (Double.parseDouble(other.toString()) == a) {
                return other.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
