package io.github.lrschedulers.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The test reference of F32: exp, log, cos, sin and pow of floats in BigDecimal at 45 digits
 * (series on reduced arguments, error below 10^-38 relative), rounded to float32 with a proof: the
 * rounding is returned only where the approximation lies more than 10^-32 relative from every
 * float32 midpoint, so that the exact value rounds the same; nearer a midpoint pow decides by exact
 * integer powers (its exact ties), and the other functions fail the test (no such case is known).
 */
final class BigMath {

    static final MathContext MC = new MathContext(45);
    private static final BigDecimal TOLERANCE = new BigDecimal("1e-32");
    private static final BigDecimal SERIES_END = new BigDecimal("1e-47");
    static final BigDecimal PI = machinPi();
    static final BigDecimal LN2 = atanhSeries(BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC));

    private BigMath() {}

    /** pi = 16 atan(1/5) - 4 atan(1/239) at 130 digits. */
    private static BigDecimal machinPi() {
        MathContext wide = new MathContext(130);
        return atanInverse(5, wide)
                .multiply(BigDecimal.valueOf(16))
                .subtract(atanInverse(239, wide).multiply(BigDecimal.valueOf(4)))
                .round(wide);
    }

    private static BigDecimal atanInverse(int n, MathContext mc) {
        BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(n), mc);
        BigDecimal x2 = x.multiply(x, mc);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal power = x;
        BigDecimal end = new BigDecimal("1e-135");
        for (int k = 0; power.compareTo(end) > 0; k++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2 * k + 1), mc);
            sum = k % 2 == 0 ? sum.add(term, mc) : sum.subtract(term, mc);
            power = power.multiply(x2, mc);
        }
        return sum;
    }

    /** 2 atanh(t) = 2 (t + t^3 / 3 + t^5 / 5 + ...), |t| <= 1/3. */
    private static BigDecimal atanhSeries(BigDecimal t) {
        BigDecimal t2 = t.multiply(t, MC);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal power = t;
        for (int k = 0; power.abs().compareTo(SERIES_END) > 0; k++) {
            sum = sum.add(power.divide(BigDecimal.valueOf(2 * k + 1), MC), MC);
            power = power.multiply(t2, MC);
        }
        return sum.multiply(BigDecimal.valueOf(2), MC);
    }

    /**
     * e^v for |v| < 200: v = n ln2 + r, |r| <= ln2 / 2, the series of e^(r / 16) squared 4 times.
     */
    static BigDecimal exp(BigDecimal v) {
        int n = v.divide(LN2, MC).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
        BigDecimal s =
                v.subtract(LN2.multiply(BigDecimal.valueOf(n)), MC)
                        .divide(BigDecimal.valueOf(16), MC);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; term.abs().compareTo(SERIES_END) > 0; k++) {
            term = term.multiply(s, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < 4; i++) {
            sum = sum.multiply(sum, MC);
        }
        return sum.multiply(new BigDecimal(Math.scalb(1.0, n)), MC);
    }

    /** log(x) for a positive finite double: x = m 2^e, m in [0.75, 1.5), log m = 2 atanh(t). */
    static BigDecimal log(double x) {
        int e = Math.getExponent(x);
        double m = Math.scalb(x, -e); // exact: x is a double above 2^-1022 here
        if (m >= 1.5) {
            m /= 2;
            e++;
        }
        BigDecimal bm = new BigDecimal(m);
        BigDecimal t = bm.subtract(BigDecimal.ONE).divide(bm.add(BigDecimal.ONE), MC);
        return atanhSeries(t).add(LN2.multiply(BigDecimal.valueOf(e)), MC);
    }

    /**
     * cos (shift 0) or sin (shift 3) of x, reduced by pi/2 at 130 digits (x < 2^128: the reduced
     * argument to 10^-90 absolute).
     */
    static BigDecimal trig(double x, int shift) {
        BigDecimal bx = new BigDecimal(x);
        MathContext wide = new MathContext(130);
        BigDecimal half = PI.divide(BigDecimal.valueOf(2), wide);
        BigInteger k = bx.divide(half, wide).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        BigDecimal r = bx.subtract(half.multiply(new BigDecimal(k)), wide).round(MC);
        BigDecimal r2 = r.multiply(r, MC);
        int q = k.add(BigInteger.valueOf(shift)).intValue() & 3;
        boolean sine = (q & 1) == 1;
        BigDecimal term = sine ? r : BigDecimal.ONE;
        BigDecimal sum = term;
        for (int i = sine ? 2 : 1; term.abs().compareTo(SERIES_END) > 0; i += 2) {
            term =
                    term.multiply(r2, MC)
                            .divide(BigDecimal.valueOf((long) i * (i + 1)), MC)
                            .negate();
            sum = sum.add(term, MC);
        }
        return q == 1 || q == 2 ? sum.negate() : sum;
    }

    /** The exact value's sign relative to a midpoint m: +1, -1 or 0 (a tie). */
    interface ExactSign {
        int of(double m);
    }

    /**
     * Rounds the approximation a (error below 10^-38 relative) of an exact value to float32:
     * decided where a lies more than 10^-32 relative from the nearest float32 midpoint; else by
     * exact (null: undecidable, an AssertionError).
     */
    static float round(BigDecimal a, ExactSign exact) {
        float f = roundToFloat(a);
        if (a.signum() == 0) {
            return f;
        }
        // infinity stands for 2^128, so that the overflow threshold is a midpoint like the others
        double fd = Float.isInfinite(f) ? Math.copySign(0x1p128, f) : f;
        int side = a.compareTo(new BigDecimal(fd));
        if (side == 0 || Float.isInfinite(f) && side * f > 0) {
            return f;
        }
        float g = side > 0 ? Math.nextUp(f) : Math.nextDown(f);
        double gd = Float.isInfinite(g) ? Math.copySign(0x1p128, g) : g;
        double m = (fd + gd) / 2; // exact: both within a float32 ulp, 26 bits
        BigDecimal distance = a.subtract(new BigDecimal(m)).abs();
        if (distance.compareTo(a.abs().multiply(TOLERANCE)) > 0) {
            return f;
        }
        if (exact == null) {
            throw new AssertionError("undecidable: " + a + " is within 1e-32 of midpoint " + m);
        }
        int s = exact.of(m);
        if (s == 0) {
            return (float) m; // ties to even
        }
        return s > 0 ? upper(m) : lower(m);
    }

    private static float upper(double m) {
        float f = (float) m;
        return f > m ? f : Math.nextUp(f);
    }

    private static float lower(double m) {
        float f = (float) m;
        return f < m ? f : Math.nextDown(f);
    }

    /** Correct rounding of a to float32: to a double rounded to odd, then to float (53 >= 26). */
    static float roundToFloat(BigDecimal a) {
        if (a.abs().compareTo(new BigDecimal(0x1p200)) > 0) {
            return a.signum() > 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        }
        double d = a.doubleValue();
        int c = new BigDecimal(d).compareTo(a);
        if (c != 0) {
            double down = c > 0 ? Math.nextDown(d) : d;
            double up = c > 0 ? d : Math.nextUp(d);
            d = (Double.doubleToRawLongBits(Math.abs(down)) & 1) == 1 ? down : up;
        }
        return (float) d;
    }

    /**
     * The exact sign of x^y - m for positive x, y = Y / 2^k: x^Y against m^(2^k) (or 1 against
     * m^(2^k) x^-Y); null where those integers would be too large (more than about 10^5 bits).
     */
    static ExactSign powSign(double x, double y) {
        int k = 0;
        double num = y;
        while (num != Math.rint(num) && k < 12) {
            num *= 2;
            k++;
        }
        if (num != Math.rint(num) || Math.abs(num) > 4096) {
            return null;
        }
        int n = (int) num;
        int twoK = 1 << k;
        BigDecimal bx = new BigDecimal(x);
        return m -> {
            BigDecimal mk = new BigDecimal(m).pow(twoK);
            if (n >= 0) {
                return bx.pow(n).compareTo(mk);
            }
            return BigDecimal.ONE.compareTo(mk.multiply(bx.pow(-n)));
        };
    }
}
