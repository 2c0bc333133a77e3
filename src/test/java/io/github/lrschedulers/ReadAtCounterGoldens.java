package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The golden cases of the float32 families read at the update counter (Keras, TF 1.x and the Object
 * Detection API), shared by their tests: row k of a golden is update k + 1, which evaluates step k;
 * a case with {@code grad_accum} N has at row k the step (k + 1) N - 1, asked of a tracker as
 * update (k + 1) N (steps above 2^24, where the float32 step collapses).
 */
public final class ReadAtCounterGoldens {

    private ReadAtCounterGoldens() {}

    /** One line of a golden file. */
    public record Case(
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
        public double[][] compute() {
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

    /**
     * Reads the cases of a golden resource, e.g. {@code /golden/beyond/keras.jsonl}.
     *
     * @param resource the resource
     * @return the cases
     */
    public static List<Case> load(String resource) {
        List<Case> out = new ArrayList<>();
        try (InputStream in =
                        Objects.requireNonNull(
                                ReadAtCounterGoldens.class.getResourceAsStream(resource),
                                resource);
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
        int accum = o.has("grad_accum") ? o.get("grad_accum").getAsInt() : 1;
        double[] lrs =
                Arrays.stream(o.get("lr").getAsString().split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray();
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

    /**
     * Asserts that the library gives a case's every value bit for bit (0 ulp; NaN matches NaN), or
     * rejects what the reference rejects.
     *
     * @param c the case
     * @param values counts the values compared
     */
    public static void assertMatches(Case c, AtomicLong values) {
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
                                    + " (float32 "
                                    + (float) expected
                                    + "), was "
                                    + actual[k][g]);
                }
                values.incrementAndGet();
            }
        }
    }
}
