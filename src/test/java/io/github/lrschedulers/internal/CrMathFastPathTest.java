package io.github.lrschedulers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * CrMath's fast paths against its accurate paths, called directly: the public function (fast path,
 * accurate fallback) must return the accurate path's double bit for bit on random and adversarial
 * arguments, and the hard cases near rounding midpoints (found by searching with the accurate
 * path's unrounded result) included.
 *
 * <p>{@code -Dcrmath.tries=N} sets the number of arguments per function (default 10^5, the CI
 * slice); the proof run is {@code mvn -o test -Dtest=CrMathFastPathTest -Dcrmath.tries=10000000}.
 * The counts per function are printed: arguments, how often the fast path could not decide (and the
 * accurate path ran), hard cases fed.
 */
class CrMathFastPathTest {

    private static final int TRIES = Integer.getInteger("crmath.tries", 100_000);

    /** A hard case: the accurate result within this many ulps of a rounding midpoint. */
    private static final double HARD = 0x1p-7;

    private static final String[] NAMES = {"cos", "sin", "exp", "log", "pow"};

    @Test
    void logReductionIsExact() {
        // z = m c - 1 is exact when |z| <= 2^-7 (m on the 2^-52 grid) or 2^-7.58 (m halved, on
        // the 2^-53 grid), c on the 2^-7 grid: check both on every interval's ends (z is linear).
        for (int i = 0; i < 256; i++) {
            double c = CrMath.LOG_C[i];
            assertEquals(Math.rint(c * 128), c * 128, "c on the 2^-7 grid at " + i);
            BigDecimal lo =
                    BigDecimal.ONE.add(BigDecimal.valueOf(i).divide(BigDecimal.valueOf(256)));
            BigDecimal hi =
                    BigDecimal.ONE.add(BigDecimal.valueOf(i + 1).divide(BigDecimal.valueOf(256)));
            double bound = 0x1p-7;
            if (i >= 128) {
                lo = lo.divide(BigDecimal.valueOf(2));
                hi = hi.divide(BigDecimal.valueOf(2));
                bound = 0x1p-7 / 1.49; // 2^-7.58 > 2^-7 / 1.49
            }
            BigDecimal bc = new BigDecimal(c);
            for (BigDecimal m : new BigDecimal[] {lo, hi}) {
                double z = m.multiply(bc).subtract(BigDecimal.ONE).abs().doubleValue();
                assertTrue(z <= bound, "|z| " + z + " at interval " + i);
            }
            // and exactness at both ends of the grid, by fma against BigDecimal
            double m0 = lo.doubleValue();
            double m1 = Math.nextDown(hi.doubleValue());
            for (double m : new double[] {m0, m1}) {
                BigDecimal exact = new BigDecimal(m).multiply(bc).subtract(BigDecimal.ONE);
                assertEquals(0, exact.compareTo(new BigDecimal(Math.fma(m, c, -1.0))), "at " + i);
            }
        }
    }

    @Test
    void fastPathsAgreeWithTheAccuratePaths() {
        SplittableRandom rnd = new SplittableRandom(20261202);
        StringBuilder report = new StringBuilder();
        report.append(
                String.format(
                        Locale.ROOT,
                        "CrMathFastPathTest, %d arguments per function:%n"
                                + "function  arguments  in the fast domain  undecided there"
                                + " (accurate ran)  hard cases fed (< 2^-7 ulp from a midpoint)"
                                + "  candidates searched%n",
                        TRIES));
        for (int fn = 0; fn < 5; fn++) {
            long[] counts = run(fn, rnd);
            report.append(
                    String.format(
                            Locale.ROOT,
                            "%-8s %10d %10d %10d (%.4f%%) %10d %12d%n",
                            NAMES[fn],
                            counts[0],
                            counts[4],
                            counts[1],
                            100.0 * counts[1] / counts[4],
                            counts[2],
                            counts[3]));
        }
        System.out.print(report);
    }

    /**
     * Returns {arguments, fast path undecided in its domain, hard cases fed, candidates searched,
     * arguments in the domain}: the domain is where the accurate path evaluates (not StrictMath nor
     * a special case).
     */
    private static long[] run(int fn, SplittableRandom rnd) {
        long undecided = 0;
        long domain = 0;
        long hard = 0;
        long searched = 0;
        int hardWanted = Math.max(TRIES / 100, 100);
        int n = 0;
        // the hard cases: search with the accurate path for results near a midpoint
        while (hard < hardWanted) {
            double[] a = argument(fn, rnd, rnd.nextInt(8));
            searched++;
            double off = CrMath.accurateOffset(fn, a[0], a[1]);
            if (!(0.5 - Math.abs(off) < HARD)) {
                continue;
            }
            hard++;
            domain++;
            undecided += check(fn, a[0], a[1]) ? 0 : 1;
            n++;
        }
        while (n < TRIES) {
            double[] a = argument(fn, rnd, rnd.nextInt(8));
            boolean decided = check(fn, a[0], a[1]);
            double off = CrMath.accurateOffset(fn, a[0], a[1]);
            if (off == off) {
                domain++;
                undecided += decided ? 0 : 1;
            }
            n++;
        }
        return new long[] {n, undecided, hard, searched, domain};
    }

    /** Checks one argument; returns whether the fast path decided. */
    private static boolean check(int fn, double x, double y) {
        double fast;
        double want;
        double got;
        switch (fn) {
            case 0:
                fast = CrMath.trigFast(x, 0);
                want = CrMath.cosAccurate(x);
                got = CrMath.cos(x);
                break;
            case 1:
                fast = CrMath.trigFast(x, 3);
                want = CrMath.sinAccurate(x);
                got = CrMath.sin(x);
                break;
            case 2:
                fast = CrMath.expFast(x);
                want = CrMath.expAccurate(x);
                got = CrMath.exp(x);
                break;
            case 3:
                fast = CrMath.logFast(x);
                want = CrMath.logAccurate(x);
                got = CrMath.log(x);
                break;
            default:
                fast = CrMath.powFast(x, y);
                want = CrMath.powAccurate(x, y);
                got = CrMath.pow(x, y);
        }
        boolean decided = fast == fast;
        if (Double.doubleToLongBits(got) != Double.doubleToLongBits(want)
                || decided && Double.doubleToLongBits(fast) != Double.doubleToLongBits(want)) {
            throw new AssertionError(
                    String.format(
                            Locale.ROOT,
                            "%s(%s, %s): fast %s, public %s, accurate %s",
                            NAMES[fn],
                            Double.toHexString(x),
                            Double.toHexString(y),
                            Double.toHexString(fast),
                            Double.toHexString(got),
                            Double.toHexString(want)));
        }
        return decided;
    }

    /** An argument of kind 0..7 for the function: random bit patterns and adversarial ones. */
    private static double[] argument(int fn, SplittableRandom r, int kind) {
        switch (fn) {
            case 0:
            case 1:
                return new double[] {trigArgument(r, kind), 0};
            case 2:
                return new double[] {expArgument(r, kind), 0};
            case 3:
                return new double[] {logArgument(r, kind), 0};
            default:
                return powArgument(r, kind);
        }
    }

    /** A random double with exponent in [lo, hi] (unbiased) and random sign if signed. */
    private static double bits(SplittableRandom r, int lo, int hi, boolean signed) {
        long e = r.nextInt(lo, hi + 1) + 1023L;
        long b = (e << 52) | (r.nextLong() & 0x000FFFFFFFFFFFFFL);
        double v = Double.longBitsToDouble(b);
        return signed && r.nextBoolean() ? -v : v;
    }

    private static double neighbour(SplittableRandom r, double v, int ulps) {
        long b = Double.doubleToRawLongBits(v) + r.nextInt(-ulps, ulps + 1);
        return Double.longBitsToDouble(b);
    }

    private static double trigArgument(SplittableRandom r, int kind) {
        switch (kind) {
            case 0:
            case 1:
                return bits(r, -30, 29, true); // random bit patterns over the domain
            case 2:
                return r.nextDouble(-10, 10);
            case 3:
                return r.nextDouble(-1000, 1000);
            case 4:
                {
                    // near multiples of pi/2, where the reduced argument is small
                    double k =
                            r.nextBoolean()
                                    ? r.nextInt(-100, 101)
                                    : r.nextLong(-(1L << 29), 1L << 29);
                    return neighbour(r, k * (Math.PI / 2), 1 << r.nextInt(0, 20));
                }
            case 5:
                return bits(r, -60, -1, true); // small arguments
            case 6:
                {
                    // near the table points i / 64 and the reduction's quarter boundaries
                    double k = r.nextInt(-1000, 1001) * (Math.PI / 2);
                    return neighbour(r, k + r.nextInt(-51, 52) / 64.0, 1 << r.nextInt(0, 12));
                }
            default:
                return neighbour(r, r.nextInt(-64, 65) * (Math.PI / 4), 1 << r.nextInt(0, 30));
        }
    }

    private static double expArgument(SplittableRandom r, int kind) {
        switch (kind) {
            case 0:
            case 1:
                return bits(r, -60, 9, true); // random bit patterns, 708 and beyond included
            case 2:
                return r.nextDouble(-50, 50);
            case 3:
                return r.nextDouble(-708, 710); // near underflow and overflow too
            case 4:
                return bits(r, -1074 + 1023 - 1022, -20, true); // near 0
            case 5:
                // near multiples of ln2 / 64, the table points
                return neighbour(
                        r, r.nextInt(-65000, 65000) * (Math.log(2) / 64), 1 << r.nextInt(0, 30));
            case 6:
                return r.nextDouble(-708.5, -706.5);
            default:
                return r.nextDouble(706.5, 708.5);
        }
    }

    private static double logArgument(SplittableRandom r, int kind) {
        switch (kind) {
            case 0:
            case 1:
                return bits(r, -1022, 1023, false); // random bit patterns, out of range too
            case 2:
                return neighbour(r, 1.0, 1 << r.nextInt(0, 40)); // near 1
            case 3:
                return 1 + r.nextDouble(-0.01, 0.01);
            case 4:
                return bits(r, -1001, -999, false); // the domain's ends
            case 5:
                return bits(r, 998, 1000, false);
            case 6:
                {
                    // interval ends of the reduction table
                    double m = 1 + r.nextInt(0, 257) / 256.0;
                    return Math.scalb(neighbour(r, m, 1 << r.nextInt(0, 10)), r.nextInt(-20, 21));
                }
            default:
                return r.nextDouble(1e-5, 10);
        }
    }

    private static double[] powArgument(SplittableRandom r, int kind) {
        switch (kind) {
            case 0:
                return new double[] {bits(r, -1000, 999, false), bits(r, -20, 12, true)};
            case 1:
                // bases near 1 with large and small exponents (PolynomialLR-like ratios)
                return new double[] {
                    neighbour(r, 1.0, 1 << r.nextInt(0, 45)), bits(r, -10, 40, true)
                };
            case 2:
                return new double[] {r.nextDouble(0.5, 1.0), r.nextDouble(-5, 5)};
            case 3:
                // integer exponents
                return new double[] {r.nextDouble(0, 3), (double) r.nextInt(-200, 2001)};
            case 4:
                {
                    // half-integer exponents and exact squares: exact results
                    long k = r.nextLong(1, 1L << 26);
                    double base = r.nextBoolean() ? (double) (k * k) : r.nextDouble(0.01, 100);
                    return new double[] {base, r.nextInt(-40, 41) + 0.5};
                }
            case 5:
                {
                    // odd 27-bit bases squared and cubed: exact midpoints and exact results
                    long k = r.nextLong(1L << 26, 1L << 27) | 1;
                    return new double[] {(double) k, r.nextBoolean() ? 2.0 : 3.0};
                }
            case 6:
                // near overflow and underflow of the result
                return new double[] {2.0, r.nextDouble(-1022, 1024)};
            default:
                {
                    double base = r.nextDouble(0.5, 1.0);
                    return new double[] {base, r.nextBoolean() ? 0.9 : r.nextDouble(0, 3)};
                }
        }
    }

    /**
     * log near 1 against an exact reference: 2 atanh((x - 1) / (x + 1)) summed in BigDecimal to 120
     * digits, rounded once. The accurate path's Newton step alone was accurate to 2^-100 absolute
     * only, a wrong last bit for logs near 2^-44 (log(0x1.ffffffffffd76p-1)).
     */
    @Test
    void logNearOneIsCorrectlyRounded() {
        SplittableRandom r = new SplittableRandom(11);
        java.math.MathContext mc = new java.math.MathContext(120);
        for (int n = 0; n < 20_000; n++) {
            double x =
                    n == 0
                            ? Double.parseDouble("0x1.ffffffffffd76p-1")
                            : n % 2 == 0
                                    ? neighbour(r, 1.0, 1 << r.nextInt(0, 31))
                                    : 1 + r.nextDouble(-0x1p-4, 0x1p-4);
            if (x == 1.0) {
                continue;
            }
            BigDecimal bx = new BigDecimal(x);
            BigDecimal t = bx.subtract(BigDecimal.ONE).divide(bx.add(BigDecimal.ONE), mc);
            BigDecimal t2 = t.multiply(t, mc);
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal power = t;
            for (int k = 0; k < 60; k++) {
                sum = sum.add(power.divide(BigDecimal.valueOf(2 * k + 1), mc), mc);
                power = power.multiply(t2, mc);
            }
            double want = sum.multiply(BigDecimal.valueOf(2)).doubleValue();
            assertEquals(
                    want,
                    CrMath.logAccurate(x),
                    () -> "accurate log(" + Double.toHexString(x) + ")");
            assertEquals(want, CrMath.log(x), () -> "log(" + Double.toHexString(x) + ")");
        }
    }

    /**
     * A pow whose exp step has a large low part (2^-44): its product with e^r - 1 - r once went
     * missing from the bound, and the fast path returned the neighbour of the correct rounding (the
     * exact value, k^39 for x = k^2, lies 0.0004 ulp below a midpoint).
     */
    @Test
    void powWithALargeLowPartOfTheExponent() {
        double x = Double.parseDouble("0x1.84a66cb1ba4p46"); // an exact square, k^2
        double want = CrMath.powAccurate(x, 19.5);
        java.math.BigInteger k = java.math.BigInteger.valueOf((long) x).sqrt();
        assertEquals(x, k.pow(2).doubleValue());
        assertEquals(new BigDecimal(k.pow(39)).doubleValue(), want); // k^39, rounded once
        assertEquals(want, CrMath.pow(x, 19.5));
        double fast = CrMath.powFast(x, 19.5);
        assertTrue(Double.isNaN(fast) || fast == want, "fast " + fast);
    }

    @Test
    void publicFunctionsKeepTheAccuratePathsSpecialCases() {
        double[] xs = {
            0.0,
            -0.0,
            1.0,
            Double.MIN_VALUE,
            0x1p-1000,
            0x1p1000,
            0x1p30,
            -0x1p30,
            708,
            -708,
            1e300,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.NaN,
            -1.0
        };
        DoubleUnaryOperator[] fast = {CrMath::cos, CrMath::sin, CrMath::exp, CrMath::log};
        DoubleUnaryOperator[] slow = {
            CrMath::cosAccurate, CrMath::sinAccurate, CrMath::expAccurate, CrMath::logAccurate
        };
        for (int f = 0; f < fast.length; f++) {
            for (double x : xs) {
                assertEquals(
                        Double.doubleToLongBits(slow[f].applyAsDouble(x)),
                        Double.doubleToLongBits(fast[f].applyAsDouble(x)),
                        NAMES[f] + "(" + x + ")");
            }
        }
        DoubleBinaryOperator pow = CrMath::pow;
        for (double x : xs) {
            for (double y : xs) {
                assertEquals(
                        Double.doubleToLongBits(CrMath.powAccurate(x, y)),
                        Double.doubleToLongBits(pow.applyAsDouble(x, y)),
                        "pow(" + x + ", " + y + ")");
            }
        }
    }
}
