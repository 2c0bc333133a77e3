package io.github.lrschedulers.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Correctly rounded float32 cos, sin, exp, log, pow, sqrt and tanh, with tensor (C {@code cosf},
 * {@code powf}) semantics: no exceptions, NaN and infinities as IEEE 754 and C99 Annex F give them.
 *
 * <p>The float32 families (Keras, TF, MindSpore, optax) model each tensor operation as the
 * correctly rounded float32 result of the exact operation. Each function takes the correctly
 * rounded double from {@link CrMath} and rounds it to float. That double rounding can err only when
 * the double is exactly a float32 midpoint (about one argument in 2^29): the exact value lies on
 * one side of the midpoint (or on it: a tie, which only pow can produce, decided by an exact test)
 * and the double rounded onto it. There the sign of the exact value's distance from the midpoint is
 * read from CrMath's accurate double-double path (error below 2^-97 relative, far below the
 * distance of any float32 argument's value from a midpoint that is not itself exact), and the float
 * on that side is returned. sqrt needs no such step (53 >= 2 * 24 + 2).
 */
public final class F32 {

    private static final int COS = 0;
    private static final int SIN = 1;
    private static final int EXP = 2;
    private static final int LOG = 3;
    private static final int POW = 4;

    /** From here CrMath's cos and sin defer to StrictMath: F32 reduces exactly instead. */
    private static final float TRIG_LIMIT = 0x1p30f;

    /** pi / 2 to 120 digits, enough for an exact-enough reduction of every float32. */
    private static final BigDecimal PI_OVER_2 =
            new BigDecimal(
                            "3.14159265358979323846264338327950288419716939937510582097494459230781"
                                    + "640628620899862803482534211706798214808651328230664709")
                    .divide(BigDecimal.valueOf(2));

    private static final MathContext REDUCTION = new MathContext(110);

    private F32() {}

    /**
     * Returns the correctly rounded float32 cosine.
     *
     * @param x the angle in radians
     * @return cos(x), NaN for infinite or NaN {@code x}
     */
    public static float cos(float x) {
        if (!(Math.abs(x) < TRIG_LIMIT)) {
            return largeTrig(x, 0);
        }
        return round(CrMath.cos(x), COS, x, 0);
    }

    /**
     * Returns the correctly rounded float32 sine.
     *
     * @param x the angle in radians
     * @return sin(x) (with the sign of a zero {@code x}), NaN for infinite or NaN {@code x}
     */
    public static float sin(float x) {
        if (x == 0) {
            return x;
        }
        if (!(Math.abs(x) < TRIG_LIMIT)) {
            return largeTrig(x, 3);
        }
        return round(CrMath.sin(x), SIN, x, 0);
    }

    /**
     * Returns the correctly rounded float32 e^x.
     *
     * @param x the exponent
     * @return e^x: infinity on overflow, zero on underflow
     */
    public static float exp(float x) {
        return round(CrMath.exp(x), EXP, x, 0);
    }

    /**
     * Returns the correctly rounded float32 natural logarithm.
     *
     * @param x the value
     * @return log(x): negative infinity for a zero {@code x}, NaN for a negative one
     */
    public static float log(float x) {
        return round(CrMath.log(x), LOG, x, 0);
    }

    /**
     * Returns the correctly rounded float32 square root.
     *
     * @param x the value
     * @return the square root: NaN for a negative {@code x}, {@code -0.0f} for {@code -0.0f}
     */
    public static float sqrt(float x) {
        return (float) Math.sqrt(x);
    }

    /**
     * Returns the correctly rounded float32 x^y, as C's {@code powf}: 1 for a zero {@code y} or
     * {@code x == 1} (even with a NaN), NaN for a negative finite {@code x} and a finite
     * non-integer {@code y}, infinity for a zero {@code x} and a negative {@code y} (signed as
     * {@code x} when {@code y} is an odd integer), and the other limits of C99 Annex F.
     *
     * @param x the base
     * @param y the exponent
     * @return x^y
     */
    public static float pow(float x, float y) {
        if (y == 0 || x == 1) {
            return 1;
        }
        if (x != x || y != y) {
            return Float.NaN;
        }
        boolean odd = isOddInteger(y);
        if (Float.isInfinite(y)) {
            float ax = Math.abs(x);
            if (ax == 1) {
                return 1;
            }
            return (y > 0) == (ax > 1) ? Float.POSITIVE_INFINITY : 0;
        }
        if (x == 0 || Float.isInfinite(x)) {
            // x^y for y > 0 is 0 or inf with x's sign for an odd y: 1 / x for y < 0
            float r = (y > 0) == (x == 0) ? 0 : Float.POSITIVE_INFINITY;
            return odd && Math.copySign(1f, x) < 0 ? -r : r;
        }
        float base = x;
        if (x < 0) {
            if (y != (float) Math.rint(y)) {
                return Float.NaN;
            }
            base = -x;
        }
        double d = CrMath.pow(base, y);
        float r;
        if (isMidpoint(d)) {
            r = exactPow(base, y, d) ? (float) d : toward(d, CrMath.accurateMinus(POW, base, y, d));
        } else {
            r = (float) d;
        }
        return odd && x < 0 ? -r : r;
    }

