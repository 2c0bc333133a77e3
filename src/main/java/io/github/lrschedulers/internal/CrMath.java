package io.github.lrschedulers.internal;

/**
 * Correctly rounded cos, sin, exp, log and pow, so that results equal CPython's on glibc.
 *
 * <p>CPython's {@code math.cos} and {@code **} call the C library, whose results on Linux (glibc)
 * are correctly rounded in all but rare cases; Java's {@code StrictMath} (fdlibm) is off by one ulp
 * in about one case in twenty. These functions evaluate in double-double arithmetic (about 100
 * bits) and round once, so they give the correctly rounded double except where the exact value lies
 * within about 2^-100 relative of a rounding midpoint. They are deterministic on every JVM ({@code
 * Math.fma} is exactly rounded by its specification).
 *
 * <p>Each function first takes a fast path (Ziv's strategy): a table-based evaluation in doubles
 * with error-free steps, giving hi + lo and a proved bound on its error (derived in the comments);
 * when hi + lo +- bound all round to one double, that double is the accurate path's result too, and
 * is returned. Otherwise (about 1 % of arguments) the accurate double-double path runs. The fast
 * paths cost 10 to 30 ns, the accurate paths 120 ns to 1 us (src/jmh/README.md).
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
     * The accurate path of {@link #cos} alone: its fallback and the reference of its tests, public
     * for the benchmarks.
     *
     * @param x the argument
     * @return the same double as {@link #cos}, always by the double-double evaluation
     */
    public static double cosAccurate(double x) {
        return trig(x, 0);
    }

    /**
     * The accurate path of {@link #sin} alone: its fallback and the reference of its tests, public
     * for the benchmarks.
     *
     * @param x the argument
     * @return the same double as {@link #sin}, always by the double-double evaluation
     */
    public static double sinAccurate(double x) {
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
     * The accurate path of {@link #exp} alone: its fallback and the reference of its tests, public
     * for the benchmarks.
     *
     * @param x the argument
     * @return the same double as {@link #exp}, always by the double-double evaluation
     */
    public static double expAccurate(double x) {
        if (!(Math.abs(x) < 708)) {
            return StrictMath.exp(x);
        }
        DD e = new DD();
        int k = expDD(x, 0, e);
        return Math.scalb(e.value(), k);
    }

    /** Terms of the atanh series from which doubles suffice, and its length. */
    private static final int LOG1_DD_TERMS = 6;

    private static final int LOG1_TERMS = 13;

    /** 2 / (2k + 1), high and low parts. */
    private static final double[][] LOG1 = new double[2][LOG1_TERMS];

    static {
        java.math.MathContext mc = new java.math.MathContext(60);
        for (int k = 0; k < LOG1_TERMS; k++) {
            java.math.BigDecimal v =
                    java.math.BigDecimal.valueOf(2)
                            .divide(java.math.BigDecimal.valueOf(2 * k + 1), mc);
            LOG1[0][k] = v.doubleValue();
            LOG1[1][k] = v.subtract(new java.math.BigDecimal(LOG1[0][k]), mc).doubleValue();
        }
    }

    /** log(x) into l. */
    private static DD logDD(double x, DD l) {
        if (Math.abs(x - 1) <= 0x1p-4) {
            // Near 1 the Newton step below is accurate to 2^-100 absolute only, too little relative
            // to a log of 2^-40: log x = 2 atanh(t) = t (2 + 2 t^2 / 3 + 2 t^4 / 5 + ...), t = (x -
            // 1) / (x + 1), |t| <= 2^-5 (13 terms: the first omitted is below 2^-130 relative).
            double f = x - 1; // exact (Sterbenz)
            double dh = x + 1;
            double bb = dh - x;
            double dl = (x - (dh - bb)) + (1 - bb); // x + 1 = dh + dl exactly (TwoSum)
            DD t = new DD().set(f, 0).div(dh);
            // f / (dh + dl) = (f / dh) (1 - dl / dh) to 2^-106 relative (|dl / dh| <= 2^-53)
            t.add(-t.hi * (dl / dh), 0);
            DD t2 = new DD().set(t).mul(t.hi, t.lo);
            return poly(LOG1, LOG1_DD_TERMS, t2, l).mul(t.hi, t.lo);
        }
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
     * The accurate path of {@link #log} alone: its fallback and the reference of its tests, public
     * for the benchmarks.
     *
     * @param x the argument
     * @return the same double as {@link #log}, always by the double-double evaluation
     */
    public static double logAccurate(double x) {
        if (!(x > 0x1p-1000 && x < 0x1p1000)) {
            return StrictMath.log(x);
        }
        if (x == 1.0) {
            return 0.0;
        }
        return logDD(x, new DD()).value();
    }

    /**
     * The accurate path of {@link #pow} alone: its fallback and the reference of its tests, public
     * for the benchmarks.
     *
     * @param x the base, positive and finite
     * @param y the exponent, finite
     * @return the same double as {@link #pow}, always by the double-double evaluation
     */
    public static double powAccurate(double x, double y) {
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

    // ---------------------------------------------------------------------------------------
    // Fast paths (Ziv's strategy). Each computes an approximation hi + lo of the same real number
    // the accurate path approximates, with a bound err on its error, and returns the rounding of
    // hi + lo only when hi + (lo - err) and hi + (lo + err) round to the same double; otherwise it
    // returns NaN and the public method runs the accurate path. Why that decides it: rounding is
    // monotone, so if both ends round to y, every real in between does, among them the accurate
    // path's unrounded double-double (within err, since err also covers the accurate path's own
    // error, under 2^-97 relative), whose rounding the accurate path returns. The computed lo - err
    // and lo + err are themselves rounded, by at most 2^-53 |lo| each; every err below exceeds the
    // derived bound by more than that (|lo| < 2^-13 |hi| in all of them).
    //
    // The bounds are in units of the result; "u" is 2^-53 (the unit roundoff): each floating
    // operation errs by at most u times its result, an fma by u times its result, exact
    // transformations (TwoSum, Fast2Sum, fma products) not at all.
    // ---------------------------------------------------------------------------------------

    /**
     * Returns the rounding of hi + lo if it is the same for the whole of hi + lo +- err, else NaN.
     */
    private static double decide(double hi, double lo, double err) {
        double a = hi + (lo - err);
        double b = hi + (lo + err);
        return a == b ? a : Double.NaN;
    }

    /** The table steps: trig at i / 64, exp at 2^(j / 64), log at 256 mantissa intervals. */
    private static final int TRIG_STEPS = 64;

    /** cos(i / 64) and sin(i / 64) for i in [-64, 64], as double-doubles hi, lo at 2 (i + 64). */
    private static final double[] TRIG_COS = new double[2 * (2 * TRIG_STEPS + 1)];

    private static final double[] TRIG_SIN = new double[2 * (2 * TRIG_STEPS + 1)];

    /** 2^(j / 64) for j in [0, 63] as double-doubles, hi, lo at 2 j. */
    private static final double[] EXP2_TABLE = new double[2 * 64];

    /** ln2 / 64 in three parts: the first with 36 bits, so that n L1 is exact for |n| < 2^17. */
    private static final double EXP_L1 =
            Double.longBitsToDouble(Double.doubleToRawLongBits(LN2_HI * 0x1p-6) & -(1L << 17));

    private static final double EXP_L2 = (LN2_HI * 0x1p-6 - EXP_L1) + LN2_MID * 0x1p-6;
    private static final double INV_EXP_L = 0x1p6 / LN2_HI;

    /** ln2 with 42 bits, so that e L2H is exact for |e| < 2^11, and the rest. */
    private static final double LOG_L2H =
            Double.longBitsToDouble(Double.doubleToRawLongBits(LN2_HI) & -(1L << 11));

    private static final double LOG_L2L = (LN2_HI - LOG_L2H) + LN2_MID;

    /**
     * log's reduction: for the mantissa m in [1, 2) with top 8 fraction bits i, c[i] is about 1 / m
     * (for i >= 128 about 1 / (m / 2), the exponent then counting one more), rounded to a multiple
     * of 2^-7, so that z = m c - 1 is exact (see logThen); and -log(c[i]) as a double-double, hi,
     * lo at 2 i.
     */
    static final double[] LOG_C = new double[256];

    private static final double[] LOG_T = new double[2 * 256];

    static {
        DD t = new DD();
        for (int i = -TRIG_STEPS; i <= TRIG_STEPS; i++) {
            DD a = new DD().set((double) i / TRIG_STEPS, 0);
            cosKernel(a, t);
            TRIG_COS[2 * (i + TRIG_STEPS)] = t.hi;
            TRIG_COS[2 * (i + TRIG_STEPS) + 1] = t.lo;
            sinKernel(a, t);
            TRIG_SIN[2 * (i + TRIG_STEPS)] = t.hi;
            TRIG_SIN[2 * (i + TRIG_STEPS) + 1] = t.lo;
        }
        for (int j = 0; j < 64; j++) {
            // j ln2 / 64 to about 2^-106, then the accurate exp
            double ph = j * LN2_HI;
            double pl = Math.fma(j, LN2_HI, -ph) + j * LN2_MID;
            int k = expDD(ph * 0x1p-6, pl * 0x1p-6, t);
            EXP2_TABLE[2 * j] = Math.scalb(t.hi, k);
            EXP2_TABLE[2 * j + 1] = Math.scalb(t.lo, k);
        }
        for (int i = 0; i < 256; i++) {
            double mid = 1 + (i + 0.5) / 256;
            if (i >= 128) {
                mid /= 2;
            }
            double c = Math.rint(128 / mid) / 128;
            LOG_C[i] = c;
            if (c != 1) {
                logDD(c, t);
                LOG_T[2 * i] = -t.hi;
                LOG_T[2 * i + 1] = -t.lo;
            }
        }
    }

    /**
     * Returns the correctly rounded cosine.
     *
     * @param x the angle in radians
     * @return cos(x)
     */
    public static double cos(double x) {
        double r = trigFast(x, 0);
        return r == r ? r : trig(x, 0);
    }

    /**
     * Returns the correctly rounded sine.
     *
     * @param x the angle in radians
     * @return sin(x)
     */
    public static double sin(double x) {
        double r = trigFast(x, 3);
        return r == r ? r : trig(x, 3);
    }

    /** The fast path of cos (shift 0) and sin (shift 3), NaN where it cannot decide. */
    static double trigFast(double x, int shift) {
        double ax = Math.abs(x);
        if (!(ax < 0x1p30 && ax > 0x1p-900)) {
            return Double.NaN; // StrictMath's domain, zeros and tiny arguments: the accurate path
        }
        // r = x - k pi/2 with the accurate path's k, as rh + rl, |rh| <= pi/4 (1 + 2^-40), |rl| <=
        // ulp(rh) / 2. With pi/2 = C1 + C2 + C3 (PIO2_HI, _MID, _LO; 2^-161 left out): x - k C1 is
        // exact (k != 0 makes |x| >= 0.78, a multiple of 2^-53, k C1 one of 2^-52, and the
        // difference is below 1), k C2 = p + pe exactly, s + e = r1 - p exactly (TwoSum). t errs
        // by at most 2^-129 (two roundings of at most 2^-77, k C3's of 2^-132), the left-out part
        // times k by 2^-131: r errs by less than 2^-128 absolute. No double below 2^30 lies closer
        // than 2^-60.4 to a multiple of pi/2 (the continued fraction of pi/2 per binade), so that
        // is 2^-67 relative, and |t| < 2^-76 < |s| makes the last sum a Fast2Sum. The accurate
        // path reduces with the same 161 bits of pi/2 in double-double: its r errs by 2^-103
        // relative plus the same 2^-131 absolute, 2^-69 relative at worst. Either r's relative
        // error becomes at most that relative error of the result (cos r's is at most |r tan r|
        // times it, sin r's at most r cot r <= 1 times it).
        double k = Math.rint(x * TWO_OVER_PI);
        double rh = x;
        double rl = 0;
        if (k != 0) {
            double r1 = Math.fma(-k, PIO2_HI, x);
            double p = k * PIO2_MID;
            double pe = Math.fma(k, PIO2_MID, -p);
            double s = r1 - p;
            double bb = s - r1;
            double e = (r1 - (s - bb)) + (-p - bb);
            double t = (e - pe) - k * PIO2_LO;
            rh = s + t;
            rl = t - (rh - s);
        }
        // r = a + u + rl with a = i / 64 (a table point) and |u| <= 1/128. u is exact: for i = 0
        // it is rh; otherwise i / 64 lies in [rh / 2, 2 rh] (Sterbenz). |rl| <= 2^-53 |rh|.
        // |rh| < 0.786 makes |i| <= 51.
        int i = (int) Math.rint(rh * TRIG_STEPS);
        double u = rh - i * (1.0 / TRIG_STEPS);
        int at = 2 * (i + TRIG_STEPS);
        double ch = TRIG_COS[at];
        double cl = TRIG_COS[at + 1];
        double sh = TRIG_SIN[at];
        double sl = TRIG_SIN[at + 1];
        double u2 = u * u;
        // cos u - 1 and sin u - u by their series; |u| <= 2^-7 makes the first omitted terms,
        // u^8 / 8! and u^9 / 9!, below 2^-71 and 2^-81 (absolute). |cu| <= 2^-15, |su| <= 2^-23.
        // Their rounding errs by at most 4u relative: cu by 2^-66, su by 2^-74.
        double cu = u2 * (-0.5 + u2 * (1.0 / 24 + u2 * (-1.0 / 720)));
        double su = u * u2 * (-1.0 / 6 + u2 * (1.0 / 120 + u2 * (-1.0 / 5040)));
        double hi;
        double lo;
        int q = (int) (((long) k + shift) & 3);
        if ((q & 1) == 0) {
            // cos(a + u + rl) = C cos u - S sin u - (S + C u) rl + O(2^-69):
            // = C - S u + [C cu - S su - (S + C u) rl], C = ch + cl, S = sh + sl.
            // The result lies in [0.70, 1]. -S u = -(p + pe) exactly; ch - p is a Fast2Sum
            // (ch >= 0.70 > 2^-7 >= |p|). lo sums 8 terms of at most 2^-14 together (C cu is the
            // largest, 2^-15): 8 roundings of at most 2^-67 each, 2^-64 with cu's 2^-66 and the
            // series' 2^-71, the table's 2^-99: |error| < 2^-63.4, relative < 2^-62.9.
            double p = sh * u;
            double pe = Math.fma(sh, u, -p);
            hi = ch - p;
            double e = (ch - hi) - p;
            lo = e + cl - pe - sl * u - (sh + ch * u) * rl + (ch * cu - sh * su);
        } else {
            // sin(a + u + rl) = S cos u + C sin u + (C - S u) rl + O(2^-69 |result|):
            // = S + C u + [S cu + C su + (C - S u) rl]. For i = 0 (S = 0, C = 1) that is u + su +
            // rl, all terms relative to |u|: |su| <= 2^-15.6 |u|, relative error < 2^-66. For
            // i != 0, |sh| >= sin(1/64) > |u| >= |p|: a Fast2Sum, and the result is at least
            // |S| / 2, so every term of lo is at most 2^-14 |result| (S cu: |S| 2^-15), 8
            // roundings of 2^-67 relative and cu's 2^-66 |S|: relative error < 2^-62.9.
            double p = ch * u;
            double pe = Math.fma(ch, u, -p);
            hi = sh + p;
            double e = (sh - hi) + p;
            lo = e + sl + pe + cl * u + (ch - sh * u) * rl + (sh * cu + ch * su);
        }
        // err: 2^-61 |hi| covers 2^-62.9 |result|, the two reductions' 2^-67 and 2^-69, the
        // accurate path's 2^-97 and the roundings of lo +- err (2^-53 |lo| <= 2^-67 |hi|).
        double y = decide(hi, lo, 0x1p-61 * Math.abs(hi));
        // the accurate path's quarters: cos, -sin, -cos, sin
        return q == 1 || q == 2 ? -y : y;
    }

    /**
     * Returns the correctly rounded e^x.
     *
     * @param x the exponent
     * @return e^x, infinite on overflow
     */
    public static double exp(double x) {
        double r = expFast(x);
        return r == r ? r : expAccurate(x);
    }

    /** The fast path of exp, NaN where it cannot decide. */
    static double expFast(double x) {
        if (!(Math.abs(x) < 708)) {
            return Double.NaN;
        }
        return expCore(x, 0, 0x1p-62);
    }

    /**
     * e^(zh + zl) for |zh| < 708, |zl| <= 2^-50 |zh|, rounded if the error bound rel |result| (at
     * least the 2^-62 of this evaluation) decides it, else NaN.
     */
    private static double expCore(double zh, double zl, double rel) {
        // z = n ln2 / 64 + r: |n| <= 65370 < 2^17, so n L1 is exact and zh - n L1 is exact
        // (Sterbenz for n != 0). n L2 errs by at most 2^-79, L2 by 2^-96 n <= 2^-79, the ln2
        // digits left out (2^-103) by less: r = rh + rl to 2^-77.5 absolute, |r| <= 2^-7.4.
        double n = Math.rint(zh * INV_EXP_L);
        double t = zh - n * EXP_L1;
        double p = n * EXP_L2;
        double rh = t - p;
        double bb = rh - t;
        double rl = ((t - (rh - bb)) + (-p - bb)) + zl;
        long nl = (long) n;
        int j = (int) (nl & 63);
        long m = nl >> 6; // in [-1022, 1021]
        double th = EXP2_TABLE[2 * j];
        double tl = EXP2_TABLE[2 * j + 1];
        // e^r = (1 + rh + q)(1 + rl) + O(rl^2), q = e^rh - 1 - rh by its series to rh^7 (the
        // first omitted term, rh^8 / 8!, is below 2^-74), |q| <= 2^-15.8, rounding errors 4u
        // relative: 2^-66.8. T e^r = th + th rh + [tl + tl rh + T rl (1 + rh + q) + th q] (pow's
        // rl reaches 2^-43, so its product with q, 2^-59, counts): th in [1, 2), th rh = p1 + pe1
        // exactly, th + p1 a Fast2Sum. The result lies in [0.99, 2.02];
        // lo's 8 terms are at most 2^-13.8 together: 8 roundings of 2^-67, th q's 2^-65.8, the
        // reduction's 2^-76.5, the table's 2^-99: |error| < 2^-63.8, relative < 2^-63.7.
        double q =
                rh
                        * rh
                        * (0.5
                                + rh
                                        * (1.0 / 6
                                                + rh
                                                        * (1.0 / 24
                                                                + rh
                                                                        * (1.0 / 120
                                                                                + rh
                                                                                        * (1.0 / 720
                                                                                                + rh
                                                                                                        * (1.0
                                                                                                                / 5040))))));
        double p1 = th * rh;
        double pe1 = Math.fma(th, rh, -p1);
        double hi = th + p1;
        double e = (th - hi) + p1;
        double lo = e + pe1 + tl + tl * rh + th * (rl + rl * (rh + q)) + th * q;
        // rel >= 2^-62 covers 2^-63.7, the accurate path's 2^-97 and lo +- err's roundings.
        double y = decide(hi, lo, rel * hi);
        // 2^m y is normal (|z| < 708), so scaling after rounding is exact and changes nothing.
        return y * Double.longBitsToDouble((m + 1023) << 52);
    }

    /**
     * Returns the correctly rounded natural logarithm.
     *
     * @param x a positive finite number
     * @return log(x)
     */
    public static double log(double x) {
        double r = logFast(x);
        return r == r ? r : logAccurate(x);
    }

    /** The fast path of log, NaN where it cannot decide. */
    static double logFast(double x) {
        if (!(x > 0x1p-1000 && x < 0x1p1000) || x == 1.0) {
            return Double.NaN;
        }
        return logThen(x, 0, false);
    }

    /**
     * log(x) as hi + lo with relative error below 2^-63.3, for normal positive x != 1, then log's
     * decision (pow false) or pow's exp of y (hi + lo) (pow true): one method, so that the
     * double-double needs no object.
     *
     * <p>x = 2^e m, m in [1, 2); for m >= 1.5 (i >= 128) m / 2 and e + 1 instead. z = m c - 1 with
     * c = LOG_C[i] is exact: m is a multiple of 2^-52 (2^-53 after halving) and c of 2^-7, so m c -
     * 1 is a multiple of 2^-59 (2^-60) and |z| <= 2^-7 (2^-7.58) makes it an integer below 2^52
     * (2^52.42) times that: representable. (CrMathFastPathTest checks these bounds on every
     * interval.) log x = e ln2 - log c + log(1 + z).
     */
    private static double logThen(double x, double y, boolean pow) {
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) (bits >>> 52) - 1023;
        int i = (int) (bits >>> 44) & 0xFF;
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (i >= 128) {
            m *= 0.5;
            e++;
        }
        double z = Math.fma(m, LOG_C[i], -1.0);
        double ed = e;
        // e L2H is exact (|e| <= 1000 < 2^11); the sum of the big terms is exact by TwoSums:
        // a + th = s + sl, s + z = h2 + e2, h2 - z^2/2 (high part) = hi + e3.
        double a = ed * LOG_L2H;
        double th = LOG_T[2 * i];
        double s = a + th;
        double b1 = s - a;
        double sl = (a - (s - b1)) + (th - b1);
        double h2 = s + z;
        double b2 = h2 - s;
        double e2 = (s - (h2 - b2)) + (z - b2);
        double z2h = z * z;
        double z2l = Math.fma(z, z, -z2h);
        double hz = -0.5 * z2h;
        double hi = h2 + hz;
        double b3 = hi - h2;
        double e3 = (h2 - (hi - b3)) + (hz - b3);
        // log(1 + z) - z + z^2/2 by its series to z^10 (the first omitted term, |z|^11 / 11, is
        // below 2^-80); |that| <= |z|^3 / 3 (1 + 2^-6), relative rounding error below 4u.
        double poly =
                z
                        * z2h
                        * (1.0 / 3
                                + z
                                        * (-0.25
                                                + z
                                                        * (0.2
                                                                + z
                                                                        * (-1.0 / 6
                                                                                + z
                                                                                        * (1.0 / 7
                                                                                                + z
                                                                                                        * (-0.125
                                                                                                                + z
                                                                                                                        * (1.0
                                                                                                                                        / 9
                                                                                                                                - z
                                                                                                                                        * 0.1)))))));
        // Error, by cases on the result's size. (1) e = 0 and c = 1: the result is z (1 +- 2^-8)
        // and every term is relative to z: poly's rounding 2^-51 |z|^3 / 3 <= 2^-66.5 |z|, lo's
        // other roundings 2^-53 2^-16 |z|: relative < 2^-66. (2) e = 0, c != 1: |result| >= 2^-9
        // (m is then at least 2^-9 from 1), |poly| <= 2^-22.5, its rounding 2^-73.5, the
        // roundings of lo (at most 2^-22 plus a few ulps of hi) 2^-72, tl's 2^-99: relative <
        // 2^-63.3. (3) e != 0: |result| >= 0.28 and the same absolute errors plus e L2L's 2^-86:
        // relative < 2^-70.
        double lo = (sl + e2 + e3 + ed * LOG_L2L + LOG_T[2 * i + 1] - 0.5 * z2l) + poly;
        // e L2L (up to 2^-33) makes lo larger than an ulp of hi: renormalize (Fast2Sum, exact),
        // so that |lo| <= ulp(hi) / 2 as decide and pow's exp assume.
        double lh = hi + lo;
        double ll = (hi - lh) + lo;
        if (!pow) {
            // 2^-62 |lh| covers the 2^-63.3, the accurate path's 2^-97 and lo +- err.
            return decide(lh, ll, 0x1p-62 * Math.abs(lh));
        }
        // z = y log x: y lh = zh + its fma remainder exactly, y ll and the sum err by 2^-104 |z|.
        // log's error becomes an absolute error of y times it in z, that is a relative one (times
        // 1 + 2^-50) in e^z. In every case above that error is below 2^-72 absolute (case 1:
        // 2^-67.4 |log x| <= 2^-75; case 2: poly's 2^-73.6 and lo's 2^-73; case 3: the same and e
        // L2L's 2^-86): 2^-71 |y| bounds the relative error of e^z. In case 1 (i = 0 or 255 with
        // e = 0, c = 1) 2^-65 |z| bounds it too, smaller for a large y. Where y lh underflows the
        // result is 1 within 2^-1000 and the fixed 2^-62 decides it.
        double d =
                e == 0 && (i == 0 || i == 255) ? 0x1p-65 * Math.abs(y * lh) : 0x1p-71 * Math.abs(y);
        double zh = y * lh;
        double zl = Math.fma(y, lh, -zh) + y * ll;
        if (!(Math.abs(zh) < 707)) {
            return Double.NaN; // near overflow, underflow and StrictMath's domain
        }
        return expCore(zh, zl, 0x1p-62 + d);
    }

    /**
     * Returns the correctly rounded x^y for a positive finite base.
     *
     * @param x the base, positive and finite
     * @param y the exponent, finite
     * @return x^y, infinite on overflow
     */
    public static double pow(double x, double y) {
        double r = powFast(x, y);
        return r == r ? r : powAccurate(x, y);
    }

    /** The fast path of pow, NaN where it cannot decide. */
    static double powFast(double x, double y) {
        if (!(x > 0x1p-1000 && x < 0x1p1000) || !(Math.abs(y) < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        if (x == 1.0 || y == 0.0) {
            return 1.0;
        }
        if (y == 1.0) {
            return x;
        }
        return logThen(x, y, true);
    }

    /**
     * For the tests: where the accurate path's unrounded result hi + lo lies relative to its
     * rounding y, (hi + lo - y) / ulp(y), in [-1/2, 1/2] (an end is a midpoint); NaN where the
     * accurate path defers to StrictMath or a special case. fn: 0 cos, 1 sin, 2 exp, 3 log, 4 pow.
     */
    static double accurateOffset(int fn, double x, double y) {
        DD t = new DD();
        if (accurate(fn, x, y, t) == NONE) {
            return Double.NaN;
        }
        double v = t.value();
        return v == 0 ? Double.NaN : ((t.hi - v) + t.lo) / Math.ulp(v);
    }

    /**
     * The accurate path's unrounded result minus m, for F32's rounding decisions: (hi + lo) 2^k -
     * m, where m lies within a factor 2 of the result (the subtraction of hi is then exact); NaN
     * where the accurate path defers to StrictMath or a special case. fn as in {@link
     * #accurateOffset}; the result's scaled parts must be normal doubles (results above 2^-960).
     */
    static double accurateMinus(int fn, double x, double y, double m) {
        DD t = new DD();
        int k = accurate(fn, x, y, t);
        if (k == NONE) {
            return Double.NaN;
        }
        return (Math.scalb(t.hi, k) - m) + Math.scalb(t.lo, k);
    }

    /**
     * cos (q = 0), -sin (1), -cos (2) or sin (3) of the reduced argument rh + rl, |rh + rl| <=
     * pi/4, by the accurate path's kernels: for arguments reduced by the caller, as hi and lo.
     */
    static double[] trigReduced(double rh, double rl, int q) {
        DD r = new DD().set(rh, rl);
        DD t = new DD();
        if ((q & 1) == 0) {
            cosKernel(r, t);
        } else {
            sinKernel(r, t);
        }
        return q == 1 || q == 2 ? new double[] {-t.hi, -t.lo} : new double[] {t.hi, t.lo};
    }

    /** accurate's answer where the accurate path defers to StrictMath or a special case. */
    private static final int NONE = Integer.MIN_VALUE;

    /**
     * The accurate path's unrounded result, up to its sign for cos and sin, into t, returning the
     * power of two it is to be scaled by, or NONE.
     */
    private static int accurate(int fn, double x, double y, DD t) {
        switch (fn) {
            case 0:
            case 1:
                {
                    if (!(Math.abs(x) < 0x1p30)) {
                        return NONE;
                    }
                    double k = Math.rint(x * TWO_OVER_PI);
                    DD r = new DD().set(x, 0).subMultiple(k, PIO2_HI, PIO2_MID, PIO2_LO);
                    int q = (int) (((long) k + (fn == 0 ? 0 : 3)) & 3);
                    if ((q & 1) == 0) {
                        cosKernel(r, t);
                    } else {
                        sinKernel(r, t);
                    }
                    if (q == 1 || q == 2) {
                        t.set(-t.hi, -t.lo);
                    }
                    return 0;
                }
            case 2:
                if (!(Math.abs(x) < 708)) {
                    return NONE;
                }
                return expDD(x, 0, t);
            case 3:
                if (!(x > 0x1p-1000 && x < 0x1p1000) || x == 1.0) {
                    return NONE;
                }
                logDD(x, t);
                return 0;
            default:
                {
                    if (!(x > 0x1p-1000 && x < 0x1p1000)
                            || !(Math.abs(y) < Double.POSITIVE_INFINITY)
                            || x == 1.0
                            || y == 0.0
                            || y == 1.0) {
                        return NONE;
                    }
                    DD z = logDD(x, new DD()).mul(y, 0);
                    if (!(Math.abs(z.hi) < 708)) {
                        return NONE;
                    }
                    return expDD(z.hi, z.lo, t);
                }
        }
    }
}
