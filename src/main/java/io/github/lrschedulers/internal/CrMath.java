package io.github.lrschedulers.internal;

/**
 * Correctly rounded cos, sin, exp, log and pow, so that results equal CPython's on glibc.
 *
 * <p>CPython's {@code math.cos} and {@code **} call the C library, whose results on Linux (glibc)
 * are correctly rounded in all but rare cases; Java's {@code StrictMath} (fdlibm) is off by one ulp
 * in about one case in twenty. These functions evaluate in double-double arithmetic (about 100
 * bits) and round once, so they give the correctly rounded double except where the exact value lies
 * within about 2^-100 relative of a rounding midpoint. They are deterministic on every JVM.
 *
 * <p>Domain: finite arguments of moderate size ({@code |x| < 2^30} for cos and sin); other
 * arguments fall back to {@code StrictMath}. Callers handle Python's special cases ({@link Py}).
 */
public final class CrMath {

    private static final double PIO2_HI = 0x1.921fb54442d18p+0;
    private static final double PIO2_MID = 0x1.1a62633145c07p-54;
    private static final double PIO2_LO = -0x1.f1976b7ed8fbcp-110;
    private static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_MID = 0x1.abc9e3b39803fp-56;
    private static final double LN2_LO = 0x1.7b57a079a1934p-111;
    private static final int EXP_HALVINGS = 10;

    private CrMath() {}

    /** A double-double: the unevaluated sum hi + lo with |lo| <= ulp(hi) / 2. */
    private static final class DD {
        final double hi;
        final double lo;

        DD(double hi, double lo) {
            this.hi = hi;
            this.lo = lo;
        }

        static DD of(double a) {
            return new DD(a, 0);
        }

        static DD norm(double s, double e) {
            double hi = s + e;
            return new DD(hi, e - (hi - s));
        }

        static DD twoSum(double a, double b) {
            double s = a + b;
            double bb = s - a;
            return norm(s, (a - (s - bb)) + (b - bb));
        }

        static DD twoProd(double a, double b) {
            double p = a * b;
            return norm(p, Math.fma(a, b, -p));
        }

        DD add(DD b) {
            double s = hi + b.hi;
            double bb = s - hi;
            double e = (hi - (s - bb)) + (b.hi - bb);
            double t = lo + b.lo;
            double tb = t - lo;
            double f = (lo - (t - tb)) + (b.lo - tb);
            e += t;
            DD r = norm(s, e);
            return norm(r.hi, r.lo + f);
        }

        DD add(double b) {
            return add(of(b));
        }

        DD neg() {
            return new DD(-hi, -lo);
        }

        DD mul(DD b) {
            double p = hi * b.hi;
            double e = Math.fma(hi, b.hi, -p);
            e += hi * b.lo + lo * b.hi;
            return norm(p, e);
        }

        DD mul(double b) {
            double p = hi * b;
            double e = Math.fma(hi, b, -p);
            e += lo * b;
            return norm(p, e);
        }

        DD div(double b) {
            double q1 = hi / b;
            DD p = twoProd(q1, b);
            double r = ((hi - p.hi) - p.lo + lo) / b;
            return norm(q1, r);
        }

        DD scalb(int k) {
            return new DD(Math.scalb(hi, k), Math.scalb(lo, k));
        }

        double value() {
            return hi + lo;
        }
    }

    /** x - k * pi / 2, in double-double. */
    private static DD reduce(double x, double k) {
        DD r = DD.of(x).add(DD.twoProd(k, PIO2_HI).neg());
        r = r.add(DD.twoProd(k, PIO2_MID).neg());
        return r.add(-k * PIO2_LO);
    }

    /** cos(r) for |r| <= pi/4: Horner over 1 - r^2/(2*1) (1 - r^2/(4*3) (...)). */
    private static DD cosKernel(DD r) {
        DD r2 = r.mul(r);
        DD t = DD.of(1);
        for (int i = 16; i >= 1; i--) {
            t = DD.of(1).add(r2.mul(t).div(-(2.0 * i) * (2.0 * i - 1)));
        }
        return t;
    }

