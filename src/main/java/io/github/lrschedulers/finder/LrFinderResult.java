package io.github.lrschedulers.finder;

import io.github.lrschedulers.internal.OutputFiles;
import io.github.lrschedulers.internal.PyRepr;
import io.github.lrschedulers.listener.LrPlot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The curve of a learning-rate range test, one row per update: the rate of parameter group 0, the
 * training loss of the batch and the smoothed loss; with the suggestions of every rule of {@link
 * LrSuggestion.Method}.
 *
 * <p>Lightning's steepest descent is computed on all rows with its skips; fastai's rules on the
 * rows {@link LrSuggestions#fastaiWindow fastai's lr_find} passes them. A rule that has too few
 * rows gives no suggestion ({@link #getSuggestion} is empty, {@link #getSuggestions} leaves it
 * out).
 */
public final class LrFinderResult {

    /** Why the test ended. */
    public enum Stop {
        /** Every update asked for was done. */
        COMPLETED,
        /** The smoothed loss exceeded the divergence threshold times the best one. */
        DIVERGED,
        /** A loss was not finite. */
        NOT_FINITE,
        /** The data ran out: an epoch yielded no batch. */
        DATA_EXHAUSTED
    }

    /** The CSV header. */
    static final String CSV_HEADER = "lr,loss,smoothed_loss";

    private final double[] lrs;
    private final double[] losses;
    private final double[] smoothed;
    private final int numIterations;
    private final Stop stop;
    private final Map<LrSuggestion.Method, LrSuggestion> suggestions;

    LrFinderResult(double[] lrs, double[] losses, double[] smoothed, int numIterations, Stop stop) {
        if (lrs.length != losses.length || lrs.length != smoothed.length) {
            throw new IllegalArgumentException(
                    "lrs, losses and smoothed losses must have the same length, but had "
                            + lrs.length
                            + ", "
                            + losses.length
                            + " and "
                            + smoothed.length);
        }
        this.lrs = lrs.clone();
        this.losses = losses.clone();
        this.smoothed = smoothed.clone();
        this.numIterations = numIterations;
        this.stop = Objects.requireNonNull(stop, "stop");
        this.suggestions =
                Collections.unmodifiableMap(suggest(this.lrs, this.smoothed, numIterations));
    }

    /**
     * Returns a result of a recorded curve, with its suggestions: for curves recorded elsewhere,
     * and to see what each rule makes of a curve.
     *
     * @param lrs the rate of each row, positive and increasing
     * @param losses the training loss of each row
     * @param smoothedLosses the smoothed loss of each row, which the rules read
     * @param numIterations the number of updates the test asked for (fastai's window depends on it)
     * @return the result, {@link Stop#COMPLETED}
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static LrFinderResult of(
            double[] lrs, double[] losses, double[] smoothedLosses, int numIterations) {
        return new LrFinderResult(lrs, losses, smoothedLosses, numIterations, Stop.COMPLETED);
    }

    private static Map<LrSuggestion.Method, LrSuggestion> suggest(
            double[] lrs, double[] smoothed, int numIterations) {
        Map<LrSuggestion.Method, LrSuggestion> map = new EnumMap<>(LrSuggestion.Method.class);
        OptionalInt steepest =
                LrSuggestions.steepest(
                        lrs,
                        smoothed,
                        LrSuggestions.LIGHTNING_SKIP_BEGIN,
                        LrSuggestions.LIGHTNING_SKIP_END);
        put(map, LrSuggestion.Method.STEEPEST, steepest, 0, lrs, smoothed);
        int[] w = LrSuggestions.fastaiWindow(smoothed, numIterations);
        double[] wl = Arrays.copyOfRange(lrs, w[0], w[1]);
        double[] ws = Arrays.copyOfRange(smoothed, w[0], w[1]);
        put(map, LrSuggestion.Method.VALLEY, LrSuggestions.valley(ws), w[0], lrs, smoothed);
        OptionalInt slide =
                LrSuggestions.slide(ws, LrSuggestions.SLIDE_LR_DIFF, LrSuggestions.SLIDE_THRESH);
        if (slide.isPresent()) {
            int i = slide.getAsInt();
            double lr = wl[i] * LrSuggestions.SLIDE_ADJUST_VALUE;
            map.put(
                    LrSuggestion.Method.SLIDE,
                    new LrSuggestion(
                            LrSuggestion.Method.SLIDE, lr, w[0] + i, lr, interpLog10(lr, wl, ws)));
        }
        put(map, LrSuggestion.Method.MINIMUM, LrSuggestions.minimum(ws), w[0], lrs, smoothed);
        put(map, LrSuggestion.Method.STEEP, LrSuggestions.steep(wl, ws), w[0], lrs, smoothed);
        return map;
    }

    private static void put(
            Map<LrSuggestion.Method, LrSuggestion> map,
            LrSuggestion.Method method,
            OptionalInt index,
            int offset,
            double[] lrs,
            double[] smoothed) {
        if (index.isPresent()) {
            int i = offset + index.getAsInt();
            double lr = method == LrSuggestion.Method.MINIMUM ? lrs[i] / 10 : lrs[i];
            map.put(method, new LrSuggestion(method, lr, i, lrs[i], smoothed[i]));
        }
    }

    /**
     * numpy's {@code interp(log10(x), log10(xp), fp)}: where fastai's slide marks its suggestion.
     */
    static double interpLog10(double x, double[] xp, double[] fp) {
        double lx = Math.log10(x);
        int n = xp.length;
        if (lx <= Math.log10(xp[0])) {
            return fp[0];
        }
        if (lx >= Math.log10(xp[n - 1])) {
            return fp[n - 1];
        }
        for (int j = 0; j < n - 1; j++) {
            double a = Math.log10(xp[j]);
            double b = Math.log10(xp[j + 1]);
            if (lx == a) {
                return fp[j];
            }
            if (lx > a && lx < b) {
                return fp[j] + (lx - a) * (fp[j + 1] - fp[j]) / (b - a);
            }
        }
        return fp[n - 1];
    }

    /**
     * Returns the number of rows: the updates done.
     *
     * @return the number of rows
     */
    public int size() {
        return lrs.length;
    }

    /**
     * Returns the rate of group 0 at each row.
     *
     * @return a copy of the rates
     */
    public double[] getLrs() {
        return lrs.clone();
    }

    /**
     * Returns the training loss of each row's batch.
     *
     * @return a copy of the losses
     */
    public double[] getLosses() {
        return losses.clone();
    }

    /**
     * Returns the smoothed loss of each row.
     *
     * @return a copy of the smoothed losses
     */
    public double[] getSmoothedLosses() {
        return smoothed.clone();
    }

    /**
     * Returns the number of updates the test asked for.
     *
     * @return the number of iterations
     */
    public int getNumIterations() {
        return numIterations;
    }

    /**
     * Returns why the test ended.
     *
     * @return the reason
     */
    public Stop getStop() {
        return stop;
    }

    /**
     * Returns the suggestion of one rule.
     *
     * @param method the rule
     * @return its suggestion, or empty if the curve has too few rows for it
     */
    public Optional<LrSuggestion> getSuggestion(LrSuggestion.Method method) {
        return Optional.ofNullable(suggestions.get(method));
    }

    /**
     * Returns the suggestions of every rule that made one, in the order of {@link
     * LrSuggestion.Method}.
     *
     * @return the suggestions
     */
    public List<LrSuggestion> getSuggestions() {
        return List.copyOf(new ArrayList<>(suggestions.values()));
    }

    /**
     * Writes the rows as CSV: a header {@code lr,loss,smoothed_loss}, then one line per row, each
     * number in Python's {@code repr} form (the shortest decimal that reads back to the double).
     * The file is written whole or not at all.
     *
     * @param file the CSV file
     * @throws IOException if the file cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        OutputFiles.write(
                file,
                out -> {
                    BufferedWriter w =
                            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                    w.write(CSV_HEADER);
                    w.write('\n');
                    for (int i = 0; i < lrs.length; i++) {
                        w.write(PyRepr.repr(lrs[i]));
                        w.write(',');
                        w.write(PyRepr.repr(losses[i]));
                        w.write(',');
                        w.write(PyRepr.repr(smoothed[i]));
                        w.write('\n');
                    }
                    w.flush();
                });
    }

    /**
     * Plots the smoothed loss over the rate, on a logarithmic rate axis, with each suggestion
     * marked at its point (fastai marks {@code minimum} at the minimum itself), as PNG and SVG with
     * XChart. Non-finite losses are left out. Each file is written whole or not at all. XChart is
     * an optional dependency: see {@link LrPlot}.
     *
     * @param png the PNG file (800 x 500 pixels), or {@code null} for none
     * @param svg the SVG file, or {@code null} for none
     * @throws IOException if a file cannot be written
     * @throws IllegalStateException if XChart is not on the classpath, or no loss is finite
     */
    public void writePlot(Path png, Path svg) throws IOException {
        if (!LrPlot.isAvailable()) {
            throw new IllegalStateException(XCHART_MISSING);
        }
        int rows = plottedRows(smoothed.length);
        int finite = 0;
        for (int i = 0; i < rows; i++) {
            if (Double.isFinite(smoothed[i])) {
                finite++;
            }
        }
        if (finite == 0) {
            throw new IllegalStateException(
                    "nothing to plot: the range test has no finite smoothed loss");
        }
        double[] x = new double[finite];
        double[] y = new double[finite];
        for (int i = 0, k = 0; i < rows; i++) {
            if (Double.isFinite(smoothed[i])) {
                x[k] = lrs[i];
                y[k++] = smoothed[i];
            }
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        RangeTestPlot.write(x, y, getSuggestions(), png, svg);
    }

    /**
     * The rows the plot draws: all but the last {@value #PLOT_SKIP_END} (fastai's {@code
     * plot_lr_find(skip_end=5)}, which keeps the diverging tail from flattening the curve), or all
     * if there are at most twice as many.
     */
    static int plottedRows(int n) {
        return n > 2 * PLOT_SKIP_END ? n - PLOT_SKIP_END : n;
    }

    /** The rows left out at the end of the plot, fastai's default. */
    static final int PLOT_SKIP_END = 5;

    /** The message when XChart is missing: the same as {@link LrPlot}'s. */
    static final String XCHART_MISSING =
            "plotting needs XChart, which is not on the classpath: add the dependency "
                    + LrPlot.XCHART_DEPENDENCY
                    + " (optional in djl-lr-schedulers)";

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "LrFinderResult{rows="
                + lrs.length
                + ", stop="
                + stop
                + ", suggestions="
                + getSuggestions()
                + "}";
    }
}
