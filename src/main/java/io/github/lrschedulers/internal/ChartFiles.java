package io.github.lrschedulers.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;

/**
 * Writes an XChart chart as PNG and SVG files, each whole or not at all ({@link OutputFiles}).
 *
 * <p>XChart is an optional dependency: only code that has checked it is on the classpath may load
 * this class.
 */
public final class ChartFiles {

    private ChartFiles() {}

    /**
     * Writes the chart's files.
     *
     * @param chart the chart
     * @param png the PNG file, or {@code null} for none
     * @param svg the SVG file, or {@code null} for none
     * @throws IOException if a file cannot be written; the previous file, if any, is kept
     */
    public static void save(XYChart chart, Path png, Path svg) throws IOException {
        if (png != null) {
            OutputFiles.write(
                    png,
                    out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        }
        if (svg != null) {
            OutputFiles.write(
                    svg,
                    out ->
                            VectorGraphicsEncoder.saveVectorGraphic(
                                    chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        }
    }
}
