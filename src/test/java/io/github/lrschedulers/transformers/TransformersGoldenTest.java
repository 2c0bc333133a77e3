package io.github.lrschedulers.transformers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.BeyondGoldens;
import io.github.lrschedulers.BeyondGoldens.Case;
import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transformers schedules against the reference oracle (generate_transformers.py writes
 * transformers.jsonl from ../shared/oracle/beyond): every value equal in float32 (0 ulp; how many
 * are identical as doubles too is printed), every configuration transformers rejects rejected, and
 * every schedule's {@code toString()} parses back to an equal schedule.
 *
 * <p>The oracle's update k is LrCurve's row k - 1. The LambdaLR schedules step once per update
 * whatever the steps per epoch (they see the optimizer's update counter); ReduceLROnPlateau steps
 * once per evaluation, one every {@code steps_per_epoch} updates.
 */
class TransformersGoldenTest {

    private static final AtomicLong VALUES = new AtomicLong();
    private static final AtomicLong DOUBLE_EQUAL = new AtomicLong();

    static List<Case> cases() throws IOException {
        return BeyondGoldens.read("/golden/beyond/transformers.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheOracle(Case c) {
        if (c.error() != null) {
            RuntimeException e = assertThrows(RuntimeException.class, c::compute, c.error());
            assertTrue(
                    e instanceof IllegalArgumentException || e instanceof IllegalStateException,
                    () -> "expected a rejection like " + c.error() + ", but got " + e);
            return;
        }
        Schedule parsed = ScheduleSpec.parse(c.spec());
        assertEquals(parsed, ScheduleSpec.parse(parsed.toString()), "toString parses back");
        LrCurve curve = c.compute();
        assertEquals(c.expected().length, curve.getUpdates());
        for (int k = 0; k < c.expected().length; k++) {
            for (int g = 0; g < c.lrs().length; g++) {
                double expected = c.expected()[k][g];
                double actual = curve.getLr(k, g);
                int kk = k;
                int gg = g;
                assertEquals(
                        Float.floatToIntBits((float) expected),
                        Float.floatToIntBits((float) actual),
                        () ->
                                "update "
                                        + (kk + 1)
                                        + ", group "
                                        + gg
                                        + ": expected "
                                        + expected
                                        + " but was "
                                        + actual);
                VALUES.incrementAndGet();
                if (Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual)) {
                    DOUBLE_EQUAL.incrementAndGet();
                }
            }
        }
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "transformers goldens: %d values equal in float32, %d of them identical as"
                        + " doubles%n",
                VALUES.get(), DOUBLE_EQUAL.get());
    }
}
