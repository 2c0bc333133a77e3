package io.github.lrschedulers.jmh;

import io.github.lrschedulers.LrTracker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jol.info.GraphLayout;

/**
 * Runs the benchmarks and prints their tables, also written to {@code target/benchmark-report.md};
 * src/jmh/README.md explains them and the targets.
 *
 * <pre>
 * mvn -B -Pjmh -DskipTests package &amp;&amp; java -jar target/benchmarks.jar [--quick] [--access | --heap | --repr | --math] [--torch PYTHON]
 * </pre>
 *
 * <ol>
 *   <li>Cost per training step ({@link AccessPatternBenchmark}): DJL's optimizer asks for the rate
 *       of each of 6 parameters on 1 or 2 devices per update, updates in order. Per update and per
 *       call, in CPU time and in wall time, for every scheduler, against DJL 0.35.1's trackers of
 *       the same shape measured in the same run, and with {@code --torch} against PyTorch's {@code
 *       scheduler.step()} timed right after by {@code src/jmh/python/torch_step_cost.py} on the
 *       same schedules. On a machine shared with other jobs, compare CPU times: wall times also
 *       count the time other processes held the core, which changes from minute to minute.
 *   <li>Random access ({@link RandomAccessBenchmark}, single shot): the first call at update 10^8
 *       on a fresh tracker. Schedules whose probe at 10^6 projects more than 5 s at 10^8 are
 *       measured at 10^6 and 10^7 only, and the slope is reported.
 *   <li>Memory: retained heap per tracker (JOL's graph size of the tracker, its schedule included)
 *       at updates 1, 10^4 and 10^6, and what grows: ReduceLROnPlateau's reported metrics and the
 *       epoch ends of a tracker stepped at epoch ends.
 *   <li>Python float repr ({@link PyReprBenchmark}): ns per value of {@code lr-curve}'s printing,
 *       the Schubfach {@code PyRepr} against the former BigDecimal search in the same run.
 *   <li>Correctly rounded math ({@link CrMathBenchmark}): ns per call of CrMath's cos, sin, exp,
 *       log and pow (fast path with the accurate fallback), of their accurate paths alone, of
 *       {@link Math} and of {@link StrictMath}, in one run.
 * </ol>
 *
 * <p>Options: {@code --quick}: 2 warmup and 3 measured iterations of 0.5 s (the default is 3 x 1 s
 * and 5 x 1 s); {@code --access}: only the cost per training step (5 to 9 minutes with {@code
 * --quick} on a shared 2-core machine); {@code --heap}: only the memory tables; {@code --repr}:
 * only the float repr table (about 1 minute with {@code --quick}); {@code --math}: only the
 * correctly rounded math table (about a minute with {@code --quick}); {@code --torch PYTHON}: also
 * time PyTorch's {@code scheduler.step()} with that Python (run from the repository root).
 */
public final class BenchmarkMain {

    /** Parameters per update in the access pattern. */
    private static final int PARAMETERS = 6;

    /** The script that times PyTorch's {@code scheduler.step()}, from the repository root. */
    private static final Path TORCH_SCRIPT = Path.of("src", "jmh", "python", "torch_step_cost.py");

    private BenchmarkMain() {}

