package io.github.lrschedulers.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.LrTracker;
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
 * Compares the TF 1.x decays and the Object Detection API's schedules with the float32 oracle
 * (tf1_decays.py): src/test/resources/golden/beyond/tf1.jsonl, written by generate_tf1.py. Row k of
 * a golden is update k + 1, which evaluates global step k. Every value must be the oracle's float32
 * bit for bit (0 ulp; NaN matches NaN); a configuration the oracle rejects, at construction or at a
 * step, must be rejected.
 */
class TfGoldenTest {

    private static final String GOLDEN = "/golden/beyond/tf1.jsonl";
    private static final AtomicLong VALUES = new AtomicLong();

    /** One line of tf1.jsonl. */
    record Case(
            String spec,
            int steps,
            int gradAccum,
            double[] lrs,
            double[][] expected,
            String error) {
        @Override
        public String toString() {
            return spec
                    + " x"
                    + steps
                    + (gradAccum > 1 ? " every " + gradAccum : "")
                    + (error != null ? " -> " + error : "");
        }

        /** The rates of every row and group, as the library computes them. */
        double[][] compute() {
            double[][] out = new double[steps][lrs.length];
            if (gradAccum > 1) {
                LrTracker tracker = LrTracker.of(ScheduleSpec.parse(spec), lrs[0]);
                for (int k = 0; k < steps; k++) {
                    out[k][0] = tracker.getLr(0, (k + 1) * gradAccum);
                }
                return out;
            }
            LrCurve curve =
                    LrCurve.compute(ScheduleSpec.parse(spec), lrs, steps, 1, new double[0], 0.9);
            assertEquals(steps, curve.getUpdates());
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
        try (InputStream in = TfGoldenTest.class.getResourceAsStream(GOLDEN);
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
        double[] lrs =
                Arrays.stream(o.get("lr").getAsString().split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray();
        String spec = o.get("spec").getAsString();
        int steps = o.get("steps").getAsInt();
        int accum = o.has("grad_accum") ? o.get("grad_accum").getAsInt() : 1;
        JsonObject expected = o.getAsJsonObject("expected");
        if (expected.has("error")) {
            return new Case(spec, steps, accum, lrs, null, expected.get("error").getAsString());
        }
        JsonArray rows = expected.getAsJsonArray("lr");
        double[][] values = new double[rows.size()][];
        for (int k = 0; k < values.length; k++) {
            JsonArray row = rows.get(k).getAsJsonArray();
            values[k] = new double[row.size()];
            for (int g = 0; g < row.size(); g++) {
                values[k][g] = row.get(g).getAsDouble(); // NaN and Infinity too
            }
        }
        return new Case(spec, steps, accum, lrs, values, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheOracle(Case c) {
        if (c.error() != null) {
            RuntimeException e = assertThrows(RuntimeException.class, c::compute, c.error());
            assertTrue(
                    e instanceof IllegalArgumentException || e instanceof IllegalStateException,
                    "the oracle: " + c.error() + "; we threw an undocumented " + e);
            return;
        }
        double[][] curve = c.compute();
        assertEquals(c.expected().length, curve.length);
        for (int k = 0; k < c.expected().length; k++) {
            for (int g = 0; g < c.lrs().length; g++) {
                double expected = c.expected()[k][g];
                double actual = curve[k][g];
                if (Double.compare(expected, actual) != 0) {
                    fail(
                            c
                                    + ": row "
                                    + (k + 1)
                                    + " group "
                                    + g
                                    + ": expected "
                                    + expected
                                    + " (float32 "
                                    + (float) expected
                                    + "), was "
                                    + actual);
                }
                VALUES.incrementAndGet();
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
        assertTrue(rejected.size() >= 4, rejected::toString);
    }

    @AfterAll
    static void report() {
        System.out.println("TfGoldenTest: " + VALUES.get() + " values, all 0 ulp (bit-identical)");
    }
}
