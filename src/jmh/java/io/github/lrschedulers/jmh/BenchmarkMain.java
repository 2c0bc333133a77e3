package io.github.lrschedulers.jmh;

import io.github.lrschedulers.LrTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jol.info.GraphLayout;

/**
 * Runs every benchmark in one go and prints the tables with the targets.
 *
 * <pre>
 * mvn -B -Pjmh -DskipTests package &amp;&amp; java -jar target/benchmarks.jar [--quick] [--heap]
 * </pre>
 *
 * <ol>
 *   <li>Access pattern ({@link AccessPatternBenchmark}): ns per {@code getNewValue} call, 6
 *       parameters x 1 and 2 devices per update, updates in order, for every scheduler and DJL
 *       0.35.1's trackers of the same shape (ratios). Target: at most 3 ns per call, at least 5x
 *       faster than DJL.
 *   <li>Random access ({@link RandomAccessBenchmark}, single shot): the first call at update 10^8
 *       on a fresh tracker. Schedules whose probe at 10^6 projects more than 5 s at 10^8 are
 *       measured at 10^6 and 10^7 only, and the slope is reported. Target: at most 10 us.
 *   <li>Retained heap per tracker (JOL's graph size of the tracker, its schedule included) at
 *       updates 1, 10^4 and 10^6. Target: at most 1 KiB, not growing with the horizon.
 * </ol>
 *
 * <p>{@code --quick}: 2 warmup and 3 measured iterations of 0.5 s (about 6 minutes on 2 cores);
 * the default is 3 x 1 s and 5 x 1 s. {@code --heap}: only the retained-heap table.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("DJL_OFFLINE", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // JOL cannot read the offsets of a lambda's (hidden class's) fields otherwise.
        System.setProperty("jol.magicFieldOffset", "true");
        boolean heapOnly = List.of(args).contains("--heap");
        boolean quick = List.of(args).contains("--quick");
        TimeValue time = quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1);
        int warmups = quick ? 2 : 3;
        int measurements = quick ? 3 : 5;
        StringBuilder report = new StringBuilder();
        report.append(machine());

        if (!heapOnly) {
            jmh(report, warmups, measurements, time);
        }
        heap(report);
        System.out.println();
        System.out.println(report);
        Path out = Path.of("target", "benchmark-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static void jmh(StringBuilder report, int warmups, int measurements, TimeValue time)
            throws Exception {
        // 1. Access pattern.
        List<String> kinds = new ArrayList<>(Shapes.SPECS.keySet());
        kinds.addAll(Shapes.DJL_TWIN.keySet());
        Collection<RunResult> access =
                new Runner(
                                base(warmups, measurements, time)
                                        .include(AccessPatternBenchmark.class.getName())
                                        .param("kind", kinds.toArray(new String[0]))
                                        .build())
                        .run();
        Map<String, double[]> ns = new LinkedHashMap<>();
        for (RunResult r : access) {
            String kind = r.getParams().getParam("kind");
            int d = r.getParams().getBenchmark().endsWith("oneDevice") ? 0 : 1;
            ns.computeIfAbsent(kind, k -> new double[2])[d] = r.getPrimaryResult().getScore();
        }
        report.append("\n## Access pattern: ns per getNewValue call (P=6, updates in order)\n\n");
        report.append("| tracker | D=1 | D=2 | <= 3 ns |\n|---|---|---|---|\n");
        for (String k : Shapes.SPECS.keySet()) {
            double[] v = ns.get(k);
            report.append(
                    String.format(
                            "| %s | %.2f | %.2f | %s |%n",
                            k, v[0], v[1], Math.max(v[0], v[1]) <= 3 ? "yes" : "NO"));
        }
        report.append("\n| DJL tracker | D=1 | D=2 | ours (same shape) | D=1 ratio | D=2 ratio"
                + " | >= 5x |\n|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, String> e : Shapes.DJL_TWIN.entrySet()) {
            double[] djl = ns.get(e.getKey());
            double[] ours = ns.get(e.getValue());
            double r1 = djl[0] / ours[0];
            double r2 = djl[1] / ours[1];
            report.append(
                    String.format(
                            "| %s | %.2f | %.2f | %s | %.1fx | %.1fx | %s |%n",
                            e.getKey(),
                            djl[0],
                            djl[1],
                            e.getValue(),
                            r1,
                            r2,
                            Math.min(r1, r2) >= 5 ? "yes" : "NO"));
        }

        // 2. Random access.
        report.append("\n## Random access: first call on a fresh tracker (single shot, us)\n\n");
        report.append("| schedule | probe 10^6 (us) | 10^6 | 10^7 | 10^8 | ns/step slope | <= 10 us"
                + " at 10^8 |\n|---|---|---|---|---|---|---|\n");
        for (String k : Shapes.SPECS.keySet()) {
            if (k.equals("ReduceLROnPlateau")) {
                report.append(
                        "| ReduceLROnPlateau | - | - | - | - | - | n/a: needs a reported metric"
                                + " per step (8 B each) |\n");
                continue;
            }
            double probe = probeMicros(k, 1_000_000);
            boolean far = probe * 100 <= 5e6;
            List<String> updates = new ArrayList<>(List.of("1000000", "10000000"));
            if (far) {
                updates.add("100000000");
            }
            Collection<RunResult> rr =
                    new Runner(
                                    new OptionsBuilder()
                                            .include(RandomAccessBenchmark.class.getName())
                                            .param("kind", k)
                                            .param("update", updates.toArray(new String[0]))
                                            .warmupIterations(far ? 3 : 1)
                                            .measurementIterations(far ? 5 : 2)
                                            .forks(1)
                                            .jvmArgsAppend(
                                                    "-DDJL_OFFLINE=true", "-DOPT_OUT_TRACKING=true")
                                            .build())
                            .run();
            Map<String, Double> us = new LinkedHashMap<>();
            for (RunResult r : rr) {
                us.put(r.getParams().getParam("update"), r.getPrimaryResult().getScore());
            }
            double u6 = us.get("1000000");
            double u7 = us.get("10000000");
            Double u8 = us.get("100000000");
            double slope = (u7 - u6) * 1000 / 9_000_000; // ns per step between 10^6 and 10^7
            report.append(
                    String.format(
                            "| %s | %.1f | %.1f | %.1f | %s | %.3f | %s |%n",
                            k,
                            probe,
                            u6,
                            u7,
                            u8 == null ? "not run (projected " + fmt(probe * 100) + " us)"
                                    : fmt(u8),
                            slope,
                            u8 != null && u8 <= 10 ? "yes" : "NO"));
        }

        System.out.println(report);
    }

    private static void heap(StringBuilder report) {
        // 3. Retained heap per tracker.
        report.append("\n## Retained heap per tracker (JOL graph size, bytes)\n\n");
        report.append("| schedule | at update 1 | 10^4 | 10^6 | <= 1 KiB, flat |\n|---|---|---|---|---|\n");
        for (String k : Shapes.SPECS.keySet()) {
            long[] size = new long[3];
            int[] at = {1, 10_000, 1_000_000};
            for (int i = 0; i < at.length; i++) {
                LrTracker t = LrTracker.of(Shapes.schedule(k), 0.1);
                if (t.usesMetrics()) {
                    for (int m = 0; m < at[i]; m++) {
                        t.reportMetric(1.0 / (1 + m));
                    }
                }
                t.getNewValue("w0", at[i]);
                size[i] = GraphLayout.parseInstance(t).totalSize();
            }
            boolean ok = size[2] <= 1024 && size[2] == size[0];
            report.append(
                    String.format(
                            "| %s | %d | %d | %d | %s |%n",
                            k,
                            size[0],
                            size[1],
                            size[2],
                            ok ? "yes" : (size[2] == size[0] ? "flat, NO (> 1 KiB)" : "NO")));
        }
        report.append("\nThe plateau's reported metrics (8 B per epoch) are part of its size.\n");
    }

    private static ChainedOptionsBuilder base(int warmups, int measurements, TimeValue time) {
        return new OptionsBuilder()
                .warmupIterations(warmups)
                .warmupTime(time)
                .measurementIterations(measurements)
                .measurementTime(time)
                .forks(1)
                .jvmArgsAppend("-DDJL_OFFLINE=true", "-DOPT_OUT_TRACKING=true");
    }

    /** The first call at an update on fresh trackers, best of three, in this JVM. */
    private static double probeMicros(String kind, int update) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            LrTracker t = LrTracker.of(Shapes.schedule(kind), 0.1);
            long t0 = System.nanoTime();
            t.getNewValue("w0", update);
            best = Math.min(best, (System.nanoTime() - t0) / 1e3);
        }
        return best;
    }

    private static String fmt(double us) {
        return String.format("%.1f", us);
    }

    private static String machine() throws Exception {
        String cpu = "?";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                cpu = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        return String.format(
                "# lr-schedulers benchmark%n%nmachine: %d cores (nproc), CPU %s; JDK %s (%s)%n",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }
}
