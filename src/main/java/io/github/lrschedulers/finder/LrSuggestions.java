package io.github.lrschedulers.finder;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The suggestion rules of fastai's and Lightning's learning-rate finders, as pure functions of a
 * recorded curve: the rates {@code lrs} (increasing) and the (smoothed) losses {@code losses} of
 * the same length.
 *
 * <p>Each rule is transcribed from its source and returns the index of the row it picks (or empty
 * where the source returns no suggestion or fails); {@link LrFinderResult} turns the indices into
 * {@link LrSuggestion}s. The sources hold the curve as float32 tensors; these functions apply the
 * same rules to the doubles, so they can differ from the sources only where two values of the rule
 * are equal in float32 and not in double.
 *
 * <ul>
 *   <li>{@link #steepest}: Lightning 2.6's {@code _LRFinder.suggestion} ({@code
 *       pytorch_lightning/tuner/lr_finder.py}).
 *   <li>{@link #valley}, {@link #slide}, {@link #minimum}, {@link #steep}: fastai 2.7's functions
 *       of the same names ({@code fastai/callback/schedule.py}), applied, as {@code
 *       Learner.lr_find} does, to the window {@link #fastaiWindow}.
 * </ul>
 */
public final class LrSuggestions {

    /** Lightning's default of {@code skip_begin}. */
    public static final int LIGHTNING_SKIP_BEGIN = 10;

    /** Lightning's default of {@code skip_end}. */
    public static final int LIGHTNING_SKIP_END = 1;

    /** fastai's default of slide's {@code lr_diff}. */
    public static final int SLIDE_LR_DIFF = 15;

    /** fastai's default of slide's {@code thresh}. */
    public static final double SLIDE_THRESH = 0.005;

    /** fastai's default of slide's {@code adjust_value}. */
    public static final double SLIDE_ADJUST_VALUE = 1.0;

    private LrSuggestions() {}

    /**
     * Lightning's steepest descent: the row where the loss falls fastest with the rate.
     *
     * <p>Rule ({@code _LRFinder.suggestion(skip_begin=10, skip_end=1)}): take the rows {@code
     * [skip_begin : -skip_end]} (Python's slice: with {@code skip_end = 0} it is empty), drop those
     * whose loss is not finite, and if fewer than 2 remain there is no suggestion. Else the
     * gradient of the loss with respect to the rate, {@code torch.gradient(losses, spacing=[lrs])}:
     * second-order central differences on the non-uniform rates inside, {@code (f[1] - f[0]) /
     * (x[1] - x[0])} and its mirror at the ends. The suggestion is the row of the first smallest
     * (most negative) gradient.
     *
     * @param lrs the rates, increasing
     * @param losses the losses, one per rate
     * @param skipBegin rows skipped at the start; Lightning's default {@value
     *     #LIGHTNING_SKIP_BEGIN}
     * @param skipEnd rows skipped at the end; Lightning's default {@value #LIGHTNING_SKIP_END}
     * @return the index of the row, or empty if fewer than 2 finite rows remain
     * @throws IllegalArgumentException if the arrays differ in length or a skip is negative
     */
    public static OptionalInt steepest(double[] lrs, double[] losses, int skipBegin, int skipEnd) {
        int n = sameLength(lrs, losses);
        if (skipBegin < 0 || skipEnd < 0) {
            throw new IllegalArgumentException(
                    "skipBegin and skipEnd must be >= 0, but were " + skipBegin + ", " + skipEnd);
        }
        int begin = Math.min(skipBegin, n);
        int end = skipEnd == 0 ? 0 : Math.max(0, n - skipEnd);
        int[] rows = new int[Math.max(0, end - begin)];
        int m = 0;
        for (int i = begin; i < end; i++) {
            if (Double.isFinite(losses[i])) {
                rows[m++] = i;
            }
        }
        if (m < 2) {
            return OptionalInt.empty();
        }
        double[] x = new double[m];
        double[] f = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = lrs[rows[i]];
            f[i] = losses[rows[i]];
        }
        double[] g = gradient(f, x);
        return OptionalInt.of(rows[argmin(g, 0, m)]);
    }

    /**
     * fastai's {@code valley}: a point two thirds into the longest valley.
     *
     * <p>Rule: {@code lds[i]} is the length of the longest strictly decreasing run of losses (not
     * necessarily adjacent) ending at row {@code i}, computed for {@code i = 1..n-1} over {@code j
     * < i}; inside that double loop, whenever {@code lds[max_end] < lds[i]}, {@code max_end = i}
     * and {@code max_start = max_end - lds[max_end]}. With {@code sections = (max_end - max_start)
     * / 3}, the suggestion is row {@code max_start + int(sections) + int(sections / 2)} (an index
     * of -1 is Python's last row).
     *
     * @param losses the losses
     * @return the index of the row, or empty if there are no losses
     */
    public static OptionalInt valley(double[] losses) {
        int n = losses.length;
        if (n == 0) {
            return OptionalInt.empty();
        }
        int maxStart = 0;
        int maxEnd = 0;
        int[] lds = new int[n];
        Arrays.fill(lds, 1);
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (losses[i] < losses[j] && lds[i] < lds[j] + 1) {
                    lds[i] = lds[j] + 1;
                }
                if (lds[maxEnd] < lds[i]) {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }
        double sections = (maxEnd - maxStart) / 3.0;
        int idx = maxStart + (int) sections + (int) (sections / 2);
        return OptionalInt.of(idx < 0 ? idx + n : idx);
    }

    /**
     * fastai's {@code slide}: slides an interval of {@code lr_diff} rows down from the end until
     * the gradients at its two ends agree within {@code thresh}.
     *
     * <p>Rule: {@code g = np.gradient(losses)} (unit spacing: central differences inside, one-sided
     * at the ends). Start with {@code r = n - 1}, {@code l = r - lr_diff} and the candidate row
     * {@code l}; while {@code l >= 0} and {@code |g[r] - g[l]| > thresh}, the candidate becomes row
     * {@code l} and both move down by one. The suggestion is the candidate's rate times {@code
     * adjust_value}. fastai fails (an index error) when there are not {@code lr_diff + 1} rows.
     *
     * @param losses the losses
     * @param lrDiff the interval in rows; fastai's default {@value #SLIDE_LR_DIFF}
     * @param thresh the largest gradient difference accepted; fastai's default {@value
     *     #SLIDE_THRESH}
     * @return the index of the candidate row, or empty if there are fewer than {@code lrDiff + 1}
     *     rows
     * @throws IllegalArgumentException if {@code lrDiff < 1}
     */
    public static OptionalInt slide(double[] losses, int lrDiff, double thresh) {
        if (lrDiff < 1) {
            throw new IllegalArgumentException("lrDiff must be >= 1, but was " + lrDiff);
        }
        int n = losses.length;
        if (n < lrDiff + 1 || n < 2) {
            return OptionalInt.empty();
        }
        double[] g = unitGradient(losses);
        int r = n - 1;
        int l = r - lrDiff;
        int candidate = l;
        while (l >= 0 && Math.abs(g[r] - g[l]) > thresh) {
            candidate = l;
            r--;
            l--;
        }
        return OptionalInt.of(candidate);
    }

    /**
     * fastai's {@code minimum}: the row of the smallest loss; the suggested rate is a tenth of its
     * rate.
     *
     * <p>Rule: {@code lrs[losses.argmin()] / 10} (the first smallest loss).
     *
     * @param losses the losses
     * @return the index of the row of the smallest loss, or empty if there are no losses
     */
    public static OptionalInt minimum(double[] losses) {
        if (losses.length == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(argmin(losses, 0, losses.length));
    }

    /**
     * fastai's {@code steep}: the row where the loss falls fastest with the logarithm of the rate.
     *
     * <p>Rule: {@code grads[i] = (losses[i + 1] - losses[i]) / (log(lrs[i + 1]) - log(lrs[i]))} for
     * {@code i = 0..n-2}; the suggestion is row {@code grads.argmin()} (the first smallest), the
     * left end of the steepest segment.
     *
     * @param lrs the rates, increasing and positive
     * @param losses the losses, one per rate
     * @return the index of the row, or empty if there are fewer than 2 rows
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static OptionalInt steep(double[] lrs, double[] losses) {
        int n = sameLength(lrs, losses);
        if (n < 2) {
            return OptionalInt.empty();
        }
        double[] grads = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            grads[i] = (losses[i + 1] - losses[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
        }
        return OptionalInt.of(argmin(grads, 0, n - 1));
    }

    /**
     * The rows fastai's {@code Learner.lr_find} passes to its suggestion functions: {@code [num_it
     * // 10 : -5]} of the recorded rows, cut before the first loss that is NaN (here: not finite;
     * this finder stops at the first such loss, so the two agree on its curves).
     *
     * @param losses the recorded (smoothed) losses
     * @param numIterations the number of iterations asked for, fastai's {@code num_it}
     * @return {@code {begin, end}}: the window is rows {@code begin} (inclusive) to {@code end}
     *     (exclusive), empty if {@code begin >= end}
     */
    public static int[] fastaiWindow(double[] losses, int numIterations) {
        int n = losses.length;
        int begin = Math.min(numIterations / 10, n);
        int end = Math.max(0, n - 5);
        for (int i = begin; i < end; i++) {
            if (!Double.isFinite(losses[i])) {
                end = i;
                break;
            }
        }
        return new int[] {begin, Math.max(begin, end)};
    }

    /**
     * numpy's and torch's gradient on non-uniform coordinates, edge order 1: at the ends {@code
     * (f[1] - f[0]) / (x[1] - x[0])} and {@code (f[n-1] - f[n-2]) / (x[n-1] - x[n-2])}; inside,
     * with {@code a = x[i] - x[i-1]} and {@code b = x[i+1] - x[i]}, {@code -b / (a (a + b)) f[i-1]
     * + (b - a) / (a b) f[i] + a / (b (a + b)) f[i+1]}.
     */
    static double[] gradient(double[] f, double[] x) {
        int n = f.length;
        double[] g = new double[n];
        g[0] = (f[1] - f[0]) / (x[1] - x[0]);
        g[n - 1] = (f[n - 1] - f[n - 2]) / (x[n - 1] - x[n - 2]);
        for (int i = 1; i < n - 1; i++) {
            double dx1 = x[i] - x[i - 1];
            double dx2 = x[i + 1] - x[i];
            double a = -dx2 / (dx1 * (dx1 + dx2));
            double b = (dx2 - dx1) / (dx1 * dx2);
            double c = dx1 / (dx2 * (dx1 + dx2));
            g[i] = a * f[i - 1] + b * f[i] + c * f[i + 1];
        }
        return g;
    }

    /** numpy's gradient with unit spacing, edge order 1. */
    static double[] unitGradient(double[] f) {
        int n = f.length;
        double[] g = new double[n];
        g[0] = f[1] - f[0];
        g[n - 1] = f[n - 1] - f[n - 2];
        for (int i = 1; i < n - 1; i++) {
            g[i] = (f[i + 1] - f[i - 1]) / 2.0;
        }
        return g;
    }

    /** The index of the first smallest value, NaN counting as smallest (as torch's argmin). */
    static int argmin(double[] v, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (Double.isNaN(v[best])) {
                return best;
            }
            if (v[i] < v[best] || Double.isNaN(v[i])) {
                best = i;
            }
        }
        return best;
    }

    private static int sameLength(double[] lrs, double[] losses) {
        Objects.requireNonNull(lrs, "lrs");
        Objects.requireNonNull(losses, "losses");
        if (lrs.length != losses.length) {
            throw new IllegalArgumentException(
                    "lrs and losses must have the same length, but had "
                            + lrs.length
                            + " and "
                            + losses.length);
        }
        return lrs.length;
    }
}
