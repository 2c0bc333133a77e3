package io.github.lrschedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fresh tracker asked for any update first (as after a restore) skips and jumps over steps: its
 * rates, momentums and errors must be those of stepping one by one, for every golden case.
 */
class RandomAccessTest {

    static Stream<GoldenCase> cases() {
        return GoldenTest.cases().filter(c -> !c.spec.contains("ReduceLROnPlateau"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstAccessAtAnyUpdateEqualsSteppingThere(GoldenCase c) {
        if (c.expectedError != null) {
            return;
        }
        LrCurve curve = c.compute();
        int[] probes = {c.steps, c.steps / 2 + 1, 2, c.steps - 1};
        for (int n : probes) {
            if (n < 1 || n > c.steps) {
                continue;
            }
            LrTracker fresh =
                    LrTracker.builder()
                            .setSchedule(c.schedule())
                            .optBaseLrs(c.lrs)
                            .optStepsPerEpoch(c.stepsPerEpoch)
                            .optBaseMomentum(0.9)
                            .build();
            for (int g = 0; g < c.lrs.length; g++) {
                assertEquals(curve.getLr(n - 1, g), fresh.getLr(g, n), c + ": update " + n);
                assertEquals(
                        curve.getMomentum(n - 1, g), fresh.getMomentum(g, n), c + ": update " + n);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aStepThatFailsFailsOnRandomAccessToo(GoldenCase c) {
        if (c.expectedError == null || c.steps / c.stepsPerEpoch < 1) {
            return;
        }
        LrTracker fresh;
        try {
            fresh =
                    LrTracker.builder()
                            .setSchedule(c.schedule())
                            .optBaseLrs(c.lrs)
                            .optStepsPerEpoch(c.stepsPerEpoch)
                            .build();
        } catch (IllegalArgumentException e) {
            return; // rejected at construction: GoldenTest checks that
        }
        // PyTorch fails at one of the steps 1 .. steps / K: so must the last of them.
        int lastStep = c.steps / c.stepsPerEpoch;
        int update = lastStep * c.stepsPerEpoch + 1;
        assertThrows(RuntimeException.class, () -> fresh.getLr(0, update), c.expectedError);
    }
}
