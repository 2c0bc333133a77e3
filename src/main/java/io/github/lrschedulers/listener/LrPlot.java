package io.github.lrschedulers.listener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Plots an {@link LrHistory} as PNG and SVG with XChart: the learning rate of each group (left
 * axis) and the train and validation loss of each epoch (right axis), over epochs.
 *
 * <p>XChart is an optional dependency of this library: add {@value #XCHART_DEPENDENCY} to plot.
 * Without it, {@link #write(LrHistory, Path, Path, String)} fails with a message naming that
 * dependency, and everything else (logging, the history, its CSV) works as usual.
 *
 * <p>The rate line draws every update the history holds ({@link LrHistory#getUpdateRates(int)}),
 * or, for a history without them (one read from CSV), its rows. A rate that is not finite is an
 * error naming the group, the update and the value; a plot file is written whole or not at all.
 */
public final class LrPlot {

    /** The Maven coordinates of the XChart version this library is built and tested with. */
    public static final String XCHART_DEPENDENCY = "org.knowm.xchart:xchart:3.8.8";

    /** The message of the error when XChart is missing. */
    static final String XCHART_MISSING =
            "plotting needs XChart, which is not on the classpath: add the dependency "
                    + XCHART_DEPENDENCY
                    + " (optional in djl-lr-schedulers)";

    /** The width of the PNG, in pixels. */
    static final int WIDTH = 800;

    /** The height of the PNG, in pixels. */
    static final int HEIGHT = 500;

    /** Series with at most this many points get a marker per point. */
    static final int MAX_MARKED_POINTS = 40;

    private LrPlot() {}

    /**
     * Returns whether XChart is on the classpath, so that plots can be written.
     *
     * @return {@code true} if XChart can be loaded
     */
    public static boolean isAvailable() {
        try {
            Class.forName("org.knowm.xchart.XYChart", false, LrPlot.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Plots a history as {@link #write(LrHistory, Path, Path, String)} does, titled "Learning rate
     * and loss".
     *
     * @param history the history
     * @param png the PNG file to write (800 x 500 pixels), or {@code null} for none
     * @param svg the SVG file to write, or {@code null} for none
     * @throws IOException if a file cannot be written
     * @throws IllegalStateException if the history is empty, or XChart is not on the classpath
     * @throws IllegalArgumentException if a rate to plot is not finite
     */
    public static void write(LrHistory history, Path png, Path svg) throws IOException {
        write(history, png, svg, "Learning rate and loss");
    }

    /**
     * Plots a history as one chart with two y axes: the learning rate of each group (left axis, a
     * line over every update) and the train and validation loss of each epoch (right axis, dots
     * joined by lines), over epochs. An update's position on the x axis is {@code epoch - 1 +} the
     * fraction of its epoch's updates done; the updates per epoch come from the rows' epochs, and
     * without them the x axis is the update number.
     *
     * <p>Each file is written into a temporary file and moved into place when complete. Works
     * without a display: sets {@code java.awt.headless=true} unless that property is already set.
     *
     * @param history the history
     * @param png the PNG file to write (800 x 500 pixels), or {@code null} for none
     * @param svg the SVG file to write, or {@code null} for none
     * @param title the chart's title
     * @throws IOException if a file cannot be written
     * @throws IllegalStateException if the history is empty, or XChart is not on the classpath
     * @throws IllegalArgumentException if a rate to plot is not finite
     */
    public static void write(LrHistory history, Path png, Path svg, String title)
            throws IOException {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(title, "title");
        if (!isAvailable()) {
            throw new IllegalStateException(XCHART_MISSING);
        }
        Chart chart = chart(history, title);
        if (png == null && svg == null) {
            return;
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XChartPlot.write(chart, png, svg);
    }

    /**
     * What to draw, without XChart's types.
     *
     * @param title the chart's title
     * @param xTitle the x axis's title
     * @param rates the rate line of each group
     * @param losses the loss series (right axis)
     */
    record Chart(String title, String xTitle, List<Series> rates, List<Series> losses) {}

    /**
     * One series.
     *
     * @param name the legend's name
     * @param x the x values
     * @param y the y values
     */
    record Series(String name, double[] x, double[] y) {}

    /**
     * Computes the series of a history.
     *
     * @throws IllegalStateException if the history is empty
     * @throws IllegalArgumentException if a rate is not finite
     */
    static Chart chart(LrHistory history, String title) {
        List<LrHistory.Row> rows = history.rows();
        int updates = history.getUpdateCount();
        if (rows.isEmpty() && updates == 0) {
            throw new IllegalStateException("nothing to plot: the history is empty");
        }
        // Each epoch's last update: the largest update recorded in it.
        TreeMap<Integer, Integer> epochEnd = new TreeMap<>();
        for (LrHistory.Row r : rows) {
            epochEnd.merge(r.epoch(), r.update(), Math::max);
        }
        double updatesPerEpoch = Double.NaN;
        if (epochEnd.size() >= 2) {
            updatesPerEpoch =
                    (double) (epochEnd.lastEntry().getValue() - epochEnd.firstEntry().getValue())
                            / (epochEnd.lastKey() - epochEnd.firstKey());
        } else if (epochEnd.size() == 1 && epochEnd.firstKey() > 0) {
            updatesPerEpoch = (double) epochEnd.firstEntry().getValue() / epochEnd.firstKey();
        }
        boolean byEpoch = updatesPerEpoch > 0;
        int refEpoch = byEpoch ? epochEnd.lastKey() : 0;
        int refUpdate = byEpoch ? epochEnd.lastEntry().getValue() : 0;

        int n = updates > 0 ? updates : rows.size();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            int u = updates > 0 ? i + 1 : rows.get(i).update();
            x[i] = byEpoch ? refEpoch + (u - refUpdate) / updatesPerEpoch : u;
        }
        int groups = history.getGroups();
        List<Series> rates = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            double[] y = new double[n];
            float[] perUpdate = updates > 0 ? history.getUpdateRates(g) : null;
            for (int i = 0; i < n; i++) {
                y[i] = perUpdate != null ? perUpdate[i] : rows.get(i).lr(g);
                if (!Double.isFinite(y[i])) {
                    int u = perUpdate != null ? i + 1 : rows.get(i).update();
                    throw new IllegalArgumentException(
                            "cannot plot: the learning rate of group "
                                    + g
                                    + " at update "
                                    + u
                                    + " is "
                                    + (Double.isNaN(y[i]) ? "nan" : y[i] > 0 ? "inf" : "-inf")
                                    + "; a plot needs finite rates");
                }
            }
            rates.add(new Series(groups == 1 ? "lr" : "lr group " + g, x, y));
        }
        List<Series> losses = new ArrayList<>();
        addLoss(losses, rows, "train loss", true, byEpoch);
        addLoss(losses, rows, "validate loss", false, byEpoch);
        return new Chart(title, byEpoch ? "epoch" : "update", rates, losses);
    }

    private static void addLoss(
            List<Series> losses,
            List<LrHistory.Row> rows,
            String name,
            boolean train,
            boolean byEpoch) {
        List<double[]> points = new ArrayList<>();
        for (LrHistory.Row r : rows) {
            double v = train ? r.trainLoss() : r.validateLoss();
            if (Double.isFinite(v)) {
                points.add(new double[] {byEpoch ? r.epoch() : r.update(), v});
            }
        }
        if (points.isEmpty()) {
            return;
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        losses.add(new Series(name, x, y));
    }
}