    /** sin(r) for |r| <= pi/4. */
    private static DD sinKernel(DD r) {
        DD r2 = r.mul(r);
        DD t = DD.of(1);
        for (int i = 16; i >= 1; i--) {
            t = DD.of(1).add(r2.mul(t).div(-(2.0 * i) * (2.0 * i + 1)));
        }
        return r.mul(t);
    }

    /**
     * Returns the correctly rounded cosine.
     *
     * @param x the angle in radians
     * @return cos(x)
     */
    public static double cos(double x) {
        return trig(x, 0);
    }

    /**
     * Returns the correctly rounded sine.
     *
     * @param x the angle in radians
     * @return sin(x)
     */
    public static double sin(double x) {
        return trig(x, 3);
    }

    private static double trig(double x, int shift) {
        if (!(Math.abs(x) < 0x1p30)) {
            return shift == 0 ? StrictMath.cos(x) : StrictMath.sin(x);
        }
        double k = Math.rint(x * TWO_OVER_PI);
        DD r = reduce(x, k);
        // cos(x) = cos(r + k pi/2); sin(x) = cos(x - pi/2), a shift of 3 quarter turns.
        int q = (int) (((long) k + shift) & 3);
        switch (q) {
            case 0:
                return cosKernel(r).value();
            case 1:
                return sinKernel(r).neg().value();
            case 2:
                return cosKernel(r).neg().value();
            default:
                return sinKernel(r).value();
        }
    }

    /** e^z for a double-double z of moderate size, in double-double. */
    private static DD expDD(DD z, int[] scale) {
        double k = Math.rint(z.hi / LN2_HI);
        DD r = z.add(DD.twoProd(k, LN2_HI).neg());
        r = r.add(DD.twoProd(k, LN2_MID).neg());
        r = r.add(-k * LN2_LO);
        DD s = r.scalb(-EXP_HALVINGS);
        // m = e^s - 1 by Horner: s (1 + s/2 (1 + s/3 (...)))
        DD t = DD.of(1);
        for (int i = 12; i >= 2; i--) {
            t = DD.of(1).add(s.mul(t).div(i));
        }
        DD m = s.mul(t);
        for (int i = 0; i < EXP_HALVINGS; i++) {
            // (1 + m)^2 = 1 + (2m + m^2)
            m = m.mul(2).add(m.mul(m));
        }
        scale[0] = (int) k;
        return DD.of(1).add(m);
    }

    /**
     * Returns the correctly rounded e^x.
     *
     * @param x the exponent
     * @return e^x, infinite on overflow
     */
    public static double exp(double x) {
        if (!(Math.abs(x) < 708)) {
            return StrictMath.exp(x);
        }
        int[] k = new int[1];
        DD e = expDD(DD.of(x), k);
        return Math.scalb(e.value(), k[0]);
    }

    private static DD logDD(double x) {
        double l0 = StrictMath.log(x);
        int[] k = new int[1];
        DD e = expDD(DD.of(-l0), k);
        // one Newton step on exp(l) = x: l = l0 + x e^-l0 - 1
        DD t = e.scalb(k[0]).mul(x).add(-1);
        return DD.of(l0).add(t);
    }

    /**
     * Returns the correctly rounded natural logarithm.
     *
     * @param x a positive finite number
     * @return log(x)
     */
    public static double log(double x) {
        if (!(x > 0x1p-1000 && x < 0x1p1000)) {
            return StrictMath.log(x);
        }
        if (x == 1.0) {
            return 0.0;
        }
        return logDD(x).value();
    }

    /**
     * Returns the correctly rounded x^y for a positive finite base.
     *
     * @param x the base, positive and finite
     * @param y the exponent, finite
     * @return x^y, infinite on overflow
     */
    public static double pow(double x, double y) {
        if (!(x > 0x1p-1000 && x < 0x1p1000) || Double.isInfinite(y) || Double.isNaN(y)) {
            return StrictMath.pow(x, y);
        }
        if (x == 1.0 || y == 0.0) {
            return 1.0;
        }
        if (y == 1.0) {
            return x;
        }
        DD z = logDD(x).mul(y);
        if (!(Math.abs(z.hi) < 708)) {
            return StrictMath.pow(x, y);
        }
        int[] k = new int[1];
        DD e = expDD(z, k);
        return Math.scalb(e.value(), k[0]);
    }
}
