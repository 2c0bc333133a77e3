package io.github.lrschedulers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * F32 against BigMath's exact reference (BigDecimal at 60 digits, rounded to float32 with a proof
 * of the rounding): random arguments (all bit patterns, and each function's useful range), the
 * arguments whose correctly rounded double is a float32 midpoint (the case F32 decides by the
 * double-double path: found by scanning every float32 below 2^30 for cos and sin, every positive
 * one for log and every one in [-104, 89] for exp with CrMath), pow's exact ties, and special
 * values. {@code -Df32.tries=N} sets the random arguments per function (default 100,000).
 */
class F32Test {

    private static final int TRIES = Integer.getInteger("f32.tries", 100_000);

    /**
     * Every positive float32 whose CrMath log is a float32 midpoint (a scan of all 2^31 of them);
     * the same scan found none for exp in [-104, 89] and none for cos and sin below 2^30.
     */
    private static final float[] LOG_MIDPOINTS = {
        0x1.22d57p-65f,
        0x1.827a74p-7f,
        0x1.2f1fd6p3f,
        0x1.bacb4ap25f,
        0x1.c09d7cp27f,
        0x1.b121a6p76f,
        0x1.5190cp78f,
        0x1.6351d8p95f
    };

    @Test
    void cos() {
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 0;
        for (int i = 0; i < TRIES; i++) {
            float x = argument(rnd, () -> (rnd.nextDouble() * 2 - 1) * 10, 0x1p30);
            assertEquals(referenceTrig(x, 0), F32.cos(x), () -> "cos(" + hex(x) + ")");
            n++;
        }
        report("cos", n);
    }

    @Test
    void sin() {
        SplittableRandom rnd = new SplittableRandom(2);
        int n = 0;
        for (int i = 0; i < TRIES; i++) {
            float x = argument(rnd, () -> (rnd.nextDouble() * 2 - 1) * 10, 0x1p30);
            assertEquals(referenceTrig(x, 3), F32.sin(x), () -> "sin(" + hex(x) + ")");
            n++;
        }
        report("sin", n);
    }

    @Test
    void exp() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 0;
        for (int i = 0; i < TRIES; i++) {
            float x = argument(rnd, () -> rnd.nextDouble() * 193 - 104, 89);
            assertEquals(referenceExp(x), F32.exp(x), () -> "exp(" + hex(x) + ")");
            n++;
        }
        report("exp", n);
    }

    @Test
    void log() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 0;
        int castErrs = 0;
        for (float x : LOG_MIDPOINTS) {
            assertTrue(isMidpoint(CrMath.log(x)), "not a midpoint: " + hex(x));
            assertEquals(referenceLog(x), F32.log(x), () -> "log(" + hex(x) + ")");
            castErrs += F32.log(x) != (float) CrMath.log(x) ? 1 : 0;
            n++;
        }
        // the double-double decision matters: rounding the double alone errs on some of them
        assertTrue(castErrs > 0, "the double's rounding is right on every midpoint");
        for (int i = 0; i < TRIES; i++) {
            float x = argument(rnd, () -> Math.exp(rnd.nextDouble() * 40 - 20), 0x1p100);
            assertEquals(referenceLog(x), F32.log(x), () -> "log(" + hex(x) + ")");
            n++;
        }
        report("log", n);
    }

    @Test
    void pow() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 0;
        for (int i = 0; i < TRIES; i++) {
            float x;
            float y;
            switch (rnd.nextInt(4)) {
                case 0: // any bits
                    x = Float.intBitsToFloat(rnd.nextInt());
                    y = Float.intBitsToFloat(rnd.nextInt());
                    break;
                case 1: // decay rates to step fractions, as the schedules raise them
                    x = (float) rnd.nextDouble();
                    y = (float) (rnd.nextInt(1 << 20) / (double) (1 + rnd.nextInt(5000)));
                    break;
                case 2: // integer exponents, either sign of base
                    x = (float) ((rnd.nextDouble() * 2 - 1) * Math.exp(rnd.nextDouble() * 10 - 5));
                    y = rnd.nextInt(-40, 41);
                    break;
                default: // moderate real arguments
                    x = (float) Math.exp(rnd.nextDouble() * 20 - 10);
                    y = (float) (rnd.nextDouble() * 40 - 20);
            }
            checkPow(x, y);
            n++;
        }
        report("pow", n);
    }

    /**
     * pow's exact ties: a^2 with a odd in (2^12, 2^12.5) is a 25-bit odd integer, a float32
     * midpoint, as are 11^7 = 121^3.5 and their scalings by 2^(2j) (and 2^-150 = (2^-75)^2, the
     * midpoint under the least subnormal); rounded to even, which the exact test must see through
     * the double-double's error.
     */
    @Test
    void powTies() {
        int ties = 0;
        for (int a = 4097; a * a < 1 << 25; a += 6) {
            for (int j = -20; j <= 20; j += 20) {
                float x = Math.scalb((float) a, j);
                assertTrue(isMidpoint((double) x * x), "not a midpoint: " + hex(x));
                checkPow(x, 2);
                checkPow(-x, 2);
                checkPow(-x, 3);
                ties++;
            }
        }
        for (int j = -10; j <= 10; j++) {
            float x = Math.scalb(121f, 2 * j);
            assertTrue(isMidpoint(Math.scalb(19487171.0, 7 * j)));
            checkPow(x, 3.5f);
            checkPow(Math.scalb(11f, j), 7);
            checkPow(Math.scalb(-11f, j), 7);
            ties++;
        }
        assertEquals(0f, F32.pow(0x1p-75f, 2));
        assertEquals(0x1p-149f, F32.pow(0x1.000002p-75f, 2));
        report("pow ties (decided by exact powers)", ties);
    }

    /** IEEE and C99 Annex F limits; where Java's Math.pow differs from C (x = 1, (-1)^inf): 1. */
    @Test
    void specialValues() {
        float[] specials = {
            0f,
            -0f,
            1f,
            -1f,
            0.5f,
            -0.5f,
            2f,
            -2f,
            3f,
            -3f,
            2.5f,
            -2.5f,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            Float.MAX_VALUE,
            -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            Float.NaN,
            0x1p30f,
            -0x1p30f,
            88.72284f,
            88.72283f,
            -103.97208f,
            -103.972084f,
            -87.33655f
        };
        for (float x : specials) {
            assertEquals(referenceTrig(x, 0), F32.cos(x), "cos " + x);
            assertEquals(referenceTrig(x, 3), F32.sin(x), "sin " + x);
            assertEquals(referenceExp(x), F32.exp(x), "exp " + x);
            assertEquals(referenceLog(x), F32.log(x), "log " + x);
            assertEquals((float) StrictMath.sqrt(x), F32.sqrt(x), "sqrt " + x);
            assertEquals(referenceTanh(x), F32.tanh(x), "tanh " + x);
            for (float y : specials) {
                checkPow(x, y);
            }
        }
        assertEquals(-0f, F32.sin(-0f));
        assertEquals(-0f, F32.tanh(-0f));
        assertEquals(Float.NEGATIVE_INFINITY, F32.log(-0f));
        assertEquals(1f, F32.pow(Float.NaN, 0f));
        assertEquals(1f, F32.pow(1f, Float.NaN));
        assertEquals(1f, F32.pow(-1f, Float.NEGATIVE_INFINITY));
        assertEquals(Float.NEGATIVE_INFINITY, F32.pow(-0f, -3f));
        assertEquals(Float.POSITIVE_INFINITY, F32.pow(-0f, -2.5f));
        assertEquals(Float.NaN, F32.pow(-2f, 0.5f));
    }

    @Test
    void tanh() {
        SplittableRandom rnd = new SplittableRandom(6);
        int n = 0;
        for (int i = 0; i < TRIES / 10; i++) {
            float x = argument(rnd, () -> (rnd.nextDouble() * 2 - 1) * 12, 20);
            assertEquals(referenceTanh(x), F32.tanh(x), () -> "tanh(" + hex(x) + ")");
            n++;
        }
        report("tanh", n);
    }

    @Test
    void sqrtIsTheExactRootRounded() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < TRIES / 10; i++) {
            float x = Math.abs(Float.intBitsToFloat(rnd.nextInt()));
            if (Float.isFinite(x)) {
                BigDecimal r = new BigDecimal(x).sqrt(BigMath.MC);
                assertEquals(BigMath.round(r, null), F32.sqrt(x), () -> "sqrt(" + hex(x) + ")");
            }
        }
    }

    /**
     * An argument: a third of any bits, a third in the useful range, a third from any bits below
     * limit in magnitude.
     */
    private static float argument(SplittableRandom rnd, DoubleSupplier useful, double limit) {
        switch (rnd.nextInt(3)) {
            case 0:
                return Float.intBitsToFloat(rnd.nextInt());
            case 1:
                return (float) useful.getAsDouble();
            default:
                float x;
                do {
                    x = Float.intBitsToFloat(rnd.nextInt());
                } while (!(Math.abs(x) < limit));
                return x;
        }
    }

    private static void checkPow(float x, float y) {
        float want = referencePow(x, y);
        assertEquals(want, F32.pow(x, y), () -> "pow(" + hex(x) + ", " + hex(y) + ")");
    }

    private static float referenceTrig(float x, int shift) {
        if (!Float.isFinite(x)) {
            return Float.NaN;
        }
        if (x == 0) {
            return shift == 0 ? 1 : x;
        }
        return BigMath.round(BigMath.trig(x, shift), null);
    }

    private static float referenceExp(float x) {
        if (x != x) {
            return x;
        }
        if (x > 90) {
            return Float.POSITIVE_INFINITY;
        }
        if (x < -110) {
            return 0;
        }
        return BigMath.round(BigMath.exp(new BigDecimal(x)), null);
    }

    private static float referenceLog(float x) {
        if (x != x || x < 0) {
            return Float.NaN;
        }
        if (x == 0) {
            return Float.NEGATIVE_INFINITY;
        }
        if (x == 1 || Float.isInfinite(x)) {
            return x == 1 ? 0 : x;
        }
        return BigMath.round(BigMath.log(x), null);
    }

    private static float referenceTanh(float x) {
        if (x != x || x == 0) {
            return x;
        }
        if (Math.abs(x) > 40) {
            return Math.copySign(1f, x);
        }
        BigDecimal bx = new BigDecimal(x);
        BigDecimal t;
        if (Math.abs(x) < 1) {
            // sinh x / cosh x by their series: no cancellation
            BigDecimal s = BigDecimal.ZERO;
            BigDecimal c = BigDecimal.ZERO;
            BigDecimal term = BigDecimal.ONE;
            for (int k = 1; k < 80; k += 2) {
                c = c.add(term, BigMath.MC);
                term = term.multiply(bx, BigMath.MC).divide(BigDecimal.valueOf(k), BigMath.MC);
                s = s.add(term, BigMath.MC);
                term = term.multiply(bx, BigMath.MC).divide(BigDecimal.valueOf(k + 1), BigMath.MC);
            }
            t = s.divide(c, BigMath.MC);
        } else {
            // (e^2x - 1) / (e^2x + 1), e^2x - 1 >= 6.3: no cancellation
            BigDecimal e = BigMath.exp(bx.multiply(BigDecimal.valueOf(2)));
            t = e.subtract(BigDecimal.ONE).divide(e.add(BigDecimal.ONE), BigMath.MC);
        }
        return BigMath.round(t, null);
    }

    /**
     * C's powf on the limits (where Java's StrictMath.pow agrees with C99 Annex F, except x = 1 and
     * (-1)^inf, which are 1 in C); BigMath's exp(y log|x|) on the finite rest.
     */
    private static float referencePow(float x, float y) {
        boolean limit =
                x == 0 || y == 0 || Float.isInfinite(x) || Float.isInfinite(y) || x != x || y != y;
        if (x == 1 || Math.abs(x) == 1 && Float.isInfinite(y)) {
            return 1;
        }
        if (limit) {
            return (float) StrictMath.pow(x, y);
        }
        if (x < 0 && y != Math.rint(y)) {
            return Float.NaN;
        }
        boolean negate = x < 0 && Math.abs(y) < 0x1p24 && Math.abs(y % 2) == 1;
        double ax = Math.abs((double) x);
        BigDecimal z = BigMath.log(ax).multiply(new BigDecimal(y), BigMath.MC);
        float r;
        if (z.compareTo(BigDecimal.valueOf(90)) > 0) {
            r = Float.POSITIVE_INFINITY;
        } else if (z.compareTo(BigDecimal.valueOf(-110)) < 0) {
            r = 0;
        } else {
            // |z| <= 110 with log's 10^-44 relative error: e^z to 10^-41 relative
            r = BigMath.round(BigMath.exp(z), BigMath.powSign(ax, y));
        }
        return negate ? -r : r;
    }

    private static boolean isMidpoint(double d) {
        float f = (float) d;
        float g = f > d ? Math.nextDown(f) : Math.nextUp(f);
        return f != d && (double) f + g == 2 * d;
    }

    private static String hex(float x) {
        return Float.toHexString(x);
    }

    private static void report(String what, int n) {
        System.out.printf("F32Test: %s: %d arguments equal the exact reference%n", what, n);
    }
}