    /**
     * Returns the correctly rounded float32 hyperbolic tangent.
     *
     * @param x the argument
     * @return tanh(x) (with the sign of a zero {@code x}), +-1 for infinite {@code x}
     */
    public static float tanh(float x) {
        float ax = Math.abs(x);
        if (!(ax > 0x1p-12f)) {
            return x; // zeros, NaN, and where x^3 / 3 is below a quarter ulp of x
        }
        if (ax >= 10) {
            return Math.copySign(1f, x); // 1 - tanh(10) = 4e-9 is below half an ulp below 1
        }
        // tanh|x| = 1 - 2 / (e^(2|x|) + 1) = (e^(2|x|) - 1) / (e^(2|x|) + 1) in BigDecimal: rare
        // enough in schedules (timm's warmup) to afford it, and exact to 40 digits.
        MathContext mc = new MathContext(40);
        BigDecimal e = expBig(new BigDecimal(2 * (double) ax), mc);
        BigDecimal t = e.subtract(BigDecimal.ONE).divide(e.add(BigDecimal.ONE), mc);
        return Math.copySign(roundBig(t), x);
    }

    /** e^v for |v| <= 20 by the series of e^(v / 2^8), squared 8 times. */
    private static BigDecimal expBig(BigDecimal v, MathContext mc) {
        MathContext wide = new MathContext(mc.getPrecision() + 10);
        BigDecimal s = v.divide(BigDecimal.valueOf(256), wide);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; term.abs().compareTo(BigDecimal.ONE.movePointLeft(60)) > 0; k++) {
            term = term.multiply(s, wide).divide(BigDecimal.valueOf(k), wide);
            sum = sum.add(term, wide);
        }
        for (int i = 0; i < 8; i++) {
            sum = sum.multiply(sum, wide);
        }
        return sum.round(mc);
    }

    /**
     * Rounds a BigDecimal to float32 in two steps that cannot misround: to a double with a sticky
     * bit (the double nearest below, or its odd neighbour if inexact), then to float.
     */
    private static float roundBig(BigDecimal v) {
        double d = v.doubleValue();
        double down = new BigDecimal(d).compareTo(v) > 0 ? Math.nextDown(d) : d;
        if (new BigDecimal(down).compareTo(v) != 0 && (Double.doubleToRawLongBits(down) & 1) == 0) {
            down = Math.nextUp(down); // round to odd: the inexactness survives as the last bit
        }
        return (float) down;
    }

    private static boolean isOddInteger(float y) {
        return Math.abs(y) < 0x1p24f && y == (float) Math.rint(y) && Math.abs(y % 2) == 1;
    }

    /**
     * Whether base^y (base > 0, d its correctly rounded double, a float32 midpoint) is exactly d.
     * base = a 2^e with a odd: for a = 1 the power is 2^(e y), exact iff e y is an integer. For a
     * >= 3, a^Y = b^(2^k) (y = Y / 2^k in lowest terms, b the odd part of d, below 2^25) needs Y >
     * 0 and a = c^(2^k), b = c^Y with c >= 3: Y <= 15 and 2^k <= 15, so y <= 15 and 8 y is an
     * integer; then the powers compare exactly.
     */
    private static boolean exactPow(double base, double y, double d) {
        int e = Math.getExponent(base);
        if (base == Math.scalb(1.0, e)) {
            return e * y == Math.rint(e * y);
        }
        if (!(y > 0 && y <= 15 && 8 * y == Math.rint(8 * y))) {
            return false;
        }
        int k = 0;
        double num = y;
        while (num != Math.rint(num)) {
            num *= 2;
            k++;
        }
        return new BigDecimal(base).pow((int) num).compareTo(new BigDecimal(d).pow(1 << k)) == 0;
    }

    /** cos (shift 0) or sin (shift 3) of an infinite, NaN or large x, reduced exactly. */
    private static float largeTrig(float x, int shift) {
        if (!Float.isFinite(x)) {
            return Float.NaN;
        }
        BigDecimal bx = new BigDecimal(x);
        BigInteger k =
                bx.divide(PI_OVER_2, REDUCTION).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        BigDecimal r = bx.subtract(PI_OVER_2.multiply(new BigDecimal(k)), REDUCTION);
        double rh = r.doubleValue();
        double rl = r.subtract(new BigDecimal(rh)).doubleValue();
        int q = k.add(BigInteger.valueOf(shift)).intValue() & 3;
        double[] t = CrMath.trigReduced(rh, rl, q);
        double d = t[0] + t[1];
        if (!isMidpoint(d)) {
            return (float) d;
        }
        return toward(d, (t[0] - d) + t[1]);
    }

    /** Rounds CrMath's correctly rounded double d of function fn at (x, y) to float32. */
    private static float round(double d, int fn, double x, double y) {
        if (!isMidpoint(d)) {
            return (float) d;
        }
        return toward(d, CrMath.accurateMinus(fn, x, y, d));
    }

    /** Whether d is exactly halfway between two adjacent floats (or MAX_VALUE and infinity). */
    private static boolean isMidpoint(double d) {
        float f = (float) d;
        if (f == d || d != d) {
            return false;
        }
        if (Float.isInfinite(f)) {
            return Math.abs(d) == 0x1p128 - 0x1p103;
        }
        float g = f > d ? Math.nextDown(f) : Math.nextUp(f);
        return (double) f + g == 2 * d;
    }

    /**
     * The float next to the midpoint m on the side of the exact value, whose distance from m is
     * side (zero or NaN: a tie, to even).
     */
    private static float toward(double m, double side) {
        float f = (float) m;
        if (side > 0 && f < m) {
            return Math.nextUp(f);
        }
        if (side < 0 && f > m) {
            return Math.nextDown(f);
        }
        return f;
    }
}
