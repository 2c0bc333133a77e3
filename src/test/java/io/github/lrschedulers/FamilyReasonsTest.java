package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reasons of the other families' discrete schedules: a staircase decay or a piecewise constant
 * rate changes only where a reason says why, and every such change has one; read off the Keras and
 * TF goldens' rates. transformers' warmups end with a reason.
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
}