    /**
     * Runs the benchmarks.
     *
     * @param args the options, see the class documentation
     * @throws Exception if a benchmark or the PyTorch script fails
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("DJL_OFFLINE", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // JOL cannot read the offsets of a lambda's (hidden class's) fields otherwise.
        System.setProperty("jol.magicFieldOffset", "true");
        boolean quick = false;
        boolean accessOnly = false;
        boolean heapOnly = false;
        boolean reprOnly = false;
        boolean mathOnly = false;
        String python = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick":
                    quick = true;
                    break;
                case "--access":
                    accessOnly = true;
                    break;
                case "--heap":
                    heapOnly = true;
                    break;
                case "--repr":
                    reprOnly = true;
                    break;
                case "--math":
                    mathOnly = true;
                    break;
                case "--torch":
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(
                                "--torch must be followed by a Python with torch, but was last");
                    }
                    python = args[++i];
                    break;
                default:
                    throw new IllegalArgumentException(
                            "option must be one of --quick, --access, --heap, --repr, --math,"
                                    + " --torch PYTHON, but was "
                                    + args[i]);
            }
        }
        if ((accessOnly ? 1 : 0) + (heapOnly ? 1 : 0) + (reprOnly ? 1 : 0) + (mathOnly ? 1 : 0)
                > 1) {
            throw new IllegalArgumentException(
                    "at most one of --access, --heap, --repr and --math must be given");
        }
        if (python != null && (heapOnly || reprOnly || mathOnly)) {
            throw new IllegalArgumentException(
                    "--torch must not be given with --heap, --repr or --math");
        }
        if (python != null && !Files.isRegularFile(TORCH_SCRIPT)) {
            throw new IllegalArgumentException(
                    "--torch needs " + TORCH_SCRIPT + ": run from the repository root");
        }
        TimeValue time = quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1);
        int warmups = quick ? 2 : 3;
        int measurements = quick ? 3 : 5;
        StringBuilder report = new StringBuilder();
        report.append(machine(args));

        boolean all = !accessOnly && !heapOnly && !reprOnly && !mathOnly;
        if (all || accessOnly) {
            access(report, warmups, measurements, time, python);
            System.out.println(report);
        }
        if (all) {
            randomAccess(report);
            System.out.println(report);
        }
        if (all || mathOnly) {
            math(report, warmups, measurements, time);
            System.out.println(report);
        }
        if (all || heapOnly) {
            heap(report);
        }
        if (all || reprOnly) {
            repr(report, warmups, measurements, time);
        }
        System.out.println();
        System.out.println(report);
        Path out = Path.of("target", "benchmark-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static void access(
            StringBuilder report, int warmups, int measurements, TimeValue time, String python)
            throws Exception {
        List<String> kinds = new ArrayList<>(Shapes.SPECS.keySet());
        kinds.addAll(Shapes.DJL_TWIN.keySet());
        Collection<RunResult> results =
                new Runner(
                                base(warmups, measurements, time)
                                        .include(AccessPatternBenchmark.class.getName())
                                        .param("kind", kinds.toArray(new String[0]))
                                        .build())
                        .run();
        // wall: ns per getNewValue call, [D=1, D=2]; cpu: CPU ns per update, D=1
        Map<String, double[]> ns = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (RunResult r : results) {
            String kind = r.getParams().getParam("kind");
            String benchmark = r.getParams().getBenchmark();
            if (benchmark.endsWith("cpuTime")) {
                double nanos = r.getSecondaryResults().get("cpuNanos").getScore();
                double updates = r.getSecondaryResults().get("updates").getScore();
                cpu.put(kind, nanos / updates);
            } else {
                int d = benchmark.endsWith("oneDevice") ? 0 : 1;
                ns.computeIfAbsent(kind, k -> new double[2])[d] = r.getPrimaryResult().getScore();
            }
        }
        // PyTorch: us per scheduler.step(), [wall median, wall min, CPU median]
        Map<String, double[]> torch = new LinkedHashMap<>();
        String torchVersion = python == null ? null : torch(python, torch);
        Map<String, String> twinOf = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : Shapes.DJL_TWIN.entrySet()) {
            twinOf.put(e.getValue(), e.getKey());
        }

        report.append("\n## Cost per training step (CPU time)\n\n");
        report.append(
                "CPU ns per optimizer update for 6 parameters on 1 device (all 6 getNewValue calls"
                        + " of the update, updates in order), the thread's CPU time in batches of "
                        + AccessPatternBenchmark.BATCH
                        + " updates");
        if (torchVersion != null) {
            report.append(
                    "; PyTorch: CPU us per scheduler.step() with 6 parameters in one group ("
                            + torchVersion
                            + "), median of 7 rounds of 20,000 steps, timed after the JMH runs");
        }
        report.append(". DJL 0.35.1's tracker of the same shape in the same run.\n\n");
        report.append("| scheduler | ns/update |");
        if (torchVersion != null) {
            report.append(" PyTorch us/step | PyTorch / ours |");
        }
        report.append(" DJL tracker | DJL ns/update | ours / DJL |\n|---|---|");
        report.append(torchVersion != null ? "---|---|" : "");
        report.append("---|---|---|\n");
        for (String k : Shapes.SPECS.keySet()) {
            double ours = cpu.get(k);
            report.append(String.format(Locale.ROOT, "| %s | %.0f |", k, ours));
            if (torchVersion != null) {
                double t = torch.get(k)[2];
                report.append(String.format(Locale.ROOT, " %.2f | %.0fx |", t, t * 1000 / ours));
            }
            String twin = twinOf.get(k);
            if (twin == null) {
                report.append(" - | - | - |\n");
            } else {
                double djl = cpu.get(twin);
                report.append(
                        String.format(
                                Locale.ROOT, " %s | %.0f | %.1fx |%n", twin, djl, ours / djl));
            }
        }

        report.append("\n## Cost per training step (wall time, JMH)\n\n");
        report.append(
                "ns per optimizer update for 6 parameters, all of that update's getNewValue calls"
                        + " together (6 on 1 device, 12 on 2)");
        if (torchVersion != null) {
            report.append("; PyTorch: wall us per scheduler.step(), median and least of 7 rounds");
        }
        report.append(".\n\n| scheduler | ns/update, 1 device | ns/update, 2 devices |");
        report.append(torchVersion != null ? " PyTorch us/step | least |" : "");
        report.append("\n|---|---|---|");
        report.append(torchVersion != null ? "---|---|" : "");
        report.append('\n');
        for (String k : Shapes.SPECS.keySet()) {
            double[] v = ns.get(k);
            report.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.1f | %.1f |",
                            k,
                            v[0] * PARAMETERS,
                            v[1] * 2 * PARAMETERS));
            if (torchVersion != null) {
                double[] t = torch.get(k);
                report.append(String.format(Locale.ROOT, " %.2f | %.2f |", t[0], t[1]));
            }
            report.append('\n');
        }
        report.append(
                "\n| DJL 0.35.1 tracker | ns/update, 1 device | 2 devices | ours (same shape) |"
                        + " ns/update, 1 device | 2 devices |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<String, String> e : Shapes.DJL_TWIN.entrySet()) {
            double[] djl = ns.get(e.getKey());
            double[] ours = ns.get(e.getValue());
            report.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.1f | %.1f | %s | %.1f | %.1f |%n",
                            e.getKey(),
                            djl[0] * PARAMETERS,
                            djl[1] * 2 * PARAMETERS,
                            e.getValue(),
                            ours[0] * PARAMETERS,
                            ours[1] * 2 * PARAMETERS));
        }

        report.append("\n## Targets on the access pattern (wall time, JMH)\n\n");
        report.append(
                "Issue 5: <= 3 ns per getNewValue call (1 and 2 devices). Issue 10: <= 40 ns per"
                        + " update on 1 device (PolynomialLR <= 100 ns).\n\n");
        report.append(
                "| scheduler | ns/call, 1 device | ns/call, 2 devices | <= 3 ns/call | ns/update,"
                        + " 1 device | CPU ns/update | issue 10 target |\n"
                        + "|---|---|---|---|---|---|---|\n");
        for (String k : Shapes.SPECS.keySet()) {
            double[] v = ns.get(k);
            double perUpdate = v[0] * PARAMETERS;
            double target = k.equals("PolynomialLR") ? 100 : 40;
            report.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.2f | %.2f | %s | %.1f | %.0f | %s (<= %.0f) |%n",
                            k,
                            v[0],
                            v[1],
                            Math.max(v[0], v[1]) <= 3 ? "yes" : "NO",
                            perUpdate,
                            cpu.get(k),
                            perUpdate <= target ? "yes" : "NO",
                            target));
        }
        report.append(
                "\n"
                    + "Issue 5: >= 5x faster than DJL's tracker of the same shape. Issue 10: <= 4x"
                    + " DJL's cost per update.\n\n");
        report.append(
                "| DJL tracker | ns/call, D=1 | D=2 | ours (same shape) | DJL / ours, D=1 | D=2 |"
                        + " >= 5x faster | <= 4x DJL |\n"
                        + "|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, String> e : Shapes.DJL_TWIN.entrySet()) {
            double[] djl = ns.get(e.getKey());
            double[] ours = ns.get(e.getValue());
            double r1 = djl[0] / ours[0];
            double r2 = djl[1] / ours[1];
            report.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.2f | %.2f | %s | %.2fx | %.2fx | %s | %s |%n",
                            e.getKey(),
                            djl[0],
                            djl[1],
                            e.getValue(),
                            r1,
                            r2,
                            Math.min(r1, r2) >= 5 ? "yes" : "NO",
                            Math.max(1 / r1, 1 / r2) <= 4 ? "yes" : "NO"));
        }
    }

    /**
     * Times PyTorch's {@code scheduler.step()} on the benchmark's schedules.
     *
     * @return the script's first line (versions), without its {@code #}
     */
    private static String torch(String python, Map<String, double[]> us)
            throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(python, TORCH_SCRIPT.toString(), "--specs", "-")
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : Shapes.SPECS.entrySet()) {
                in.write(e.getKey() + "\t" + e.getValue() + "\n");
            }
        }
        String versions = "";
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println("torch_step_cost: " + line);
                if (line.startsWith("#")) {
                    versions = line.substring(1).trim().replaceFirst(";.*", "");
                } else {
                    String[] f = line.split("\t");
                    us.put(
                            f[0],
                            new double[] {
                                Double.parseDouble(f[1]),
                                Double.parseDouble(f[2]),
                                Double.parseDouble(f[3])
                            });
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || !us.keySet().containsAll(Shapes.SPECS.keySet())) {
            throw new IOException(
                    TORCH_SCRIPT
                            + " must time every schedule and exit with 0, but exited with "
                            + exit
                            + " after "
                            + us.keySet());
        }
        return versions;
    }

    /** Targets of issue 10 for CrMath's functions, ns per call (0: none). */
    private static final Map<String, Double> MATH_TARGET = Map.of("cos", 40.0, "pow", 80.0);

    private static void math(StringBuilder report, int warmups, int measurements, TimeValue time)
            throws Exception {
        Collection<RunResult> results =
                new Runner(
                                base(warmups, measurements, time)
                                        .include(CrMathBenchmark.class.getName())
                                        .build())
                        .run();
        Map<String, Double> ns = new LinkedHashMap<>();
        for (RunResult r : results) {
            String b = r.getParams().getBenchmark();
            ns.put(b.substring(b.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        report.append("\n## Correctly rounded math (ns per call)\n\n");
        report.append(
                "CrMath: fast path with the accurate fallback; accurate: the double-double path"
                        + " alone; "
                        + CrMathBenchmark.N
                        + " arguments per function (cos, sin in [-10, 10], exp in [-50, 50], log in"
                        + " [1e-5, 10], pow: base in [0.5, 1), exponent in [0.5, 3]). Targets"
                        + " (issue 10): cos <= 40 ns, pow <= 80 ns.\n\n");
        report.append(
                "| function | CrMath | accurate | accurate / CrMath | Math | StrictMath | target |"
                        + "\n|---|---|---|---|---|---|---|\n");
        for (String f : List.of("cos", "sin", "exp", "log", "pow")) {
            double fast = ns.get(f + "Fast");
            double accurate = ns.get(f + "Accurate");
            Double target = MATH_TARGET.get(f);
            report.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.1f | %.1f | %.1fx | %.1f | %.1f | %s |%n",
                            f,
                            fast,
                            accurate,
                            accurate / fast,
                            ns.get(f + "Math"),
                            ns.get(f + "Strict"),
                            target == null
                                    ? "-"
                                    : String.format(
                                            Locale.ROOT,
                                            "<= %.0f: %s",
                                            target,
                                            fast <= target ? "yes" : "NO")));
        }
    }

    private static void randomAccess(StringBuilder report) throws Exception {
        report.append("\n## Random access: first call on a fresh tracker (single shot, us)\n\n");
        report.append(
                "Target (issue 5): <= 10 us at update 10^8.\n\n| schedule | probe 10^6 (us) | 10^6"
                        + " | 10^7 | 10^8 | ns/step slope | <= 10 us at 10^8 |\n"
                        + "|---|---|---|---|---|---|---|\n");
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
                            Locale.ROOT,
                            "| %s | %.1f | %.1f | %.1f | %s | %.3f | %s |%n",
                            k,
                            probe,
                            u6,
                            u7,
                            u8 == null
                                    ? "not run (projected " + fmt(probe * 100) + " us)"
                                    : fmt(u8),
                            slope,
                            u8 != null && u8 <= 10 ? "yes" : "NO"));
        }
    }

    private static void heap(StringBuilder report) {
        report.append("\n## Retained heap per tracker (JOL graph size, bytes)\n\n");
        report.append(
                "Target (issue 5): <= 1 KiB, not growing with the horizon. ReduceLROnPlateau has"
                        + " a metric reported per update here.\n\n");
        report.append(
                "| schedule | at update 1 | 10^4 | 10^6 | <= 1 KiB, flat |\n"
                        + "|---|---|---|---|---|\n");
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
                            Locale.ROOT,
                            "| %s | %d | %d | %d | %s |%n",
                            k,
                            size[0],
                            size[1],
                            size[2],
                            ok ? "yes" : (size[2] == size[0] ? "flat, NO (> 1 KiB)" : "NO")));
        }

        report.append("\n## What grows\n\n");
        report.append(
                "| tracker | what it keeps | after 0 | 1,000 | 10,000 | bytes per item at"
                        + " 10,000 |\n|---|---|---|---|---|---|\n");
        long[] plateau = new long[3];
        long[] epochs = new long[3];
        int[] counts = {0, 1_000, 10_000};
        for (int i = 0; i < counts.length; i++) {
            LrTracker p = LrTracker.of(Shapes.schedule("ReduceLROnPlateau"), 0.1);
            LrTracker e =
                    LrTracker.builder()
                            .setSchedule(Shapes.schedule("StepLR"))
                            .optBaseLr(0.1)
                            .optStepAtEpochEnds()
                            .build();
            for (int m = 0; m < counts[i]; m++) {
                p.reportMetric(1.0 / (1 + m));
                e.epochEnded((m + 1) * 100);
            }
            p.getNewValue("w0", 1);
            e.getNewValue("w0", 1);
            plateau[i] = GraphLayout.parseInstance(p).totalSize();
            epochs[i] = GraphLayout.parseInstance(e).totalSize();
        }
        growth(report, "ReduceLROnPlateau", "one double per reported metric", plateau, counts);
        growth(report, "StepLR at epoch ends", "one int per epoch end", epochs, counts);
        report.append(
                "\nThe metrics' array doubles as it fills, so a plateau tracker holds 8 to 16 B per"
                        + " reported metric.\n");
    }

    private static void repr(StringBuilder report, int warmups, int measurements, TimeValue time)
            throws Exception {
        Collection<RunResult> results =
                new Runner(
                                base(warmups, measurements, time)
                                        .include(PyReprBenchmark.class.getName())
                                        .build())
                        .run();
        // ns per value, [Schubfach median, mean, BigDecimal median, mean]
        Map<String, double[]> ns = new LinkedHashMap<>();
        for (RunResult r : results) {
            String values = r.getParams().getParam("values");
            int old = r.getParams().getBenchmark().endsWith("bigDecimal") ? 2 : 0;
            double[] v = ns.computeIfAbsent(values, k -> new double[4]);
            v[old] = r.getPrimaryResult().getStatistics().getPercentile(50);
            v[old + 1] = r.getPrimaryResult().getScore();
        }
        report.append("\n## Python float repr (lr-curve's printing)\n\n");
        report.append(
                "ns per value, "
                        + PyReprBenchmark.VALUES
                        + " values of a kind: lr = learning rates (0.1 0.95^n, cosine, warm-up),"
                        + " bits = random finite bit patterns, short = k / 10^n with k < 10^4."
                        + " Median of the measured iterations (robust to a shared machine's load"
                        + " spikes), mean in parentheses; the speed-up is the ratio of the medians."
                        + " Target (issue 10): >= 10x faster than the BigDecimal search.\n\n");
        report.append(
                "| values | BigDecimal search (before) | Schubfach PyRepr | speed-up | >= 10x |\n"
                        + "|---|---|---|---|---|\n");
        for (Map.Entry<String, double[]> e : ns.entrySet()) {
            double[] v = e.getValue();
            double ratio = v[2] / v[0];
            report.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.0f (%.0f) | %.1f (%.1f) | %.0fx | %s |%n",
                            e.getKey(),
                            v[2],
                            v[3],
                            v[0],
                            v[1],
                            ratio,
                            ratio >= 10 ? "yes" : "NO"));
        }
    }

    private static void growth(
            StringBuilder report, String name, String keeps, long[] size, int[] counts) {
        report.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %d | %d | %.1f |%n",
                        name,
                        keeps,
                        size[0],
                        size[1],
                        size[2],
                        (double) (size[2] - size[0]) / counts[2]));
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
        return String.format(Locale.ROOT, "%.1f", us);
    }

    private static String machine(String[] args) throws IOException {
        String cpu = "?";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                cpu = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        String load = "?";
        Path loadavg = Path.of("/proc/loadavg");
        if (Files.isReadable(loadavg)) {
            String[] f = Files.readString(loadavg).trim().split(" ");
            load = f[0] + " " + f[1] + " " + f[2];
        }
        return String.format(
                Locale.ROOT,
                "# lr-schedulers benchmark%n%n%s; `java -jar target/benchmarks.jar %s`%n%nmachine:"
                        + " %d cores (nproc), CPU %s; JDK %s (%s); load average at start %s%n",
                ZonedDateTime.now(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                String.join(" ", args),
                Runtime.getRuntime().availableProcessors(),
                cpu,
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                load);
    }
}
