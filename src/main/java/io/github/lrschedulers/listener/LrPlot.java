package io.github.lrschedulers.listener;

import io.github.lrschedulers.listener.LrHistory.Row;
import java.awt.BasicStroke;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plot of an {@link LrHistory}, drawn with XChart.
 *
 * <p>The only class that uses XChart, an optional dependency of the library: {@link LrHistory} and
 * {@link LrLoggingListener} load it only when asked to plot, so a project without XChart uses them
 * freely as long as it does not plot.
 */
final class LrPlot {

    private LrPlot() {}

    /** Writes the plot described in {@link LrHistory#writePlot(Path, Path, String)}. */
    static void write(List<Row> snapshot, int groups, Path png, Path svg, String title)
            throws IOException {
        XYChart chart = chart(snapshot, groups, title);
        if (png != null) {
            try (OutputStream out = Files.newOutputStream(png)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        }
        if (svg != null) {
            try (OutputStream out = Files.newOutputStream(svg)) {
                VectorGraphicsEncoder.saveVectorGraphic(
                        chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
        }
    }

    private static XYChart chart(List<Row> snapshot, int groups, String title) {
        XYChart chart =
                new XYChartBuilder()
                        .width(LrHistory.WIDTH)
                        .height(LrHistory.HEIGHT)
                        .title(title)
                        .yAxisTitle("learning rate")
                        .build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);

        // Each epoch's last update: the largest update recorded in it.
        TreeMap<Integer, Integer> epochEnd = new TreeMap<>();
        for (Row r : snapshot) {
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
        chart.setXAxisTitle(byEpoch ? "epoch" : "update");

        double[] x = new double[snapshot.size()];
        int refEpoch = byEpoch ? epochEnd.lastKey() : 0;
        int refUpdate = byEpoch ? epochEnd.lastEntry().getValue() : 0;
        for (int i = 0; i < x.length; i++) {
            int u = snapshot.get(i).update();
            x[i] = byEpoch ? refEpoch + (u - refUpdate) / updatesPerEpoch : u;
        }
        for (int g = 0; g < groups; g++) {
            double[] y = new double[snapshot.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = snapshot.get(i).lr()[g];
            }
            XYSeries s = chart.addSeries(groups == 1 ? "lr" : "lr group " + g, x, y);
            s.setMarker(x.length <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            s.setLineWidth(2f);
        }

        addMetric(chart, snapshot, "train loss", Row::trainLoss, byEpoch);
        addMetric(chart, snapshot, "validate loss", Row::validateLoss, byEpoch);
        if (chart.getSeriesMap().size() > groups) {
            chart.setYAxisGroupTitle(1, "loss");
        }
        return chart;
    }

    private static void addMetric(
            XYChart chart,
            List<Row> snapshot,
            String name,
            ToDoubleFunction<Row> metric,
            boolean byEpoch) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Row r : snapshot) {
            double v = metric.applyAsDouble(r);
            if (Double.isFinite(v)) {
                xs.add(byEpoch ? (double) r.epoch() : (double) r.update());
                ys.add(v);
            }
        }
        if (ys.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setYAxisGroup(1);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setLineStyle(
                new BasicStroke(
                        1.5f,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_ROUND,
                        10f,
                        new float[] {6f, 4f},
                        0f));
    }
}
