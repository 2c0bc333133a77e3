package io.github.lrschedulers.timm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lrschedulers.BeyondGoldens;
import io.github.lrschedulers.BeyondGoldens.Case;
import io.github.lrschedulers.LrCurve;
import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * timm's schedulers against the reference oracle (generate_timm.py writes timm.jsonl from
 * ../shared/oracle/beyond): every value equal in float32 (0 ulp) and within one double ulp (all but
 * four identical as doubles), every configuration timm rejects rejected, every schedule's {@code
 * toString()} parsing back to an equal schedule.
 *
 * <p>The oracle's update k is LrCurve's row k - 1, with the oracle's {@code steps_per_epoch} as
 * LrCurve's: a schedule with {@code t_in_epochs=False} sees every update whatever it is. A tracker
 * run as training runs it (stepped per update, or per epoch of K updates with the metrics reported
 * at the epoch ends) gives the same rates.
 */
class TimmGoldenTest {

    private static final AtomicLong VALUES = new AtomicLong();
    private static final AtomicLong DOUBLE_EQUAL = new AtomicLong();

    static List<Case> cases() throws IOException {
        return BeyondGoldens.read("/golden/beyond/timm.jsonl");
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
                assertBits(c.expected()[k][g], curve.getLr(k, g), k, g);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aTrackerRunAsTrainingGivesTheSameRates(Case c) {
        if (c.error() != null) {
            return;
        }
        Schedule s = ScheduleSpec.parse(c.spec());
        // as LrScheduleListener runs it: the metric and the end of every epoch reported; a
        // schedule with t_in_epochs=False still takes a step per update
        LrTracker tracker =
                LrTracker.builder().setSchedule(s).optBaseLrs(c.lrs()).optStepAtEpochEnds().build();
        int k = c.stepsPerEpoch();
        for (int n = 1; n <= c.steps(); n++) {
            for (int g = 0; g < c.lrs().length; g++) {
                assertBits(c.expected()[n - 1][g], tracker.getLr(g, n), n - 1, g);
            }
            if (n % k == 0) {
                int e = n / k - 1;
                if (tracker.usesMetrics()) {
                    tracker.reportMetric(c.metrics()[Math.min(e, c.metrics().length - 1)]);
                }
                tracker.epochEnded(n);
            }
        }
    }

    /**
     * Asserts float32 identity (what a DJL tracker returns) and at most one double ulp: glibc's
     * {@code pow}, which Python's {@code **} calls, is not correctly rounded in rare hard cases
     * (two of timm.jsonl, 4 values: {@code 0.2800822763112788 ** 0.5} and {@code 0.926 ** 8},
     * 0.5002 and 0.5010 ulp from the exact result), where the library's correctly rounded pow gives
     * the nearer double.
     */
    private static void assertBits(double expected, double actual, int k, int g) {
        Supplier<String> where =
                () ->
                        "update "
                                + (k + 1)
                                + ", group "
                                + g
                                + ": expected "
                                + expected
                                + " but was "
                                + actual;
        assertEquals(
                Float.floatToIntBits((float) expected),
                Float.floatToIntBits((float) actual),
                where);
        if (Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual)) {
            DOUBLE_EQUAL.incrementAndGet();
        } else {
            assertTrue(Math.abs(expected - actual) <= Math.ulp(expected), where);
        }
        VALUES.incrementAndGet();
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "timm goldens: %d values (curves and trackers) equal in float32, %d of them"
                        + " identical as doubles%n",
                VALUES.get(), DOUBLE_EQUAL.get());
    }
}
