package io.github.lrschedulers.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.listener.LrHistory;
import io.github.lrschedulers.listener.LrLoggingListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every discrete change of the rate in a sample run carries its reason, in the log line of its
 * update and in the CSV's {@code reason} column: {@link TrainFashionMnist} on the real
 * Fashion-MNIST with the real engine, a few batches, for each of the 16 PyTorch scheduler kinds and
 * a schedule of each other family. The updates of the discrete changes are read off the run's own
 * rates by the rule of the schedule's kind (a jump, a ramp's end, a turn of a cycle), as {@code
 * ReasonsGoldenTest} reads them off PyTorch's goldens; the reasons must be there and nowhere else.
 */
class ReasonsInSampleRunsTest {

    private static final Pattern UPDATE_LINE =
            Pattern.compile("Update (\\d+): lr .*?(?: because (.*))?$", Pattern.MULTILINE);

    @TempDir Path out;

    /** How a kind's discrete changes show in its rates. */
    enum Rule {
        /** No discrete events: a lambda or an exponential. */
        NONE,
        /** Every change of the rate is an event: a step, a milestone, a plateau. */
        JUMPS,
        /** The last change of a ramp before the rate stays: a warmup's or a decay's end. */
        RAMP_ENDS,
        /** The far end of an annealing: {@code eta_min} at each bottom. */
        BOTTOMS,
        /** A turn back into the first motion: a new cycle of CyclicLR. */
        CYCLE_STARTS,
        /** A move against the first motion: a warm restart. */
        REVERSALS,
        /** OneCycleLR's one phase change: at the peak or the update after it. */
        PEAK
    }

    static Stream<Arguments> runs() {
        String[] update = {"--step-unit", "update", "--epochs", "1", "--max-batches", "12"};
        String[] epochs = {"--epochs", "4", "--max-batches", "2"};
        return Stream.of(
                run("LambdaLR(lr_lambda=lambda e: 0.9 ** e)", Rule.NONE, update),
                run("MultiplicativeLR(lr_lambda=lambda e: 0.9)", Rule.NONE, update),
                run("StepLR(step_size=3, gamma=0.5)", Rule.JUMPS, update),
                run("MultiStepLR(milestones=[2, 5], gamma=0.5)", Rule.JUMPS, update),
                run("ConstantLR(factor=0.5, total_iters=4)", Rule.JUMPS, update),
                run("LinearLR(start_factor=0.25, total_iters=4)", Rule.RAMP_ENDS, update),
                run("ExponentialLR(gamma=0.9)", Rule.NONE, update),
                run(
                        "SequentialLR(schedulers=[ConstantLR(factor=0.5, total_iters=2),"
                                + " StepLR(step_size=3, gamma=0.5)], milestones=[4])",
                        Rule.JUMPS,
                        update),
                run("CosineAnnealingLR(T_max=4, eta_min=0.01)", Rule.BOTTOMS, update),
                run(
                        "ChainedScheduler(schedulers=[StepLR(step_size=3, gamma=0.5),"
                                + " MultiStepLR(milestones=[5], gamma=0.5)])",
                        Rule.JUMPS,
                        update),
                // mode 'max' on a loss with a threshold of 50 %: no epoch improves, so every
                // epoch after the first reduces the rate.
                run(
                        "ReduceLROnPlateau(mode='max', factor=0.5, patience=0, threshold=0.5)",
                        Rule.JUMPS,
                        epochs),
                run(
                        "CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=2)",
                        Rule.CYCLE_STARTS,
                        update),
                run("OneCycleLR(max_lr=0.1, total_steps=12)", Rule.PEAK, update),
                run("CosineAnnealingWarmRestarts(T_0=4)", Rule.REVERSALS, update),
                run("PolynomialLR(total_iters=4, power=2.0)", Rule.RAMP_ENDS, update),
                run("SWALR(swa_lr=0.01, anneal_epochs=3)", Rule.RAMP_ENDS, update),
                run(
                        "keras.optimizers.schedules.ExponentialDecay(0.1, 3, 0.5,"
                                + " staircase=True)",
                        Rule.JUMPS,
                        update),
                run(
                        "tf.compat.v1.train.piecewise_constant([2, 4], [0.1, 0.01, 0.001])",
                        Rule.JUMPS,
                        update),
                run(
                        "transformers.get_constant_schedule_with_warmup(num_warmup_steps=4)",
                        Rule.RAMP_ENDS,
                        update),
                run(
                        "mindspore.nn.piecewise_constant_lr([3, 6, 13], [0.1, 0.05, 0.01])",
                        Rule.JUMPS,
                        update),
                run(
                        "timm.scheduler.StepLRScheduler(decay_t=3, decay_rate=0.5,"
                                + " t_in_epochs=False)",
                        Rule.JUMPS,
                        update),
                run(
                        "optax.piecewise_constant_schedule(0.1, {3: 0.5, 7: 0.5})",
                        Rule.JUMPS,
                        update));
    }

