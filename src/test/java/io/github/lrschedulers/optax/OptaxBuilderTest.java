package io.github.lrschedulers.optax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lrschedulers.LrTracker;
import io.github.lrschedulers.Schedule;
import io.github.lrschedulers.spec.ScheduleSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Java builders of the optax schedules: the same schedule as the spec, printed back as one,
 * rejecting with optax's rule named, carrying their own start rate.
 */
class OptaxBuilderTest {

    @Test
    void buildersMakeTheSpecsSchedules() {
        assertSame(
                "optax.exponential_decay(0.1, 10, 0.5, transition_begin=3, staircase=True,"
                        + " end_value=0.01)",
                ExponentialDecay.builder()
                        .setInitValue(0.1)
                        .setTransitionSteps(10)
                        .setDecayRate(0.5)
                        .optTransitionBegin(3)
                        .optStaircase(true)
                        .optEndValue(0.01)
                        .build());
        assertSame(
                "optax.cosine_decay_schedule(0.1, 40, alpha=0.1, exponent=2)",
                CosineDecaySchedule.builder()
                        .setInitValue(0.1)
                        .setDecaySteps(40)
                        .optAlpha(0.1)
                        .optExponent(2)
                        .build());
        assertSame(
                "optax.warmup_cosine_decay_schedule(0.0, 0.1, 5, 40, end_value=0.001,"
                        + " exponent=1.5)",
                WarmupCosineDecaySchedule.builder()
                        .setInitValue(0.0)
                        .setPeakValue(0.1)
                        .setWarmupSteps(5)
                        .setDecaySteps(40)
                        .optEndValue(0.001)
                        .optExponent(1.5)
                        .build());
        assertSame(
                "optax.warmup_exponential_decay_schedule(0.0, 0.1, 5, 4, 0.8, 2, True, 0.02)",
                WarmupExponentialDecaySchedule.builder()
                        .setInitValue(0.0)
                        .setPeakValue(0.1)
                        .setWarmupSteps(5)
                        .setTransitionSteps(4)
                        .setDecayRate(0.8)
                        .optTransitionBegin(2)
                        .optStaircase(true)
                        .optEndValue(0.02)
                        .build());
        assertSame(
                "optax.polynomial_schedule(0.5, 0.01, 3, 40, 2)",
                PolynomialSchedule.builder()
                        .setInitValue(0.5)
                        .setEndValue(0.01)
                        .setPower(3)
                        .setTransitionSteps(40)
                        .optTransitionBegin(2)
                        .build());
    }

    @Test
    void joinSchedulesTakesOptaxSchedules() {
        assertSame(
                "optax.join_schedules([optax.polynomial_schedule(0.0, 0.1, 1, 10),"
                        + " optax.cosine_decay_schedule(0.1, 40)], [10])",
                JoinSchedules.builder()
                        .setSchedules(
                                PolynomialSchedule.builder()
                                        .setInitValue(0.0)
                                        .setEndValue(0.1)
                                        .setPower(1)
                                        .setTransitionSteps(10)
                                        .build(),
                                CosineDecaySchedule.builder()
                                        .setInitValue(0.1)
                                        .setDecaySteps(40)
                                        .build())
                        .setBoundaries(10)
                        .build());
        assertThrows(
                IllegalArgumentException.class,
                () -> ScheduleSpec.parse("optax.join_schedules([StepLR(step_size=2)], [])"));
    }

    @Test
    void anIntPowerIsNotAFloatPower() {
        Schedule i =
                PolynomialSchedule.builder()
                        .setInitValue(0.5)
                        .setEndValue(0.01)
                        .setPower(3)
                        .setTransitionSteps(40)
                        .build();
        Schedule f = ScheduleSpec.parse("optax.polynomial_schedule(0.5, 0.01, 3.0, 40)");
        assertNotEquals(i, f);
        assertEquals(
                "optax.polynomial_schedule(init_value=0.5, end_value=0.01, power=3,"
                        + " transition_steps=40, transition_begin=0)",
                i.toString());
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
    void rejectsWithOptaxsRuleNamed() {
        assertEquals(
                "cosine_decay_schedule decay_steps must be > 0 (cosine_decay_schedule requires"
                        + " positive decay_steps), but was 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        CosineDecaySchedule.builder()
                                                .setInitValue(0.1)
                                                .setDecaySteps(0)
                                                .build())
                        .getMessage());
        assertEquals(
                "warmup_cosine_decay_schedule decay_steps - warmup_steps must be > 0"
                        + " (cosine_decay_schedule requires positive decay_steps), but was -5",
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        WarmupCosineDecaySchedule.builder()
                                                .setInitValue(0.1)
                                                .setPeakValue(0.5)
                                                .setWarmupSteps(10)
                                                .setDecaySteps(5)
                                                .build())
                        .getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ScheduleSpec.parse("optax.cosine_decay_schedule(0.1, 10, exponent='x')"));
    }

    @Test
    void carriesItsOwnRateForEveryGroup() {
        Schedule s =
                ExponentialDecay.builder()
                        .setInitValue(0.1)
                        .setTransitionSteps(10)
                        .setDecayRate(0.5)
                        .build();
        assertEquals(Optional.of(List.of((double) 0.1f)), s.getOwnStartRates());
        LrTracker t = LrTracker.builder().setSchedule(s).optBaseLrs(0.3, 0.7).build();
        assertEquals(0.1f, t.getLr(0, 1));
        assertEquals(0.1f, t.getLr(1, 1));
        assertEquals(0.05f, t.getLr(1, 11));
    }
}
