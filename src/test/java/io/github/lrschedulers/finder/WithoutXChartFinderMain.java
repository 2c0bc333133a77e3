package io.github.lrschedulers.finder;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a range test's CSV and asks for its plot in a JVM whose classpath lacks XChart, and prints
 * what it finds, one {@code key=value} line each, for {@code WithoutXChartFinderTest}. Not a test
 * itself: that test starts it in a separate JVM.
 */
public final class WithoutXChartFinderMain {

    private WithoutXChartFinderMain() {}

    /**
     * Runs the checks.
     *
     * @param args the output directory
     * @throws Exception if a file cannot be written
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        try {
            Class.forName("org.knowm.xchart.XYChart");
            System.out.println("xchart=present");
        } catch (ClassNotFoundException e) {
            System.out.println("xchart=absent");
        }
        int n = 40;
        double[] lrs = new double[n];
        double[] losses = new double[n];
        for (int i = 0; i < n; i++) {
            lrs[i] = 1e-5 * Math.pow(10, i / 8.0);
            losses[i] = 2 - Math.sin(i / 12.0);
        }
        LrFinderResult result = LrFinderResult.of(lrs, losses, losses, n);
        System.out.println("suggestions=" + result.getSuggestions().size());
        result.writeCsv(dir.resolve("lr-find.csv"));
        System.out.println("csv=" + Files.readAllLines(dir.resolve("lr-find.csv")).size());
        try {
            result.writePlot(dir.resolve("lr-find.png"), dir.resolve("lr-find.svg"));
            System.out.println("plot=written");
        } catch (IllegalStateException e) {
            System.out.println("plot=" + e.getMessage());
        }
        System.out.println("png=" + Files.exists(dir.resolve("lr-find.png")));
    }
}