    private static Arguments run(String schedule, Rule rule, String... args) {
        return Arguments.of(schedule, rule, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void everyDiscreteChangeIsLoggedAndInTheCsvWithItsReason(
            String schedule, Rule rule, String[] args) throws Exception {
        String[] common = {
            "--data-dir",
            SampleTestData.FASHION_DATA_DIR.toString(),
            "--output-dir",
            out.toString(),
            "--batch-size",
            "32",
            "--log-every",
            "1",
            "--plot",
            "--schedule",
            schedule
        };
        String[] all = Stream.concat(Stream.of(common), Stream.of(args)).toArray(String[]::new);
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SampleRun run;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            run = TrainFashionMnist.run(all);
        } finally {
            System.setErr(err);
        }
        String lines = log.toString(StandardCharsets.UTF_8);

        // The CSV: one row per update (with --log-every 1), its reasons those of the update.
        List<LrHistory.Row> rows =
                TrainFashionMnistTest.updateRows(
                        LrHistory.readCsv(out.resolve(LrLoggingListener.CSV_FILE)));
        assertEquals(run.history().rows(), rows, "the CSV holds the run's history");
        int updates = run.tracker().getLatestUpdate();
        assertEquals(updates, rows.size(), "a row per update");
        double[] r = new double[updates];
        for (int i = 0; i < updates; i++) {
            assertEquals(i + 1, rows.get(i).update());
            r[i] = rows.get(i).lr(0);
        }

        // The log: a line per update, with "because" and the CSV's reason where it has one.
        Map<Integer, String> logged = new HashMap<>();
        Matcher m = UPDATE_LINE.matcher(lines);
        while (m.find()) {
            logged.put(Integer.parseInt(m.group(1)), m.group(2) == null ? "" : m.group(2).strip());
        }
        for (LrHistory.Row row : rows) {
            assertTrue(logged.containsKey(row.update()), "update " + row.update() + " logged");
            assertEquals(
                    row.reason(),
                    logged.get(row.update()),
                    "update " + row.update() + ": the log line's reason is the CSV's");
        }

        // A reason only where the rate changed, and exactly at the discrete changes.
        Set<Integer> reasons = new TreeSet<>();
        for (int i = 0; i < updates; i++) {
            if (!rows.get(i).reason().isEmpty()) {
                assertTrue(i > 0, "no reason at the first update");
                assertNotEquals(r[i - 1], r[i], "update " + (i + 1) + ": a reason, no change");
                reasons.add(i);
            }
        }
        Set<Integer> events = events(rule, r);
        if (rule == Rule.PEAK) {
            assertEquals(1, reasons.size(), "one phase change: " + reasons);
            int peak = events.iterator().next();
            int at = reasons.iterator().next();
            assertTrue(at == peak || at == peak + 1, "the phase change " + at + " at " + peak);
            return;
        }
        if (rule != Rule.NONE) {
            assertFalse(events.isEmpty(), "the run has discrete changes: " + lines);
        }
        if (rule != Rule.JUMPS && rule != Rule.NONE) {
            reasons.remove(updates - 1); // the last update's rule needs the update after it
        }
        assertEquals(events, reasons, "the updates (from 0) of the discrete changes");
    }

    private static int sign(double d) {
        return d > 0 ? 1 : d < 0 ? -1 : 0;
    }

    /** The direction of the first motion of the rate, 0 if it never moves. */
    private static int firstMotion(double[] r) {
        for (int s = 1; s < r.length; s++) {
            if (r[s] != r[s - 1]) {
                return sign(r[s] - r[s - 1]);
            }
        }
        return 0;
    }

    /** The updates (from 0) of a run's discrete changes, by a kind's rule, read off its rates. */
    private static Set<Integer> events(Rule rule, double[] r) {
        Set<Integer> out = new TreeSet<>();
        int d = firstMotion(r);
        int peak = 0;
        for (int s = 1; s < r.length; s++) {
            boolean inner = s < r.length - 1;
            int now = sign(r[s] - r[s - 1]);
            int next = inner ? sign(r[s + 1] - r[s]) : 0;
            boolean event =
                    switch (rule) {
                        case NONE, PEAK -> false;
                        case JUMPS -> now != 0;
                        case RAMP_ENDS -> inner && now != 0 && next == 0;
                        case BOTTOMS -> inner && d != 0 && now == d && next == -d;
                        case CYCLE_STARTS -> inner && d != 0 && now == -d && next == d;
                        case REVERSALS -> d != 0 && now == -d;
                    };
            if (event) {
                out.add(s);
            }
            if (r[s] > r[peak]) {
                peak = s;
            }
        }
        return rule == Rule.PEAK ? Set.of(peak) : out;
    }
}
