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

    /** Terms of the cos series from which doubles suffice, and its length. */
    private static final int TRIG_DD_TERMS = 9;

    private static final int TRIG_TERMS = 15;

    /** Terms of the exp series from which doubles suffice, and its length. */
    private static final int EXP_DD_TERMS = 4;

    private static final int EXP_TERMS = 11;

    /** (-1)^k / (2k)!, (-1)^k / (2k+1)!, 1 / k!: high and low parts. */
    private static final double[][] COS = coefficients(TRIG_TERMS, 0, true);

    private static final double[][] SIN = coefficients(TRIG_TERMS, 1, true);
    private static final double[][] EXP = coefficients(EXP_TERMS, 0, false);

    private static double[][] coefficients(int n, int offset, boolean trig) {
        double[][] c = new double[2][n];
        java.math.MathContext mc = new java.math.MathContext(60);
        for (int k = 0; k < n; k++) {
            int m = trig ? 2 * k + offset : k;
            java.math.BigDecimal f = java.math.BigDecimal.ONE;
            for (int i = 2; i <= m; i++) {
                f = f.multiply(java.math.BigDecimal.valueOf(i));
            }
            java.math.BigDecimal v = java.math.BigDecimal.ONE.divide(f, mc);
            if (trig && k % 2 == 1) {
                v = v.negate();
            }
            c[0][k] = v.doubleValue();
            c[1][k] = v.subtract(new java.math.BigDecimal(c[0][k]), mc).doubleValue();
        }
        return c;
    }

    /**
     * Evaluates the polynomial with coefficients c at z into t: the small high-order terms in
     * doubles, the others in double-double.
     */
    private static DD poly(double[][] c, int ddTerms, DD z, DD t) {
        int n = c[0].length;
        double tail = c[0][n - 1];
        for (int k = n - 2; k >= ddTerms; k--) {
            tail = tail * z.hi + c[0][k];
        }
        t.set(tail, 0);
        for (int k = ddTerms - 1; k >= 0; k--) {
            t.mul(z.hi, z.lo).add(c[0][k], c[1][k]);
        }
        return t;
    }

    private CrMath() {}

    /**
     * A mutable double-double, the unevaluated sum hi + lo with |lo| <= ulp(hi) / 2: the operations
     * work in place, so an evaluation allocates a few of these and nothing else.
     */
    private static final class DD {
        double hi;
        double lo;

        DD set(double h, double l) {
            hi = h;
            lo = l;
            return this;
        }

        DD set(DD o) {
            return set(o.hi, o.lo);
        }

        private DD norm(double s, double e) {
            double h = s + e;
            lo = e - (h - s);
            hi = h;
            return this;
        }

        /** this += (bh, bl). */
        DD add(double bh, double bl) {
            double s = hi + bh;
            double bb = s - hi;
            double e = (hi - (s - bb)) + (bh - bb);
            double t = lo + bl;
            double tb = t - lo;
            double f = (lo - (t - tb)) + (bl - tb);
            e += t;
            double h = s + e;
            double l = e - (h - s);
            return norm(h, l + f);
        }

        /** this *= (bh, bl). */
        DD mul(double bh, double bl) {
            double p = hi * bh;
            double e = Math.fma(hi, bh, -p);
            e += hi * bl + lo * bh;
            return norm(p, e);
        }

        /** this /= b. */
        DD div(double b) {
            double q1 = hi / b;
            double p = q1 * b;
            double pe = Math.fma(q1, b, -p);
            double r = ((hi - p) - pe + lo) / b;
            return norm(q1, r);
        }

        /** this = -k * (c1 + c2 + c3) + this, for the argument reductions. */
        DD subMultiple(double k, double c1, double c2, double c3) {
            double p = k * c1;
            add(-p, -Math.fma(k, c1, -p));
            p = k * c2;
            add(-p, -Math.fma(k, c2, -p));
            return add(-k * c3, 0);
        }

        double value() {
            return hi + lo;
        }
    }

    /** cos(r) for |r| <= pi/4, into t: the series in r^2. */
    private static DD cosKernel(DD r, DD t) {
        DD r2 = new DD().set(r).mul(r.hi, r.lo);
        return poly(COS, TRIG_DD_TERMS, r2, t);
    }

    /** sin(r) for |r| <= pi/4, into t: r times the series in r^2. */
    private static DD sinKernel(DD r, DD t) {
        DD r2 = new DD().set(r).mul(r.hi, r.lo);
        return poly(SIN, TRIG_DD_TERMS, r2, t).mul(r.hi, r.lo);
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
        DD r = new DD().set(x, 0).subMultiple(k, PIO2_HI, PIO2_MID, PIO2_LO);
        DD t = new DD();
        // cos(x) = cos(r + k pi/2); sin(x) = cos(x - pi/2), a shift of 3 quarter turns.
        int q = (int) (((long) k + shift) & 3);
        switch (q) {
            case 0:
                return cosKernel(r, t).value();
            case 1:
                return -sinKernel(r, t).value();
            case 2:
                return -cosKernel(r, t).value();
            default:
                return sinKernel(r, t).value();
        }
    }

    /** e^(zh + zl) / 2^k into m, returning k: m holds e^r with |r| <= ln2 / 2. */
    private static int expDD(double zh, double zl, DD m) {
        double k = Math.rint(zh / LN2_HI);
        DD s = new DD().set(zh, zl).subMultiple(k, LN2_HI, LN2_MID, LN2_LO);
        s.hi = Math.scalb(s.hi, -EXP_HALVINGS);
        s.lo = Math.scalb(s.lo, -EXP_HALVINGS);
        // e^s - 1 = s * (1 + s/2! + s^2/3! + ...): the series of e^s without its 1, over s
        poly(EXP, EXP_DD_TERMS, s, m); // 1 + s + s^2/2! + ...
        m.add(-1, 0);
        DD sq = new DD();
        for (int i = 0; i < EXP_HALVINGS; i++) {
            // (1 + m)^2 = 1 + (2m + m^2)
            sq.set(m).mul(m.hi, m.lo);
            m.set(2 * m.hi, 2 * m.lo).add(sq.hi, sq.lo);
        }
        m.add(1, 0);
        return (int) k;
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
        DD e = new DD();
        int k = expDD(x, 0, e);
        return Math.scalb(e.value(), k);
    }

    /** log(x) into l. */
    private static DD logDD(double x, DD l) {
        double l0 = StrictMath.log(x);
        DD e = new DD();
        int k = expDD(-l0, 0, e);
        // one Newton step on exp(l) = x: l = l0 + x e^-l0 - 1
        e.hi = Math.scalb(e.hi, k);
        e.lo = Math.scalb(e.lo, k);
        e.mul(x, 0).add(-1, 0);
        return l.set(l0, 0).add(e.hi, e.lo);
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
        return logDD(x, new DD()).value();
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
        DD z = logDD(x, new DD()).mul(y, 0);
        if (!(Math.abs(z.hi) < 708)) {
            return StrictMath.pow(x, y);
        }
        DD e = new DD();
        int k = expDD(z.hi, z.lo, e);
        return Math.scalb(e.value(), k);
    }
}
