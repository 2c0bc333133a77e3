package io.github.lrschedulers.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plots of an {@link LrHistory}: real PNG and SVG files, whole or absent. */
class LrPlotTest {

    private static final double NAN = Double.NaN;

    @TempDir Path dir;

    private static LrHistory.Row row(int update, int epoch, double lr0, double lr1) {
        return new LrHistory.Row(
                update,
                epoch,
                new double[] {lr0, lr1},
                new double[] {0.9, NAN},
                NAN,
                NAN,
                NAN,
                NAN);
    }

    @Test
    void plotsLrOverEpochsAndLossPerEpoch() throws IOException {
        // A synthetic run of 4 epochs of 10 updates, two groups, an update row every 2 updates.
        LrHistory h = new LrHistory(2);
        for (int e = 1; e <= 4; e++) {
            for (int u = (e - 1) * 10 + 2; u <= e * 10; u += 2) {
                double lr = 0.1 * Math.cos(Math.PI * u / 80);
                h.add(row(u, e, lr, lr / 10));
            }
            double lr = 0.1 * Math.cos(Math.PI * e * 10 / 80);
            h.add(
                    new LrHistory.Row(
                            e * 10,
                            e,
                            new double[] {lr, lr / 10},
                            new double[] {0.9, 0.9},
                            2.0 / e,
                            2.2 / e,
                            0.2 * e,
                            0.18 * e));
        }
        Path out = Path.of("target", "lr-plot-test");
        Files.createDirectories(out);
        Path png = out.resolve("plot.png");
        Path svg = out.resolve("plot.svg");
        Files.deleteIfExists(png);
        Files.deleteIfExists(svg);
        LrPlot.write(h, png, svg);

        assertPlot(png, svg, 2, 2 * h.size());
    }

    @Test
    void emptyHistoryHasNothingToPlot() {
        LrHistory h = new LrHistory(1);
        Path png = dir.resolve("p.png");
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> LrPlot.write(h, png, null));
        assertEquals("nothing to plot: the history is empty", e.getMessage());
        assertTrue(Files.notExists(png));
    }

    @Test
    void writesOnlyTheFormatsAsked() throws IOException {
        LrHistory h = new LrHistory(2);
        h.add(row(1, 1, 0.1, 0.01));
        Path svg = dir.resolve("only.svg");
        LrPlot.write(h, null, svg);
        assertTrue(Files.size(svg) > 1000);
        assertTrue(Files.notExists(dir.resolve("only.png")));
    }

    /**
     * A short run: 12 updates, rows only at its 3 epoch ends. The rate line has a point per update,
     * not per row: a curve, not 3 dots.
     */
    @Test
    void plotsTheRateOfEveryUpdateNotOnlyTheRows() throws IOException {
        LrHistory h = new LrHistory(1);
        for (int u = 1; u <= 12; u++) {
            h.addUpdateRates(u, 0.1 * Math.cos(Math.PI * u / 24));
            if (u % 4 == 0) {
                double lr = 0.1 * Math.cos(Math.PI * u / 24);
                h.add(
                        new LrHistory.Row(
                                u,
                                u / 4,
                                new double[] {lr},
                                new double[] {NAN},
                                1.0 / u,
                                1.1 / u,
                                NAN,
                                NAN));
            }
        }
        Path png = dir.resolve("curve.png");
        Path svg = dir.resolve("curve.svg");
        LrPlot.write(h, png, svg);
        assertPlot(png, svg, 1, 12);

        LrPlot.Chart chart = LrPlot.chart(h, "t");
        assertEquals("epoch", chart.xTitle());
        double[] x = chart.rates().get(0).x();
        assertEquals(12, x.length);
        assertEquals(0.25, x[0]);
        assertEquals(3.0, x[11]);
        assertEquals(2, chart.losses().size());
    }

    /** A rate that is not finite: an error naming it, and no file, not even an empty one. */
    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void aRateThatIsNotFiniteIsAnErrorAndLeavesNoFile(double bad) throws IOException {
        LrHistory h = new LrHistory(2);
        h.addUpdateRates(1, 0.1, 0.01);
        h.addUpdateRates(2, 0.1, bad);
        h.addUpdateRates(3, 0.1, 0.01);
        Path png = dir.resolve("bad.png");
        Path svg = dir.resolve("bad.svg");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LrPlot.write(h, png, svg));
        String value = Double.isNaN(bad) ? "nan" : bad > 0 ? "inf" : "-inf";
        assertEquals(
                "cannot plot: the learning rate of group 1 at update 2 is "
                        + value
                        + "; a plot needs finite rates",
                e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }

        // The same from rows, as a history read from CSV has.
        LrHistory rows = new LrHistory(2);
        rows.add(row(4, 1, 0.1, 0.01));
        rows.add(row(8, 1, bad, 0.01));
        e = assertThrows(IllegalArgumentException.class, () -> LrPlot.write(rows, png, svg));
        assertEquals(
                "cannot plot: the learning rate of group 0 at update 8 is "
                        + value
                        + "; a plot needs finite rates",
                e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void namesTheXChartVersionOnTheClasspath() throws Exception {
        assertTrue(LrPlot.isAvailable());
        String jar =
                Class.forName("org.knowm.xchart.XYChart")
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath();
        String version = LrPlot.XCHART_DEPENDENCY.substring("org.knowm.xchart:xchart:".length());
        assertTrue(jar.endsWith("/xchart-" + version + ".jar"), jar);
    }

    /**
     * Checks that the plot files are real charts: the PNG decodes to the chart's size with many
     * non-background pixels, the SVG names the series.
     */
    static void assertPlot(Path png, Path svg, int groups, int lrPoints) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(LrPlot.WIDTH, image.getWidth());
        assertEquals(LrPlot.HEIGHT, image.getHeight());
        int background = image.getRGB(0, 0);
        int ink = 0;
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y);
                colors.add(c);
                if (c != background) {
                    ink++;
                }
            }
        }
        assertTrue(ink > 20_000, "only " + ink + " drawn pixels");
        assertTrue(colors.size() > 20, "only " + colors.size() + " colors");

        // VectorGraphics2D draws text as glyph outlines: count shapes, not words.
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains("viewBox=\"0 0 800 500\""), "not an 800 x 500 SVG");
        assertTrue(count(text, "<path") > 40, count(text, "<path") + " paths");
        // One circle per lr point and one per lr legend entry.
        assertEquals(lrPoints + groups, count(text, "<ellipse"), "lr markers");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
