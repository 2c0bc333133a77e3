package io.github.lrschedulers.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Java builders of the Keras schedules: the same schedule as the spec, printed back as one,
 * rejecting with Keras's rule named, carrying their own start rate.
 */
class KerasBuilderTest {

    @Test
    void buildersMakeTheSpecsSchedules() {
        assertSame(
                "keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=0.1,"
                        + " decay_steps=10, decay_rate=0.5, staircase=True)",
                ExponentialDecay.builder()
                        .setInitialLearningRate(0.1)
                        .setDecaySteps(10)
                        .setDecayRate(0.5)
                        .optStaircase(true)
                        .build());
        assertSame(
                "keras.optimizers.schedules.PiecewiseConstantDecay([2, 4], [0.1, 0.01, 0.001])",
                PiecewiseConstantDecay.builder()
                        .setBoundaries(2, 4)
                        .setValues(0.1, 0.01, 0.001)
                        .build());
        assertSame(
                "keras.optimizers.schedules.PolynomialDecay(0.1, 10, 0.001, 2.0, True)",
                PolynomialDecay.builder()
                        .setInitialLearningRate(0.1)
                        .setDecaySteps(10)
                        .optEndLearningRate(0.001)
                        .optPower(2)
                        .optCycle(true)
                        .build());
        assertSame(
                "keras.optimizers.schedules.InverseTimeDecay(0.1, 7, 1.5, name='i')",
                InverseTimeDecay.builder()
                        .setInitialLearningRate(0.1)
                        .setDecaySteps(7)
                        .setDecayRate(1.5)
                        .optName("i")
                        .build());
        assertSame(
                "keras.optimizers.schedules.CosineDecay(0.01, 40, alpha=0.1, warmup_target=0.2,"
                        + " warmup_steps=15)",
                CosineDecay.builder()
                        .setInitialLearningRate(0.01)
                        .setDecaySteps(40)
                        .optAlpha(0.1)
                        .optWarmupTarget(0.2)
                        .optWarmupSteps(15)
                        .build());
        assertSame(
                "keras.optimizers.schedules.CosineDecayRestarts(0.1, 7, 1.5, 0.8, 0.05)",
                CosineDecayRestarts.builder()
                        .setInitialLearningRate(0.1)
                        .setFirstDecaySteps(7)
                        .optTMul(1.5)
                        .optMMul(0.8)
                        .optAlpha(0.05)
                        .build());
    }

    private static void assertSame(String spec, Schedule built) {
        Schedule parsed = ScheduleSpec.parse(spec);
        assertEquals(parsed, built);
        assertEquals(parsed, ScheduleSpec.parse(built.toString()), built::toString);
        LrTracker a = LrTracker.of(parsed, 1.0);
        LrTracker b = LrTracker.of(built, 1.0);
        for (int n = 1; n <= 60; n++) {
            assertEquals(a.getLr(0, n), b.getLr(0, n), spec + " update " + n);
        }
    }

    @Test
    void rejectsWithKerassRuleNamed() {
        assertEquals(
                "CosineDecayRestarts first_decay_steps must be > 0, but was 0.0",
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        CosineDecayRestarts.builder()
                                                .setInitialLearningRate(0.1)
                                                .setFirstDecaySteps(0)
                                                .build())
                        .getMessage());
        assertEquals(
                "PiecewiseConstantDecay boundaries must have one item fewer than values, but had 2"
                        + " and values 2",
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        PiecewiseConstantDecay.builder()
                                                .setBoundaries(2, 4)
                                                .setValues(0.1, 0.01)
                                                .build())
                        .getMessage());
    }

    @Test
    void carriesItsOwnRateForEveryGroup() {
        Schedule s =
                ExponentialDecay.builder()
                        .setInitialLearningRate(0.1)
                        .setDecaySteps(10)
                        .setDecayRate(0.5)
                        .build();
        assertEquals(Optional.of(List.of((double) 0.1f)), s.getOwnStartRates());
        LrTracker t = LrTracker.builder().setSchedule(s).optBaseLrs(0.3, 0.7).build();
        assertEquals(0.1f, t.getLr(0, 1));
        assertEquals(0.1f, t.getLr(1, 1));
        assertEquals(0.05f, t.getLr(1, 11));
    }
}
