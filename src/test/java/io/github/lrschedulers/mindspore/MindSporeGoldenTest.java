package io.github.lrschedulers.mindspore;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares MindSpore's learning rates with the reference oracle (mindspore_dynamic_lr.py, through
 * generate_mindspore.py): every value of src/test/resources/golden/beyond/mindspore.jsonl must be
 * the same float32 (0 ulp), what MindSpore's optimizer applies; a configuration MindSpore's
 * validators reject is rejected, and a list read past its end fails at the update that reads it.
 */
class MindSporeGoldenTest {

    private static final Pattern GATHER = Pattern.compile("Gather: index (\\d+) out of range");
    private static final AtomicLong VALUES = new AtomicLong();

    /** One line of the goldens. */
    record Case(
            String name,
            String spec,
            int steps,
            double[] lrs,
            int stepsPerEpoch,
            double[][] expected,
            String error) {

        LrCurve compute(int updates) {
            return LrCurve.compute(
                    ScheduleSpec.parse(spec), lrs, updates, stepsPerEpoch, new double[0], 0.9);
        }

        @Override
        public String toString() {
            return name + ": " + spec;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        InputStream in =
                MindSporeGoldenTest.class.getResourceAsStream("/golden/beyond/mindspore.jsonl");
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(parse(JsonParser.parseString(line).getAsJsonObject()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Case parse(JsonObject o) {
        double[] lrs =
                Arrays.stream(o.get("lr").getAsString().split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray();
        JsonObject e = o.getAsJsonObject("expected");
        double[][] expected = null;
        if (e.has("lr")) {
            JsonArray rows = e.getAsJsonArray("lr");
            expected = new double[rows.size()][];
            for (int k = 0; k < rows.size(); k++) {
                JsonArray row = rows.get(k).getAsJsonArray();
                expected[k] = new double[row.size()];
                for (int g = 0; g < row.size(); g++) {
                    expected[k][g] = row.get(g).getAsDouble();
                }
            }
        }
        return new Case(
                o.get("name").getAsString(),
                o.get("spec").getAsString(),
                o.get("steps").getAsInt(),
                lrs,
                o.get("steps_per_epoch").getAsInt(),
                expected,
                e.has("error") ? e.get("error").getAsString() : null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheOracle(Case c) {
        if (c.error() != null) {
            RuntimeException e =
                    assertThrows(RuntimeException.class, () -> c.compute(c.steps()), c.error());
            if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException)) {
                fail("MindSpore: " + c.error() + "; we threw an undocumented " + e, e);
            }
            Matcher m = GATHER.matcher(c.error());
            if (m.find()) {
                // The list ends at index n - 1: n updates run, update n + 1 fails. (An empty
                // list fails at once: the schedule's start rate is its first.)
                int n = Integer.parseInt(m.group(1));
                if (n > 0) {
                    assertDoesNotThrow(() -> c.compute(n), "MindSpore reads the list up to " + n);
                }
                assertThrows(IllegalStateException.class, () -> c.compute(n + 1), c.error());
            }
            return;
        }
        LrCurve curve = c.compute(c.steps());
        assertEquals(c.expected().length, curve.getUpdates());
        for (int k = 0; k < c.expected().length; k++) {
            for (int g = 0; g < c.expected()[k].length; g++) {
                float want = (float) c.expected()[k][g];
                float got = (float) curve.getLr(k, g);
                VALUES.incrementAndGet();
                if (Float.floatToIntBits(want) != Float.floatToIntBits(got)) {
                    fail(
                            String.format(
                                    "%s: update %d, group %d: MindSpore %s, ours %s (%d ulps)",
                                    c, k + 1, g, want, got, ulps(want, got)));
                }
            }
        }
    }

    private static long ulps(float a, float b) {
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float f) {
        int bits = Float.floatToIntBits(f);
        return bits < 0 ? Integer.MIN_VALUE - (long) bits : bits;
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "MindSporeGoldenTest: %d values, all bit-identical in float32%n", VALUES.get());
    }
}
