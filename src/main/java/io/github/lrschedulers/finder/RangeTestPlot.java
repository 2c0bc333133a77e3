package io.github.lrschedulers.finder;

import io.github.lrschedulers.internal.ChartFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a range test with XChart. The only class of this package that refers to XChart: {@link
 * LrFinderResult#writePlot} loads it only once it has found XChart on the classpath.
 */
final class RangeTestPlot {

    private RangeTestPlot() {}

    /** Writes the PNG and SVG files, each whole or not at all. */
    static void write(double[] lrs, double[] smoothed, List<LrSuggestion> marks, Path png, Path svg)
            throws IOException {
        XYChart chart = chart(lrs, smoothed, marks);
        ChartFiles.save(chart, png, svg);
    }

    /** The chart: the smoothed loss over a logarithmic rate axis, a marker per suggestion. */
    static XYChart chart(double[] lrs, double[] smoothed, List<LrSuggestion> marks) {
        XYChart chart =
                new XYChartBuilder()
                        .width(800)
                        .height(500)
                        .title("Learning-rate range test")
                        .xAxisTitle("learning rate (log scale)")
                        .yAxisTitle("smoothed training loss")
                        .build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0.0E0");
        XYSeries curve = chart.addSeries("smoothed loss", lrs, smoothed);
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineWidth(2f);
        for (LrSuggestion s : marks) {
            if (!Double.isFinite(s.getMarkedLoss())) {
                continue;
            }
            XYSeries point =
                    chart.addSeries(
                            String.format(
                                    Locale.ROOT, "%s %.2e", s.getMethod().getLabel(), s.getLr()),
                            new double[] {s.getMarkedLr()},
                            new double[] {s.getMarkedLoss()});
            point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            point.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }
}
