package io.github.lrschedulers.listener;

import io.github.lrschedulers.internal.ChartFiles;
import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws an {@link LrPlot.Chart} with XChart. The only class of this library that refers to XChart:
 * {@link LrPlot} loads it only once it has found XChart on the classpath.
 */
final class XChartPlot {

    private XChartPlot() {}

    /** Writes the chart's PNG and SVG files, each whole or not at all. */
    static void write(LrPlot.Chart c, Path png, Path svg) throws IOException {
        XYChart chart =
                new XYChartBuilder()
                        .width(LrPlot.WIDTH)
                        .height(LrPlot.HEIGHT)
                        .title(c.title())
                        .xAxisTitle(c.xTitle())
                        .yAxisTitle("learning rate")
                        .build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        // Ticks at round epochs or updates from 0, not at the first update's fraction of an epoch.
        styler.setXAxisMin(0.0);
        styler.setXAxisDecimalPattern("#,##0.##");
        for (LrPlot.Series s : c.rates()) {
            XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
            series.setMarker(
                    s.x().length <= LrPlot.MAX_MARKED_POINTS
                            ? SeriesMarkers.CIRCLE
                            : SeriesMarkers.NONE);
            series.setLineWidth(2f);
        }
        for (LrPlot.Series s : c.losses()) {
            XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
            series.setYAxisGroup(1);
            series.setMarker(SeriesMarkers.DIAMOND);
            series.setLineStyle(
                    new BasicStroke(
                            1.5f,
                            BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_ROUND,
                            10f,
                            new float[] {6f, 4f},
                            0f));
        }
        if (!c.losses().isEmpty()) {
            chart.setYAxisGroupTitle(1, "loss");
        }
        ChartFiles.save(chart, png, svg);
    }
}
