package io.github.lrschedulers.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Python 3's {@code repr} of floats and ints, character for character, and string literals.
 *
 * <p>A float prints as the shortest decimal that reads back as the same double; among the shortest
 * candidates the one nearest the exact value wins, and a tie goes to the even last digit (David
 * Gay's {@code dtoa} mode 0, which CPython uses). JDK 17's {@link Double#toString(double)} does not
 * always give the shortest digits and formats differently, so it is not used. The layout is
 * Python's: fixed notation while the decimal exponent is in {@code [-4, 16)}, with {@code .0}
 * appended to integral values ({@code 100.0}), otherwise exponent notation with a sign and at least
 * two exponent digits ({@code 1e+16}, {@code 1.5e-05}); {@code inf}, {@code -inf}, {@code nan},
 * {@code -0.0}.
 *
 * <p>The digits come from Raffaello Giulietti's Schubfach method ("The Schubfach way to render
 * doubles", 2020), written here from the paper's description: for {@code v = c 2^q} with rounding
 * interval {@code R}, pick {@code k} with {@code 10^k <= |R| < 10^(k+1)}; then at most one multiple
 * of {@code 10^(k+1)} and at least one multiple of {@code 10^k} lie in {@code R}, and both are next
 * to {@code v 10^-k}. Three products {@code x 2^q 10^-k} (for the two bounds and {@code v}, each
 * with two fraction bits, rounded to odd) decide everything with integer comparisons. Two
 * departures from the paper's Java code: no second digit is forced (Python prints {@code 5e-324},
 * Java's rule gives {@code 4.9E-324}), and the products use a 128-bit {@code 10^-k} whose error is
 * below {@code 2^-64} of a unit, so a product is decided unless its fraction is below {@code
 * 2^-64}; then exact integers are recognised by divisibility, and anything else would be computed
 * with {@link BigInteger} (no double is known to need it). The 617 entries of {@code 10^-k} are
 * computed from exact integers when the class loads (a few milliseconds), not typed in.
 */
public final class PyRepr {

    /** The least decimal exponent {@code k} of a rounding interval (at {@code 2^-1074}). */
    private static final int K_MIN = -324;

    /** The greatest decimal exponent {@code k} of a rounding interval (at {@code 2^971}). */
    private static final int K_MAX = 292;

    /**
     * {@code ceil(10^-k 2^(127 - L))}, with {@code L = floor(log2(10^-k))}, as 128-bit numbers:
     * high word at {@code 2 (k - K_MIN)}, low word after it.
     */
    private static final long[] G = new long[2 * (K_MAX - K_MIN + 1)];

    /** {@code floor(log2(10^-k))} at {@code k - K_MIN}. */
    private static final int[] LOG2 = new int[K_MAX - K_MIN + 1];

    /** {@code 5^i} for {@code i <= 27}, the powers of five that fit a long. */
    private static final long[] POW5 = new long[28];

    /** {@code 10^i} for {@code i <= 18}. */
    private static final long[] POW10 = new long[19];

    /** {@code "00"} to {@code "99"}, two ASCII digits each. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    /** The hidden bit of a normal double. */
    private static final long HIDDEN = 1L << 52;

    /** The fraction field of a double. */
    private static final long FRACTION = HIDDEN - 1;

    static {
        // k <= 0: 10^-k exactly, times 10 per step. k > 0: floor(2^n / 10^k), divided by 10 per
        // step (a floor of a floor is the floor), never an integer, so its ceiling is one more.
        BigInteger tenPow = BigInteger.ONE;
        for (int k = 0; k >= K_MIN; k--) {
            int log2 = tenPow.bitLength() - 1;
            int shift = 127 - log2;
            BigInteger g;
            if (shift >= 0) {
                g = tenPow.shiftLeft(shift);
            } else {
                g = tenPow.shiftRight(-shift);
                if (tenPow.getLowestSetBit() < -shift) {
                    g = g.add(BigInteger.ONE);
                }
            }
            put(k, log2, g);
            tenPow = tenPow.multiply(BigInteger.TEN);
        }
        int n = 128 + 1024;
        BigInteger reciprocal = BigInteger.ONE.shiftLeft(n);
        tenPow = BigInteger.ONE;
        for (int k = 1; k <= K_MAX; k++) {
            reciprocal = reciprocal.divide(BigInteger.TEN);
            tenPow = tenPow.multiply(BigInteger.TEN);
            int log2 = -tenPow.bitLength(); // 10^k is no power of two: floor(-log2(10^k))
            // ceil(2^(127 - log2) / 10^k) = floor(2^n / 10^k / 2^(n - 127 + log2)) + 1
            put(k, log2, reciprocal.shiftRight(n - 127 + log2).add(BigInteger.ONE));
        }
        POW5[0] = 1;
        for (int i = 1; i < POW5.length; i++) {
            POW5[i] = 5 * POW5[i - 1];
        }
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = 10 * POW10[i - 1];
        }
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private PyRepr() {}

    private static void put(int k, int log2, BigInteger g) {
        if (g.bitLength() != 128) {
            throw new AssertionError("10^" + -k + " scaled must have 128 bits, but was " + g);
        }
        int i = k - K_MIN;
        LOG2[i] = log2;
        G[2 * i] = g.shiftRight(64).longValue();
        G[2 * i + 1] = g.longValue();
    }

    /**
     * Returns Python's {@code repr(d)}.
     *
     * @param d the float
     * @return the shortest round-tripping representation, formatted as Python does
     */
    public static String repr(double d) {
        long bits = Double.doubleToRawLongBits(d);
        int e = (int) (bits >>> 52) & 0x7FF;
        long f = bits & FRACTION;
        if (e == 0x7FF) {
            return f != 0 ? "nan" : bits < 0 ? "-inf" : "inf";
        }
        if (e == 0 && f == 0) {
            return bits < 0 ? "-0.0" : "0.0";
        }
        long c;
        int q;
        if (e == 0) {
            c = f;
            q = -1074;
        } else {
            c = f | HIDDEN;
            q = e - 1075;
        }
        // The gap below is half the gap above at a power of two, except at the least normal.
        boolean asymmetric = f == 0 && e > 1;
        int k = asymmetric ? floorLog10ThreeQuartersPow2(q) : floorLog10Pow2(q);
        int i = k - K_MIN;
        long gHi = G[2 * i];
        long gLo = G[2 * i + 1];
        int h = q + LOG2[i] + 1;
        long cb = c << 2;
        long vbl = toOdd(cb - (asymmetric ? 1 : 2), q, k, gHi, gLo, h);
        long vb = toOdd(cb, q, k, gHi, gLo, h);
        long vbr = toOdd(cb + 2, q, k, gHi, gLo, h);
        // The interval is closed when c is even (ties round to even when read back).
        int open = (int) c & 1;

        // vbl, vb, vbr are 4 10^-k times the lower bound, v and the upper bound, rounded to odd:
        // their comparisons with even numbers are exact. s 10^k <= v < (s + 1) 10^k; first the
        // one multiple of 10^(k+1) that may lie in R, then s or s + 1 (the nearer if both do).
        long s = vb >> 2;
        long digits;
        long sp10 = s / 10 * 10;
        long tp10 = sp10 + 10;
        boolean upin = vbl + open <= sp10 << 2;
        boolean wpin = (tp10 << 2) + open <= vbr;
        if (upin != wpin) {
            digits = upin ? sp10 : tp10;
        } else {
            long t = s + 1;
            boolean uin = vbl + open <= s << 2;
            boolean win = (t << 2) + open <= vbr;
            if (uin != win) {
                digits = uin ? s : t;
            } else {
                long cmp = vb - ((s << 2) + 2);
                digits = cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : t;
            }
        }
        return format(bits < 0, digits, k);
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

    /**
     * Returns a string as a single-quoted Python literal, escaping {@code \\ ' \n \t \r}, e.g.
     * {@code 'it\'s'}; Python reads it back as the same string.
     *
     * @param s the string
     * @return the literal
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /**
     * Returns {@code x = m 2^q 10^-k} rounded to odd at the unit: {@code x} if it is an integer,
     * else {@code floor(x) | 1}.
     *
     * @param m the scaled significand, below {@code 2^56}
     * @param q the binary exponent
     * @param k the decimal exponent, in {@code [K_MIN, K_MAX]}
     * @param gHi the high word of {@code G} at {@code k}
     * @param gLo the low word of {@code G} at {@code k}
     * @param h {@code q + LOG2[k - K_MIN] + 1}, in {@code [1, 4]}
     */
    private static long toOdd(long m, int q, int k, long gHi, long gLo, int h) {
        // P = g (m << h) = x 2^128 + err, 0 <= err < m << h < 2^63: floor(P / 2^128) is floor(x)
        // unless frac(x) is within 2^-64 of 1, and frac(P / 2^128) >= 2^-64 proves x inexact.
        long cp = m << h;
        long aHi = Math.multiplyHigh(gHi, cp) + (gHi >> 63 & cp);
        long aLo = gHi * cp;
        long bHi = Math.multiplyHigh(gLo, cp) + (gLo >> 63 & cp);
        long mid = aLo + bHi;
        long floor = aHi + (Long.compareUnsigned(mid, aLo) < 0 ? 1 : 0);
        if (mid != 0) {
            return floor | 1;
        }
        if (isInteger(m, q, k)) {
            return floor;
        }
        return toOddExact(m, q, k);
    }

    /**
     * Returns whether {@code m 2^q 10^-k = m 2^(q-k) 5^-k} is an integer.
     *
     * @param m the scaled significand, positive
     * @param q the binary exponent
     * @param k the decimal exponent
     */
    static boolean isInteger(long m, int q, int k) {
        int twos = q - k;
        if (twos < 0 && Long.numberOfTrailingZeros(m) < -twos) {
            return false;
        }
        return k <= 0 || k < POW5.length && m % POW5[k] == 0;
    }

    /**
     * Returns {@code x = m 2^q 10^-k} rounded to odd at the unit, computed exactly.
     *
     * @param m the scaled significand, positive
     * @param q the binary exponent
     * @param k the decimal exponent
     */
    static long toOddExact(long m, int q, int k) {
        BigInteger num = BigInteger.valueOf(m).shiftLeft(Math.max(q, 0));
        BigInteger den = BigInteger.ONE.shiftLeft(Math.max(-q, 0));
        if (k < 0) {
            num = num.multiply(BigInteger.TEN.pow(-k));
        } else {
            den = den.multiply(BigInteger.TEN.pow(k));
        }
        BigInteger[] qr = num.divideAndRemainder(den);
        long floor = qr[0].longValueExact();
        return qr[1].signum() == 0 ? floor : floor | 1;
    }

    /**
     * Returns {@link #toOdd} of {@code m 2^q 10^-k} for the {@code k} of {@code q}, for tests.
     *
     * @param m the scaled significand, below {@code 2^56}
     * @param q the binary exponent of a double, in {@code [-1074, 971]}
     * @param k the decimal exponent, in {@code [K_MIN, K_MAX]} and with {@code h} in range
     */
    static long toOdd(long m, int q, int k) {
        int i = k - K_MIN;
        return toOdd(m, q, k, G[2 * i], G[2 * i + 1], q + LOG2[i] + 1);
    }

    /** Returns {@code floor(q log10(2))}, exact for {@code |q| <= 1100}. */
    static int floorLog10Pow2(int q) {
        return (int) (q * 1_292_913_986L >> 32);
    }

    /** Returns {@code floor(log10(3/4 2^q))}, exact for {@code |q| <= 1100}. */
    static int floorLog10ThreeQuartersPow2(int q) {
        return (int) (q * 1_292_913_986L - 536_607_788L >> 32);
    }

    /**
     * Lays out {@code digits 10^k} as Python's {@code repr} does.
     *
     * @param negative whether to print a minus sign
     * @param digits the significand, positive and below {@code 10^18}
     * @param k the decimal exponent of its last digit
     */
    private static String format(boolean negative, long digits, int k) {
        // Strip up to 16 + 8 + 4 + 2 + 1 trailing zeros (digits has at most 18 digits).
        if (digits % POW10[16] == 0) {
            digits /= POW10[16];
            k += 16;
        }
        if (digits % POW10[8] == 0) {
            digits /= POW10[8];
            k += 8;
        }
        if (digits % POW10[4] == 0) {
            digits /= POW10[4];
            k += 4;
        }
        if (digits % 100 == 0) {
            digits /= 100;
            k += 2;
        }
        if (digits % 10 == 0) {
            digits /= 10;
            k++;
        }
        // floor(log10(digits)) is floor(log10(2) floor(log2(digits))) or one more.
        int log10 = (63 - Long.numberOfLeadingZeros(digits)) * 1233 >> 12;
        int n = digits >= POW10[log10 + 1] ? log10 + 2 : log10 + 1;
        int decpt = n + k; // the value is 0.<digits> 10^decpt
        byte[] b = new byte[26];
        int len = 0;
        if (negative) {
            b[len++] = '-';
        }
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                b[len++] = '0';
                b[len++] = '.';
                for (int z = 0; z < -decpt; z++) {
                    b[len++] = '0';
                }
                len += n;
                writeDigits(b, len, digits, n);
            } else if (decpt >= n) {
                len += n;
                writeDigits(b, len, digits, n);
                for (int z = 0; z < decpt - n; z++) {
                    b[len++] = '0';
                }
                b[len++] = '.';
                b[len++] = '0';
            } else {
                long scale = POW10[n - decpt];
                writeDigits(b, len + decpt, digits / scale, decpt);
                b[len + decpt] = '.';
                len += n + 1;
                writeDigits(b, len, digits % scale, n - decpt);
            }
        } else {
            if (n > 1) {
                long scale = POW10[n - 1];
                b[len] = (byte) ('0' + digits / scale);
                b[len + 1] = '.';
                len += n + 1;
                writeDigits(b, len, digits % scale, n - 1);
            } else {
                b[len++] = (byte) ('0' + digits);
            }
            int exp = decpt - 1;
            b[len++] = 'e';
            b[len++] = (byte) (exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a >= 100) {
                b[len++] = (byte) ('0' + a / 100);
                a %= 100;
            }
            b[len++] = (byte) ('0' + a / 10);
            b[len++] = (byte) ('0' + a % 10);
        }
        return new String(b, 0, len, StandardCharsets.ISO_8859_1);
    }

    /** Writes the {@code count} last decimal digits of {@code v} before index {@code end}. */
    private static void writeDigits(byte[] b, int end, long v, int count) {
        int p = end;
        for (int left = count; left >= 2; left -= 2) {
            int pair = (int) (v % 100);
            v /= 100;
            b[--p] = DIGIT_PAIRS[2 * pair + 1];
            b[--p] = DIGIT_PAIRS[2 * pair];
        }
        if ((count & 1) != 0) {
            b[--p] = (byte) ('0' + v);
        }
    }
}
