package io.github.lrschedulers.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python 3's {@code repr} of floats and ints, character for character.
 *
 * <p>A float prints as the shortest decimal that reads back as the same double; among the shortest
 * candidates the one nearest the exact value wins (David Gay's {@code dtoa} mode 0, which CPython
 * uses). JDK 17's {@link Double#toString(double)} does not always give the shortest digits and
 * formats differently, so it is not used. The layout is Python's: fixed notation while the decimal
 * exponent is in {@code [-4, 16)}, with {@code .0} appended to integral values ({@code 100.0}),
 * otherwise exponent notation with a sign and at least two exponent digits ({@code 1e+16}, {@code
 * 1.5e-05}); {@code inf}, {@code -inf}, {@code nan}, {@code -0.0}.
 */
public final class PyRepr {

    private PyRepr() {}

    /**
     * Returns Python's {@code repr(d)}.
     *
     * @param d the float
     * @return the shortest round-tripping representation, formatted as Python does
     */
    public static String repr(double d) {
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

    /**
     * Returns Python's {@code repr(i)}.
     *
     * @param i the int
     * @return the decimal digits, with a leading {@code -} if negative
     */
    public static String repr(long i) {
        return Long.toString(i);
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
