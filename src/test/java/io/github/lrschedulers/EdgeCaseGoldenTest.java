package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The faults found by fuzzing, against real PyTorch 2.13: {@code edge-cases.jsonl}, written by
 * {@code src/test/resources/golden/generate_edge_cases.py}. CosineAnnealingWarmRestarts whose
 * {@code T_i} outgrows 64 bits (Python's ints do not overflow), and OneCycleLR with a NaN {@code
 * pct_start} (NaN throughout, not a cached cosine). Every value must be the very double PyTorch
 * computes (NaN included), stepping in order and asking the tracker in reverse order (replays and
 * jumps).
 */
class EdgeCaseGoldenTest {

    static Stream<GoldenCase> cases() {
        return GoldenCase.load("/golden/edge-cases.jsonl").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchExactly(GoldenCase c) {
        assertNull(c.expectedError, c.name);
        LrCurve curve = c.compute();
        assertEquals(c.expectedLr.length, curve.getUpdates());
        for (int k = 0; k < c.expectedLr.length; k++) {
            for (int g = 0; g < c.expectedLr[k].length; g++) {
                check(c, "lr", k, g, c.expectedLr[k][g], curve.getLr(k, g));
                if (c.expectedMomentum != null) {
                    check(c, "momentum", k, g, c.expectedMomentum[k][g], curve.getMomentum(k, g));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trackerGivesTheSameValuesInAnyOrder(GoldenCase c) {
        Schedule schedule = ScheduleSpec.parse(c.spec);
        LrTracker tracker =
                LrTracker.builder()
                        .setSchedule(schedule)
                        .optBaseLrs(c.lrs)
                        .optStepsPerEpoch(c.stepsPerEpoch)
                        .optBaseMomentum(0.9)
                        .build();
        for (int k = c.expectedLr.length - 1; k >= 0; k--) {
            for (int g = 0; g < c.expectedLr[k].length; g++) {
                check(c, "tracker lr", k, g, c.expectedLr[k][g], tracker.getLr(g, k + 1));
                if (c.expectedMomentum != null) {
                    check(
                            c,
                            "tracker momentum",
                            k,
                            g,
                            c.expectedMomentum[k][g],
                            tracker.getMomentum(g, k + 1));
                }
            }
            assertEquals(
                    Float.floatToIntBits((float) c.expectedLr[k][0]),
                    Float.floatToIntBits(tracker.getNewValue(k + 1)),
                    c + ": getNewValue(" + (k + 1) + ")");
        }
    }

    private static void check(GoldenCase c, String what, int k, int g, double want, double got) {
        assertEquals(
                Double.doubleToLongBits(want),
                Double.doubleToLongBits(got),
                () ->
                        String.format(
                                "%s: %s of update %d, group %d: PyTorch %s, ours %s",
                                c, what, k, g, want, got));
    }
}
