package io.github.lrschedulers.optax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.LrCurve;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares optax's schedules with the float32 model optax_f32.py: src/test/resources/golden/beyond/
 * optax.jsonl, written by generate_optax.py. Row k of a golden is update k + 1, which evaluates
 * count k. Every value must be the model's correctly rounded float32 ({@code --mode cr}) bit for
 * bit (0 ulp; NaN matches NaN), and within {@value #MAX_ULP_TO_OPTAX} ulp of the model of the real
 * optax on CPU ({@code --mode xla}: glibc's cosf/powf), except where that one flushes a subnormal
 * to zero; a configuration optax rejects must be rejected.
 *
 * <p>The {@code --mode xla} values were identical to the real optax 0.2.8 (jax 0.10.2, CPU, glibc
 * 2.36; optax_batch.py) on all 46 517 normal values of these cases: this library is at most 3 ulp
 * from the real optax (46 476 values at 0 ulp, 30 at 1, 8 at 2, 3 at 3).
 */
class OptaxGoldenTest {

    /** The criterion against the real optax. */
    static final int MAX_ULP_TO_OPTAX = 4;

    private static final String GOLDEN = "/golden/beyond/optax.jsonl";
    private static final AtomicLong VALUES = new AtomicLong();
    private static final AtomicLong XLA_EXACT = new AtomicLong();
    private static final AtomicLong XLA_FLUSHED = new AtomicLong();
    private static final AtomicLong XLA_MAX_ULP = new AtomicLong();

    /** One line of optax.jsonl. */
    record Case(
            String spec,
            int steps,
            double[] lrs,
            double[][] expected,
            double[][] xla,
            String error) {
        @Override
        public String toString() {
            return spec + " x" + steps + (error != null ? " -> " + error : "");
        }

        /** The rates of every row and group, as the library computes them. */
        double[][] compute() {
            LrCurve curve =
                    LrCurve.compute(ScheduleSpec.parse(spec), lrs, steps, 1, new double[0], 0.9);
            assertEquals(steps, curve.getUpdates());
            double[][] out = new double[steps][lrs.length];
            for (int k = 0; k < steps; k++) {
                for (int g = 0; g < lrs.length; g++) {
                    out[k][g] = curve.getLr(k, g);
                }
            }
            return out;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        try (InputStream in = OptaxGoldenTest.class.getResourceAsStream(GOLDEN);
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(parse(JsonParser.parseString(line).getAsJsonObject()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Case parse(JsonObject o) {
        assertEquals(1, o.get("steps_per_epoch").getAsInt(), "the schedule sees every update");
        String spec = o.get("spec").getAsString();
        int steps = o.get("steps").getAsInt();
        double[] lrs =
                Arrays.stream(o.get("lr").getAsString().split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray();
        JsonObject expected = o.getAsJsonObject("expected");
        if (expected.has("error")) {
            return new Case(spec, steps, lrs, null, null, expected.get("error").getAsString());
        }
        return new Case(spec, steps, lrs, rows(expected), rows(o.getAsJsonObject("xla")), null);
    }

    private static double[][] rows(JsonObject result) {
        JsonArray rows = result.getAsJsonArray("lr");
        double[][] values = new double[rows.size()][];
        for (int k = 0; k < values.length; k++) {
            JsonArray row = rows.get(k).getAsJsonArray();
            values[k] = new double[row.size()];
            for (int g = 0; g < row.size(); g++) {
                values[k][g] = row.get(g).getAsDouble(); // NaN and Infinity too
            }
        }
        return values;
    }

    /** The distance in float32 ulps (0 for NaN against NaN). */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? -(long) (bits & Integer.MAX_VALUE) : bits;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheModel(Case c) {
        if (c.error() != null) {
            RuntimeException e = assertThrows(RuntimeException.class, c::compute, c.error());
            assertTrue(
                    e instanceof IllegalArgumentException || e instanceof IllegalStateException,
                    "the oracle: " + c.error() + "; we threw an undocumented " + e);
            return;
        }
        double[][] actual = c.compute();
        assertEquals(c.expected().length, actual.length);
        for (int k = 0; k < actual.length; k++) {
            for (int g = 0; g < c.lrs().length; g++) {
                double expected = c.expected()[k][g];
                if (Double.compare(expected, actual[k][g]) != 0) {
                    fail(
                            c
                                    + ": row "
                                    + (k + 1)
                                    + " group "
                                    + g
                                    + ": expected "
                                    + expected
                                    + ", was "
                                    + actual[k][g]);
                }
                VALUES.incrementAndGet();
                float xla = (float) c.xla()[k][g];
                float ours = (float) actual[k][g];
                if (xla == 0f && ours != 0f && Math.abs(ours) < Float.MIN_NORMAL) {
                    XLA_FLUSHED.incrementAndGet();
                    continue;
                }
                long d = ulps(ours, xla);
                if (d > MAX_ULP_TO_OPTAX) {
                    fail(
                            c
                                    + ": row "
                                    + (k + 1)
                                    + ": "
                                    + d
                                    + " ulp from optax's "
                                    + xla
                                    + ", was "
                                    + ours);
                }
                XLA_MAX_ULP.accumulateAndGet(d, Math::max);
                if (d == 0) {
                    XLA_EXACT.incrementAndGet();
                }
            }
        }
    }

    @Test
    void everyScheduleOfTheFamilyHasGoldensAndRejections() {
        Set<String> names = new TreeSet<>();
        Set<String> rejected = new TreeSet<>();
        for (Case c : cases()) {
            String name = c.spec().substring(0, c.spec().indexOf('('));
            (c.error() == null ? names : rejected).add(name);
        }
        assertEquals(11, names.size(), names::toString);
        assertEquals(
                Set.of(
                        "optax.cosine_decay_schedule",
                        "optax.join_schedules",
                        "optax.warmup_cosine_decay_schedule",
                        "optax.piecewise_constant_schedule",
                        "optax.piecewise_interpolate_schedule",
                        "optax.linear_onecycle_schedule",
                        "optax.cosine_onecycle_schedule",
                        "optax.sgdr_schedule"),
                rejected);
    }

    @AfterAll
    static void report() {
        System.out.println(
                "OptaxGoldenTest: "
                        + VALUES.get()
                        + " values, all 0 ulp from the model; against optax on CPU (glibc): "
                        + XLA_EXACT.get()
                        + " at 0 ulp, at most "
                        + XLA_MAX_ULP.get()
                        + " ulp, "
                        + XLA_FLUSHED.get()
                        + " subnormals that optax flushes to 0");
    }
}
