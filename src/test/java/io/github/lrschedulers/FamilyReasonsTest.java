package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reasons of the other families' discrete schedules: a staircase decay or a piecewise constant
 * rate changes only where a reason says why, and every such change has one; read off the Keras and
 * TF goldens' rates. transformers' warmups end with a reason. On every golden of the six families
 * (Keras, TF 1.x and the Object Detection API, MindSpore, optax, transformers, timm): no reason
 * where the rate stays; a reason at every change of the schedules whose rate moves only by discrete
 * events; and, for the smooth schedules, reasons exactly at the events their arguments place (a
 * warmup's end, a restart, a phase's end), each where the golden's rate changes its motion.
 */
class FamilyReasonsTest {

    static Stream<ReadAtCounterGoldens.Case> cases() {
        return Stream.of("/golden/beyond/keras.jsonl", "/golden/beyond/tf1.jsonl")
                .flatMap(r -> ReadAtCounterGoldens.load(r).stream())
                .filter(c -> c.error() == null && c.gradAccum() == 1)
                .filter(
                        c ->
                                c.spec().contains("PiecewiseConstant")
                                        || c.spec().contains("piecewise_constant")
                                        || c.spec().contains("staircase=True")
                                                && (c.spec().contains("ExponentialDecay(")
                                                        || c.spec().contains("InverseTimeDecay(")
                                                        || c.spec()
                                                                .contains(
                                                                        "train.exponential_decay(")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reasonsExactlyWhereTheRateJumps(ReadAtCounterGoldens.Case c) {
        LrTracker t = LrTracker.builder().setSchedule(ScheduleSpec.parse(c.spec())).build();
        Set<Integer> jumps = new TreeSet<>();
        Set<Integer> reasons = new TreeSet<>();
        double[][] rows = c.expected();
        for (int k = 1; k < rows.length; k++) {
            if (Double.doubleToLongBits(rows[k][0]) != Double.doubleToLongBits(rows[k - 1][0])) {
                jumps.add(k + 1); // row k is update k + 1
            }
            if (!t.getReasons(0, k + 1).isEmpty()) {
                reasons.add(k + 1);
            }
        }
        assertEquals(jumps, reasons, c.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "transformers.get_linear_schedule_with_warmup(num_warmup_steps=5,"
                        + " num_training_steps=20)",
                "transformers.get_cosine_schedule_with_warmup(num_warmup_steps=5,"
                        + " num_training_steps=20)",
                "transformers.get_constant_schedule_with_warmup(num_warmup_steps=5)"
            })
    void transformersWarmupsEndWithAReason(String spec) {
        LrTracker t = LrTracker.of(ScheduleSpec.parse(spec), 0.1);
        for (int n = 2; n <= 20; n++) {
            List<LrReason> r = t.getReasons(0, n);
            // Update n is at step n - 1; the warmup ends at step num_warmup_steps.
            assertEquals(n == 6 ? 1 : 0, r.size(), spec + " update " + n + ": " + r);
        }
        assertEquals(LrReason.Kind.WARMUP_END, t.getReasons(0, 6).get(0).getKind());
    }

    @Test
    void optaxJoinSchedulesGivesItsBoundariesAndItsChildrensEvents() {
        long first = 3; // the first child's boundary
        long join = 5;
        long second = 2; // the second child's, from its own count 0
        LrTracker t =
                LrTracker.of(
                        ScheduleSpec.parse(
                                "optax.join_schedules(schedules=["
                                        + "optax.piecewise_constant_schedule(0.1, {"
                                        + first
                                        + ": 0.5}), optax.piecewise_constant_schedule(0.2, {"
                                        + second
                                        + ": 0.5})], boundaries=["
                                        + join
                                        + "])"),
                        0.1);
        // Update n reads count n - 1.
        Map<Long, String> expected =
                Map.of(
                        first + 1, "schedules[0]: boundary " + first + " reached",
                        join + 1, "boundary " + join + ": schedules[1] starts",
                        join + second + 1, "schedules[1]: boundary " + second + " reached");
        for (long n = 2; n <= join + second + 3; n++) {
            List<LrReason> r = t.getReasons(0, (int) n);
            if (expected.containsKey(n)) {
                assertEquals(1, r.size(), "update " + n + ": " + r);
                assertTrue(
                        r.get(0).getMessage().startsWith(expected.get(n)),
                        "update " + n + ": " + r);
            } else {
                assertEquals(List.of(), r, "update " + n);
            }
        }
    }

    /** One golden case of a family, as its file holds it. */
    record Golden(
            String spec,
            int steps,
            double[] lrs,
            int stepsPerEpoch,
            double[] metrics,
            double[][] expected) {
        @Override
        public String toString() {
            return spec + " x" + steps + " K=" + stepsPerEpoch + " lr=" + Arrays.toString(lrs);
        }

        /** The rates of a group, by update from 0. */
        double[] rates(int g) {
            double[] r = new double[expected.length];
            for (int k = 0; k < r.length; k++) {
                r[k] = expected[k][g];
            }
            return r;
        }
    }

    static Stream<Golden> goldens() {
        return Stream.of("keras", "tf1", "mindspore", "optax", "transformers", "timm")
                .flatMap(f -> readGoldens("/golden/beyond/" + f + ".jsonl").stream());
    }

    private static List<Golden> readGoldens(String resource) {
        List<Golden> out = new ArrayList<>();
        try (InputStream in =
                        Objects.requireNonNull(
                                FamilyReasonsTest.class.getResourceAsStream(resource), resource);
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                JsonObject exp = o.getAsJsonObject("expected");
                if (exp.has("error") || o.has("grad_accum")) {
                    continue;
                }
                JsonArray lr = exp.getAsJsonArray("lr");
                double[][] rows = new double[lr.size()][];
                for (int k = 0; k < rows.length; k++) {
                    JsonArray row = lr.get(k).getAsJsonArray();
                    rows[k] = new double[row.size()];
                    for (int g = 0; g < row.size(); g++) {
                        rows[k][g] = row.get(g).getAsDouble();
                    }
                }
                out.add(
                        new Golden(
                                o.get("spec").getAsString(),
                                o.get("steps").getAsInt(),
                                numbers(o.get("lr").getAsString()),
                                o.get("steps_per_epoch").getAsInt(),
                                numbers(o.get("metrics").getAsString()),
                                rows));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static double[] numbers(String csv) {
        if (csv.isBlank()) {
            return new double[0];
        }
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /**
     * Runs a golden as training runs it (the metric and the end of every epoch reported) and
     * returns the updates, from 0, at which a group's rate has reasons.
     */
    private static Set<Integer> reasonUpdates(Golden c, Schedule s, int group) {
        LrTracker tracker =
                LrTracker.builder().setSchedule(s).optBaseLrs(c.lrs()).optStepAtEpochEnds().build();
        Set<Integer> out = new TreeSet<>();
        int k = c.stepsPerEpoch();
        for (int n = 1; n <= c.steps(); n++) {
            double expected = c.expected()[n - 1][group];
            if (Double.isFinite(expected)) { // at most a double ulp or two from Python's pow
                assertEquals(
                        expected,
                        tracker.getLr(group, n),
                        Math.ulp(expected) * 2,
                        c + ": the golden's rate at update " + n);
            }
            List<LrReason> reasons = tracker.getReasons(group, n);
            if (!reasons.isEmpty()) {
                reasons.forEach(r -> assertFalse(r.getMessage().isBlank()));
                out.add(n - 1);
            }
            if (n % k == 0) {
                int e = n / k - 1;
                if (tracker.usesMetrics()) {
                    tracker.reportMetric(c.metrics()[Math.min(e, c.metrics().length - 1)]);
                }
                tracker.epochEnded(n);
            }
        }
        return out;
    }

    /** The updates, from 0, whose rate differs from the update before's (bit for bit). */
    static Set<Integer> changes(double[] r) {
        Set<Integer> out = new TreeSet<>();
        for (int k = 1; k < r.length; k++) {
            if (Double.doubleToLongBits(r[k]) != Double.doubleToLongBits(r[k - 1])) {
                out.add(k);
            }
        }
        return out;
    }

    private static int sign(double d) {
        return d > 0 ? 1 : d < 0 ? -1 : 0;
    }

    /**
     * Whether the rate changes its motion at update k: it moves to k, and the move differs in
     * direction from the move before (a jump back up, a ramp that starts) or after (a peak, a
     * ramp's end); a move to or from a value that is not finite counts as a change.
     */
    static boolean motionChanges(double[] r, int k) {
        if (!Double.isFinite(r[k]) || !Double.isFinite(r[k - 1])) {
            return true; // to or from NaN or an infinity: no motion to continue
        }
        int now = sign(r[k] - r[k - 1]);
        int before = k >= 2 ? sign(r[k - 1] - r[k - 2]) : now;
        int after = k + 1 < r.length ? sign(r[k + 1] - r[k]) : now;
        return now != 0 && (before != now || after != now);
    }

    /** Whether a value of the arguments is a number, and true or positive. */
    private static boolean on(Map<String, Object> a, String name) {
        Object v = a.get(name);
        return v instanceof Boolean b ? b : v instanceof Number n && n.doubleValue() > 0;
    }

    /** The spec's schedule name, e.g. {@code optax.sgdr_schedule}. */
    private static String kind(Golden c) {
        return c.spec().substring(0, c.spec().indexOf('('));
    }

    /**
     * Whether a schedule's rate moves only by discrete events: piecewise constants, staircases,
     * MindSpore's per-epoch lists, steps and milestones, a burn-in then a staircase; then every
     * change has a reason.
     */
    static boolean onlyDiscrete(Golden c, Map<String, Object> a) {
        String k = kind(c);
        boolean noWarmupNorNoise = !on(a, "warmup_t") && a.get("noise_range_t") == null;
        return switch (k) {
            case "keras.optimizers.schedules.PiecewiseConstantDecay",
                            "tf.compat.v1.train.piecewise_constant",
                            "object_detection.utils.learning_schedules.exponential_decay_with_burnin",
                            "mindspore.nn.piecewise_constant_lr",
                            "mindspore.nn.exponential_decay_lr",
                            "mindspore.nn.natural_exp_decay_lr",
                            "mindspore.nn.inverse_decay_lr",
                            "mindspore.nn.cosine_decay_lr",
                            "mindspore.nn.polynomial_decay_lr",
                            "mindspore.nn.warmup_lr",
                            "optax.piecewise_constant_schedule" ->
                    true;
            case "object_detection.utils.learning_schedules.manual_stepping" -> !on(a, "warmup");
            case "keras.optimizers.schedules.ExponentialDecay",
                            "keras.optimizers.schedules.InverseTimeDecay",
                            "tf.compat.v1.train.exponential_decay",
                            "tf.compat.v1.train.natural_exp_decay",
                            "tf.compat.v1.train.inverse_time_decay",
                            "optax.exponential_decay" ->
                    on(a, "staircase");
            case "mindspore.nn.ExponentialDecayLR",
                            "mindspore.nn.NaturalExpDecayLR",
                            "mindspore.nn.InverseDecayLR" ->
                    on(a, "is_stair");
            case "timm.scheduler.StepLRScheduler",
                            "timm.scheduler.MultiStepLRScheduler",
                            "timm.scheduler.PlateauLRScheduler" ->
                    noWarmupNorNoise;
            default -> false;
        };
    }

    /**
     * Whether a schedule decays in cycles and restarts at each, and has no other event: Keras's and
     * TF's cosine decay with restarts (to their first rate: {@code m_mul=1}), timm's cosine, tanh
     * and poly cycles without warmup, noise or limit.
     */
    static boolean restarts(Golden c, Map<String, Object> a) {
        return switch (kind(c)) {
            case "keras.optimizers.schedules.CosineDecayRestarts",
                            "tf.compat.v1.train.cosine_decay_restarts" ->
                    a.get("m_mul") instanceof Number m && m.doubleValue() == 1.0;
            case "timm.scheduler.CosineLRScheduler",
                            "timm.scheduler.TanhLRScheduler",
                            "timm.scheduler.PolyLRScheduler" ->
                    !on(a, "warmup_t")
                            && a.get("noise_range_t") == null
                            && a.get("cycle_limit") instanceof Number l
                            && l.doubleValue() >= c.steps();
            default -> false;
        };
    }

    /** The updates, from 0, where the rate moves against its first motion: a restart. */
    static Set<Integer> reversals(double[] r) {
        int d = 0;
        Set<Integer> out = new TreeSet<>();
        for (int k = 1; k < r.length; k++) {
            int now = sign(r[k] - r[k - 1]);
            if (d == 0) {
                d = now;
            } else if (now == -d) {
                out.add(k);
            }
        }
        return out;
    }

    /** A count argument as Python reads it (an int, a float, or a bool as 0 or 1), -1 if None. */
    private static double count(Map<String, Object> a, String name) {
        Object v = a.get(name);
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return v instanceof Number n ? n.doubleValue() : -1;
    }

    /** The first step at or past a count: Python compares the int step with the count. */
    private static long len(Map<String, Object> a, String name) {
        return (long) Math.ceil(count(a, name));
    }

    /**
     * The steps of a smooth schedule's events, from its arguments: a warmup's end, the end of a
     * hold or of a phase; empty for a schedule this rule does not cover. Step s is update s + 1 of
     * the schedules read at the update counter.
     */
    static Optional<Set<Long>> argumentEvents(Golden c, Map<String, Object> a) {
        Set<Long> out = new TreeSet<>();
        switch (kind(c)) {
            case "optax.warmup_cosine_decay_schedule" -> out.add(len(a, "warmup_steps"));
            case "transformers.get_constant_schedule_with_warmup",
                            "transformers.get_linear_schedule_with_warmup",
                            "transformers.get_cosine_schedule_with_warmup",
                            "transformers.get_inverse_sqrt_schedule",
                            "transformers.get_cosine_with_min_lr_schedule_with_warmup" ->
                    out.add(len(a, "num_warmup_steps"));
            case "transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate" ->
                    out.add(len(a, "num_warmup_steps") - 1);
            case "transformers.get_polynomial_decay_schedule_with_warmup" -> {
                long w = len(a, "num_warmup_steps");
                long t = len(a, "num_training_steps");
                out.add(w);
                if (t > w) { // lr_end from num_training_steps on, unless still warming up
                    out.add(t);
                }
            }
            case "transformers.get_wsd_schedule" -> {
                double w = count(a, "num_warmup_steps");
                double d = count(a, "num_decay_steps");
                double t = count(a, "num_training_steps");
                double st =
                        a.get("num_stable_steps") == null
                                ? t - w - d
                                : count(a, "num_stable_steps");
                out.add((long) Math.ceil(w));
                out.add((long) Math.ceil(w + st));
                out.add((long) Math.ceil(w + st + d));
            }
            case "mindspore.nn.WarmUpLR" -> out.add(len(a, "warmup_steps"));
            case "mindspore.nn.CosineDecayLR" -> out.add(len(a, "decay_steps"));
            case "object_detection.utils.learning_schedules.cosine_decay_with_warmup" -> {
                long w = len(a, "warmup_steps");
                long h = len(a, "hold_base_rate_steps");
                long t = len(a, "total_steps");
                if (w > 0) {
                    out.add(w);
                }
                if (h > 0) {
                    out.add(w + h + 1);
                }
                out.add(t + 1);
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void familyReasonsAtTheDiscreteChanges(Golden c) {
        Schedule s = ScheduleSpec.parse(c.spec());
        Map<String, Object> a = s.getArguments();
        for (int g = 0; g < c.lrs().length; g++) {
            double[] r = c.rates(g);
            Set<Integer> changes = changes(r);
            Set<Integer> reasons = reasonUpdates(c, s, g);
            assertTrue(
                    changes.containsAll(reasons),
                    c + " group " + g + ": reasons " + reasons + " where the rate stays");
            if (onlyDiscrete(c, a)) {
                assertEquals(changes, reasons, c + " group " + g + ": every change is an event");
                continue;
            }
            if (restarts(c, a)) {
                Set<Integer> expected = reversals(r);
                expected.remove(r.length - 1);
                reasons.remove(r.length - 1);
                assertEquals(expected, reasons, c + " group " + g + ": each restart");
                continue;
            }
            Optional<Set<Long>> events = argumentEvents(c, a);
            if (events.isPresent()) {
                Set<Integer> expected = new TreeSet<>();
                for (long e : events.get()) {
                    // the last update's motion after it is unknown
                    if (e >= 1 && e < r.length - 1 && changes.contains((int) e)) {
                        assertTrue(
                                motionChanges(r, (int) e),
                                c + " group " + g + ": the rate's motion changes at " + e);
                        expected.add((int) e);
                    }
                }
                reasons.remove(r.length - 1);
                assertEquals(
                        expected, reasons, c + " group " + g + ": the events of the arguments");
            }
        }
    }
}
